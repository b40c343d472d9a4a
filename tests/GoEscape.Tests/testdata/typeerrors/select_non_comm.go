package p

func f(x int) {
	select {
	case x > 1:
	}
}
