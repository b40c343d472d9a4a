package p

func g() int { return 1 }

func f() {
	g() + 1
}
