package p

var _ = <-chan<- int
