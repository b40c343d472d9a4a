package p

var x = 1.5 % 2
