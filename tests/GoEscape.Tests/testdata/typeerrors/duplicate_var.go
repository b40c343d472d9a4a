package p

var x int
var x string
