package p

type T struct {
	a int
	a string
}
