module dump
go 1.27
