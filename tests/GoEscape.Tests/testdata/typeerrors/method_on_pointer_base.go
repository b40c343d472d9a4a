package p

type P *int

func (p P) M() {}
