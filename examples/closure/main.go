// Seed "Escape Analysis in Go" (Harsh Gupta), special case 3: variables captured by a closure.
package main

func byArgument() {
	var x *int

	func(i *int) {
		j := 2
		i = &j
	}(x)
}

func byCapture() {
	var x *int

	func() {
		j := 2 // j escapes to heap
		// escapes to heap: captured by a closure
		x = &j
	}()
	_ = x
}

func main() {
	byArgument()
	byCapture()
}
