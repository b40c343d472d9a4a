package p

//line foo.go:100
var x = +
