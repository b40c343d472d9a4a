package p

var x = iota
