package p

func g() (int, int) { return 1, 2 }

func f() {
	x := g()
	_ = x
}
