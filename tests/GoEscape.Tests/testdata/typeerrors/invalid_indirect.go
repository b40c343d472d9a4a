package p

func f(x int) int {
	return *x
}
