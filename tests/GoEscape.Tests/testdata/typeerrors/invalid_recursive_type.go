package p

type T struct {
	next T
}
