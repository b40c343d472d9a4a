package p

var x = "\xZZ"
