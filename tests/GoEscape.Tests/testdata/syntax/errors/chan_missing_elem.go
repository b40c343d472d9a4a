package p

var c chan
