package p

func f() {
	for i, j := range 10 {
		_, _ = i, j
	}
}
