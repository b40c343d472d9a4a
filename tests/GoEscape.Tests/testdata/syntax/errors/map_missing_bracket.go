package p

var m map int]int
