module residue4
go 1.27
