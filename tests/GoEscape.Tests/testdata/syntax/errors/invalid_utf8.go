package p

var x = "aÿb"
