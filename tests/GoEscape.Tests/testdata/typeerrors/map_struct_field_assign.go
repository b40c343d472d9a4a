package p

type T struct{ a int }

func f(m map[string]T) {
	m["x"].a = 1
}
