module deadlocals
go 1.27
