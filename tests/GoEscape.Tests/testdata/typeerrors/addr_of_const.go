package p

const c = 1

var _ = &c
