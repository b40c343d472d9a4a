package p

type I interface{ M() }

type T struct {
	*I
}
