package p

func f(x int) {
	x == 1
}
