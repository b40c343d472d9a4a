package p

func f(x int) {
L:
	switch x {
	case 1:
		continue L
	}
}
