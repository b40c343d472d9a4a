// Seed "Escape Analysis in Go: Stack vs. Heap": a returned address passed to fmt.Printf.
package main

import (
	"fmt"
)

func f() *int {
	a := 42
	return &a
}

func main() {
	fmt.Printf("%d", *f())
}
