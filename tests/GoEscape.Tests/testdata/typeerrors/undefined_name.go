package p

func f() int {
	return x
}
