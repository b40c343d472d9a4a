package p

func f() {
	_ = a.1
}
