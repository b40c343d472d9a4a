package p

type T struct{ a, b int }

var _ = T{a: 1, 2}
