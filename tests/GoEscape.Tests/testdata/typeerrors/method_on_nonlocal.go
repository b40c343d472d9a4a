package p

func (i int) M() {}
