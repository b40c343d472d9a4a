// Before: fmt.Println's ...any argument: n is converted to an interface that escapes.
package main

import "fmt"

//go:noinline
func show(n int) {
	fmt.Println(n) // explain
}

func main() { show(12345) }
