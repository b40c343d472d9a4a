package p

func f(s string) {
	s[0] = 'a'
}
