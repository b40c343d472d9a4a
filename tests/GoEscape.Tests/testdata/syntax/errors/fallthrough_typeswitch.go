package p

func f(x any) {
	switch x.(type) {
	case int:
		fallthrough
	case string:
	}
}
