package p

func f() {
	defer
}
