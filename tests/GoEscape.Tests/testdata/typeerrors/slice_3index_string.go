package p

func f(s string) string {
	return s[1:2:3]
}
