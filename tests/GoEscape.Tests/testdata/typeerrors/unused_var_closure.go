package p

func f() {
	g := func() {
		y := 2
	}
	g()
}
