package p

func f(a int, b string) bool {
	return a == b
}
