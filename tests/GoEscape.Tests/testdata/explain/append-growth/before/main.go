// Before: append grows a non-escaping slice past its 32-byte stack buffer.
package main

//go:noinline
func sum(n int) int {
	var s []int
	for i := 0; i < n; i++ {
		s = append(s, i) // explain
	}
	t := 0
	for _, v := range s {
		t += v
	}
	return t
}

func main() { println(sum(100)) }
