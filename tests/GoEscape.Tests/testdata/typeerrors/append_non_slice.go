package p

func f(x int) {
	_ = append(x, 1)
}
