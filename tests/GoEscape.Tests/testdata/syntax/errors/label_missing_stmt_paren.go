package p

func f() {
L:
	)
}
