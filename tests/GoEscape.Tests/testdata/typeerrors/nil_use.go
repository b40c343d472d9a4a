package p

func f() {
	x := nil
	_ = x
}
