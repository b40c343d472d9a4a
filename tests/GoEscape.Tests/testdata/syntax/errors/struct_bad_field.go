package p

type T struct {
	1 int
}
