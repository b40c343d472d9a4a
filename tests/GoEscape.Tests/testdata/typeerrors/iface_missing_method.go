package p

type I interface{ M() }

type T struct{}

var _ I = T{}
