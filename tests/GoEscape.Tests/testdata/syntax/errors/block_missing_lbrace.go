package p

func f() {
	for i := range x
	}
}
