package p

type A[P any] =
