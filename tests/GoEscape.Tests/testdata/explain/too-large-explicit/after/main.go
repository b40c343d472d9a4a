// After: the same work through a buffer of 32,000 bytes, in chunks.
package main

//go:noinline
func sumSquares(n int) int {
	var a [4000]int // explain
	t := 0
	if n > 20000 {
		n = 20000
	}
	for base := 0; base < n; base += len(a) {
		for i := 0; i < len(a) && base+i < n; i++ {
			a[i] = (base + i) * (base + i)
			t += a[i]
		}
	}
	return t
}

func main() { println(sumSquares(20000)) }
