package p

func Zero[T any]() T {
	var z T
	return z
}

var _ = Zero()
