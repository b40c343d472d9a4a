package p

func f() {
	var s string
	for s = range 10 {
	}
	_ = s
}
