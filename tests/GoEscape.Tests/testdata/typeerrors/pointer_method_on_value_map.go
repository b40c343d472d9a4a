package p

type T struct{}

func (*T) M() {}

func f(m map[int]T) {
	m[1].M()
}
