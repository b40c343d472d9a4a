package p

func (T) {}
