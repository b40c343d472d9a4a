// After: copies of the values are stored (fields and variables of type T, not *T).
package main

type T struct{ a, b int }

var last T

func remember() {
	x := T{1, 2} // explain
	last = x
}

type S struct{ M int }

func ref(y *int, z *S) { // explain
	z.M = *y
}

func main() {
	remember()
	var i int
	var s S
	ref(&i, &s)
	println(last.a, s.M)
}
