module promotedkey
go 1.27
