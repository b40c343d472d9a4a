package p

type T struct{ a, b int }

var _ = T{1}
