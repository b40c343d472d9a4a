// Seed "Escape Analysis in Go: Stack vs. Heap": a variable shared with another goroutine escapes.
package main

func g(a *int) {
	*a++
}

func f() int {
	a := 42
	go g(&a) // yes, this is a race condition, but this is just a demo :)
	return a
}

func main() {
	for i := 0; i < 1000000; i++ {
		f()
	}
}
