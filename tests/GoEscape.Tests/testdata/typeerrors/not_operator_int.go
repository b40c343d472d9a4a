package p

func f(x int) bool {
	return !x
}
