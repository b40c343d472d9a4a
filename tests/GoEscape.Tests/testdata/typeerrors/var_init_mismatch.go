package p

var s string = 42
