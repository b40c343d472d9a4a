package p

func g(a, b int) {}

func f(s []int) {
	g(s...)
}
