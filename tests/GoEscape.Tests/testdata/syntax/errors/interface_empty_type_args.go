package p

type J interface{}

type I interface {
	J[]
}
