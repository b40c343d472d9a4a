package p

func f(x int) {
	defer int(x)
}
