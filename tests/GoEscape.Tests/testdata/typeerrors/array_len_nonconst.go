package p

func f(n int) {
	var a [n]int
	_ = a
}
