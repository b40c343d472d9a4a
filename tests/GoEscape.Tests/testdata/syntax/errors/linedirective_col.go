package p

var y = 1 /*line bar.go:7:20*/ +
