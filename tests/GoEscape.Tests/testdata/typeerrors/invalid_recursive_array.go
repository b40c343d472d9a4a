package p

type A [2]B
type B [3]A
