package p

func f(s string) {
	s++
}
