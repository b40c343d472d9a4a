package p

var _ = make(int)
