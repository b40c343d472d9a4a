package p

var a [1.5]int
