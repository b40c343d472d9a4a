package p

func f() {
	for i := 0; {
	}
}
