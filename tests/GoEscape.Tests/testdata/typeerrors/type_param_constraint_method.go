package p

type Stringer interface{ String() string }

func F[T Stringer](t T) string { return t.String() }

var _ = F(1)
