package p

func f() {
	for {
		fallthrough
	}
}
