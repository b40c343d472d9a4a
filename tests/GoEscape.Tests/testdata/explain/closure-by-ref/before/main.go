// Before: x is assigned after the func literal is made, so the escaping closure captures it by reference.
package main

//go:noinline
func counter(n int) func() int {
	x := n // explain
	f := func() int { return x * 2 }
	x++
	return f
}

func main() { println(counter(3)()) }
