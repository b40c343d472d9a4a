package p

var _ T[]
