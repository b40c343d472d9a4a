// Seed "Escape Analysis in Go" (Harsh Gupta), special case 2: non-constant size.
package main

func constant() {
	const c = 10

	s := make([]int, c)
	_ = s
}

func variable() {
	var v = 10

	// escapes to heap: non-constant size (but see gc's output: a local whose value is known is propagated)
	s := make([]int, v)
	_ = s
}

func parameter(v int) {
	s := make([]int, v)
	_ = s
}

func main() {
	constant()
	variable()
	parameter(10)
}
