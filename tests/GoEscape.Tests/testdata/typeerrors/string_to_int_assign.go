package p

func f() {
	var b byte = "a"
	_ = b
}
