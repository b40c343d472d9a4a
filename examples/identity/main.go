// Seed "Golang escape analysis" (2015): a pointer parameter that flows to the result.
package main

type S struct{}

func main() {
	var x S
	y := &x
	_ = *identity(y)
}

func identity(z *S) *S {
	return z
}
