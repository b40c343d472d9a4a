// Before: a declared variable of 160,000 bytes (over 128 KiB).
package main

//go:noinline
func sumSquares(n int) int {
	var a [20000]int // explain
	t := 0
	for i := 0; i < n && i < len(a); i++ {
		a[i] = i * i
		t += a[i]
	}
	return t
}

func main() { println(sumSquares(20000)) }
