package p

type T struct{}

func f(t T) {
	t.M()
}
