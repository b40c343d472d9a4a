package p

var x = 0128
