package p

var _ = len(1)
