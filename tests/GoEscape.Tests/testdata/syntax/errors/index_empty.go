package p

func f() {
	_ = a[]
}
