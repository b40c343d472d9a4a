package p

func f() {
L:
	switch {
	case true:
		for {
			continue L
		}
	}
}
