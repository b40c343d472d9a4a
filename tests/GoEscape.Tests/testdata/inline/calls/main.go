package main

import "example.com/calls/a"

type T struct{ x, y int }

func newT() *T { return &T{} }

func (t *T) sum() int { return t.x + t.y }

func pair(a, b int) (int, int) { return b, a }

func named(p *int) (r *int) {
	r = p
	return
}

func total(xs ...int) int {
	s := 0
	for _, x := range xs {
		s += x
	}
	return s
}

func twice(t *T) int { return t.sum() + t.sum() }

var global *int

func main() {
	t := newT()
	_ = t.sum()
	x, y := pair(1, 2)
	v := 3
	global = named(&v)
	w := 4
	_ = a.Keep(&w)
	_ = total(x, y, 3)
	b := a.New(10)
	_ = b.Len()
	_ = twice(newT())
	a.Leak(b.Bytes())
}
