// After: a constant capacity bound (128 ints, 1 KiB), so the backing store is on the stack.
package main

//go:noinline
func sum(n int) int {
	s := make([]int, n, 128) // explain
	t := 0
	for i := range s {
		s[i] = i
		t += s[i]
	}
	return t
}

func main() { println(sum(100)) }
