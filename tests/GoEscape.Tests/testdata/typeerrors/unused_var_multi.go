package p

func f() {
	a, b := 1, 2
	_ = a
}
