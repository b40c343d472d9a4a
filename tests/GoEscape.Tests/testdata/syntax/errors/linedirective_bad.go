package p

//line foo.go:abc
var x = 1
