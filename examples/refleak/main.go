// Seed "Golang escape analysis" (2015): a pointer stored into another parameter's pointee leaks.
package main

type S struct {
	M *int
}

func main() {
	var x S
	var i int
	ref(&i, &x)
}

func ref(y *int, z *S) {
	z.M = y
}
