package p

var b = byte(300)
