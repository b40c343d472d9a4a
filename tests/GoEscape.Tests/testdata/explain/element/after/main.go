// After: values are stored (map[K]T, []T).
package main

type T struct{ a, b int }

func byKey() int {
	m := make(map[int]T)
	x := T{1, 2} // explain
	m[1] = x
	return len(m)
}

func fill(s []T) {
	x := T{3, 4} // explain
	s[0] = x
}

func main() {
	s := make([]T, 1)
	fill(s)
	println(byKey(), s[0].a)
}
