package p

var a [-1]int
