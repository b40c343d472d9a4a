package p

func f() {
	func g[T any]() {}
}
