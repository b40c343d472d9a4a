package p

func f() {
	go (g())
}
