package p

type List[T any] []T

var _ List
