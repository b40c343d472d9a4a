package p

type Pair[K comparable, V any] struct {
	k K
	v V
}

var _ Pair[int]
