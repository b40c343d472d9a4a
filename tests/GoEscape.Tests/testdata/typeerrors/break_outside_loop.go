package p

func f() {
	break
}
