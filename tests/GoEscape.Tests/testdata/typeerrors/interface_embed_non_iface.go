package p

type I interface {
	int
	M()
}

var _ I
