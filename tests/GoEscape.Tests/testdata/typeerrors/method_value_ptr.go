package p

type T struct{}

func (*T) M() {}

var _ = T{}.M
