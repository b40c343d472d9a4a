package p

var x = y
var y = x
