package p

func f(x int) {
	goto L
	if x > 0 {
	L:
		println(x)
	}
}
