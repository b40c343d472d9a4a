package a
var Unused int
