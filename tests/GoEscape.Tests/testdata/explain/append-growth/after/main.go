// After: the slice starts from a constant capacity (128 ints, 1 KiB) on the stack.
package main

//go:noinline
func sum(n int) int {
	s := make([]int, 0, 128) // explain
	for i := 0; i < n; i++ {
		s = append(s, i)
	}
	t := 0
	for _, v := range s {
		t += v
	}
	return t
}

func main() { println(sum(100)) }
