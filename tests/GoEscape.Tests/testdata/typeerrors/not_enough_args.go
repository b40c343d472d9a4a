package p

func g(a, b int) {}

func f() {
	g(1)
}
