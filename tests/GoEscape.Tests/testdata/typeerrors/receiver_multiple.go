package p

type T struct{}

func (a, b T) M() {}
