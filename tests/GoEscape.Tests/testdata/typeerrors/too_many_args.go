package p

func g(a int) {}

func f() {
	g(1, 2)
}
