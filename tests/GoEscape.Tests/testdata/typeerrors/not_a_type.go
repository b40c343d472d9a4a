package p

var v int

var _ v
