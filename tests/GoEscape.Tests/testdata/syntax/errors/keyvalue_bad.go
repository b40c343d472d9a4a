package p

var _ = map[int]int{1: }
