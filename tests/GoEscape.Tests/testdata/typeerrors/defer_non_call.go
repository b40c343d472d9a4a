package p

func f(x int) {
	defer x
}
