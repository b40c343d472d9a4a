package p

func f(s string) {
	for s {
	}
}
