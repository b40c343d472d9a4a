package p

var m map[[]int]string
