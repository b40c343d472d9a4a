package p

type T struct{ m map[int]int }

func f(a, b T) bool {
	return a == b
}
