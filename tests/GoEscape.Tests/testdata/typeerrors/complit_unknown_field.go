package p

type T struct{ a int }

var _ = T{b: 1}
