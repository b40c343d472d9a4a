package p

func f() {
	defer (g())
}
