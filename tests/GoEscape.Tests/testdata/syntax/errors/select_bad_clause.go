package p

func f() {
	select {
	x := 1
	}
}
