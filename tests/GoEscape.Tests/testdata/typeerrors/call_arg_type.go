package p

func g(int) {}

func f() {
	g("a")
}
