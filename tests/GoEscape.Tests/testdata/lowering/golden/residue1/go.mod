module residue1
go 1.27
