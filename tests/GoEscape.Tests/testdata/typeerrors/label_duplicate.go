package p

func f() {
L:
	for {
	}
L:
	for {
	}
}
