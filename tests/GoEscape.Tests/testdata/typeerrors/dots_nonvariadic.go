package p

func g(a ...int) {}

func f(s []string) {
	g(s...)
}
