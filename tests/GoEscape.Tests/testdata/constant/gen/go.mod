module goescape/constantgen

go 1.27
