// Seed "Escape Analysis in Go: Stack vs. Heap": growing the stack by recursion.
package main

const size = 1024

func main() {
	s := "foobar"
	stackCopy(&s, 0, [size]int{})
}

func stackCopy(s *string, c int, a [size]int) {
	println(c, s)
	c++
	if c == 24 {
		return
	}
	stackCopy(s, c, a)
}
