package p

var _ = [2]int{1, 2, 3}
