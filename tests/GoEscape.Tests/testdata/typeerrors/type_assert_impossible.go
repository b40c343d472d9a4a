package p

type I interface{ M() }

func f(i I) {
	_ = i.(string)
}
