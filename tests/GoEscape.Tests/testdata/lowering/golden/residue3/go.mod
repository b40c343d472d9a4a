module residue3
go 1.27
