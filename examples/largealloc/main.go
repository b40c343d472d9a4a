// Seed "Escape Analysis in Go" (Harsh Gupta), special case 1: variables with large size escape.
package main

func small() {
	s := make([]int64, 8*1024) // 64KB
	_ = s
}

func large() {
	// escapes to heap: too large for stack
	s := make([]int64, 8*1024+1) // just above 64KB
	_ = s
}

func main() {
	small()
	large()
}
