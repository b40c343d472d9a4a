// After: the func literal uses a copy made just before it, which is never reassigned: captured by value.
package main

//go:noinline
func counter(n int) func() int {
	x := n // explain
	y := x
	f := func() int { return y * 2 }
	x++
	_ = x
	return f
}

func main() { println(counter(3)()) }
