package p

func f() (int, error) {
	return 1
}
