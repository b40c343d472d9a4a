package p

type I interface{ M(int) }

type T struct{}

func (T) M(string) {}

var _ I = T{}
