package p

type A struct{ X int }
type B struct{ X int }
type C struct {
	A
	B
}

func f(c C) int {
	return c.X
}
