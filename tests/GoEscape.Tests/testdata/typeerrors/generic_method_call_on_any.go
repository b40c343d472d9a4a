package p

func F[T any](x T) {
	x.Foo()
}
