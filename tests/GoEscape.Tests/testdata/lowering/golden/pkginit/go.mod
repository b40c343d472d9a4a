module pkginit

go 1.27
