package p

var _ = int{1}
