package p

type I interface{}

func (I) M() {}
