package p

func f() {
	if true return
}
