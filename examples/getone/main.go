// Seed "Escape Analysis in Go" (Harsh Gupta), example 3: returning pointers.
package main

import "fmt"

func getOne() *int {
	i := 1
	return &i
}

func main() {
	a := getOne()

	fmt.Println(*a)
}
