package p

type A [N,]int
