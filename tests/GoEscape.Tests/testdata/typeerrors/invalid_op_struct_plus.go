package p

type T struct{ a int }

func f(a, b T) T {
	return a + b
}
