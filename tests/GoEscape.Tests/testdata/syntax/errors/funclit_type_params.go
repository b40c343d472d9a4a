package p

var _ = func[T any]() {}
