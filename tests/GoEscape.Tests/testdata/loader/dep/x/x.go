package x
const X = "x"
