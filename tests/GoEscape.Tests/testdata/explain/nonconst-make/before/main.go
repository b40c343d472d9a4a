// Before: make with a non-constant size: on the stack only up to 32 bytes at run time (gc >= 1.25).
package main

//go:noinline
func sum(n int) int {
	s := make([]int, n) // explain
	t := 0
	for i := range s {
		s[i] = i
		t += s[i]
	}
	return t
}

func main() { println(sum(100)) }
