module residue2
go 1.27
