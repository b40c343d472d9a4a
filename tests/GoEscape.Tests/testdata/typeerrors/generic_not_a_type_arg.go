package p

func F[T any]() {}

var v = 1

func g() {
	F[v]()
}
