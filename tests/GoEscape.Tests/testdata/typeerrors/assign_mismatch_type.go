package p

func f() {
	var x int
	x = "hello"
	_ = x
}
