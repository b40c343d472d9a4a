package p

func f() {
	for {
	L:
	}
}
