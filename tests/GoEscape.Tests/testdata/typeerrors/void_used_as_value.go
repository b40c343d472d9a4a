package p

func g() {}

func f() {
	x := g()
	_ = x
}
