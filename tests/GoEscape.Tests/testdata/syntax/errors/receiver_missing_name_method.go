package p

func (t T) (x int) {}
