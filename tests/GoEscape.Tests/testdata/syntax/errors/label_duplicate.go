package p

func f() {
L:
	goto L
L:
	goto L
}
