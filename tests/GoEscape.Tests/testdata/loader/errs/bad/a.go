package bad; import "fmt
