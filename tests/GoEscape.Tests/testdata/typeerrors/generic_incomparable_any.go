package p

func Eq[T any](a, b T) bool {
	return a == b
}
