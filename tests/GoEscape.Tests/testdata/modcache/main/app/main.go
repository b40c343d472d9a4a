package main

import (
	"fmt"

	"example.com/main/lib"
)

func main() {
	fmt.Println(lib.Use(1), lib.Local(2))
}
