// Seed "Golang escape analysis" (2015): returning the address of a parameter.
package main

type S struct{}

func main() {
	var x S
	_ = *ref(x)
}

func ref(z S) *S {
	return &z
}
