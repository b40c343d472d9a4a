package p

func f() {
	goto L
	x := 1
	_ = x
L:
}
