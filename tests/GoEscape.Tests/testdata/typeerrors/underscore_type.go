package p

var x _
