// After: a declared array variable (65,544 bytes, under 128 KiB), sliced.
package main

//go:noinline
func sum() int64 {
	var buf [8193]int64 // explain
	s := buf[:]
	var t int64
	for i := range s {
		s[i] = int64(i)
		t += s[i]
	}
	return t
}

func main() { println(sum()) }
