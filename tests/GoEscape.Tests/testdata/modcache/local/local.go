package local

type T struct{ X *int }

func New(x int) *T { return &T{X: &x} }
