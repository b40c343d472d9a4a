// Before: make with a constant size over 64 KiB (the seed's largealloc: make([]int64, 8193)).
package main

//go:noinline
func sum() int64 {
	s := make([]int64, 8193) // explain
	var t int64
	for i := range s {
		s[i] = int64(i)
		t += s[i]
	}
	return t
}

func main() { println(sum()) }
