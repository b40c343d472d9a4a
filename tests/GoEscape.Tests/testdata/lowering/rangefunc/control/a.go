package control

import (
	"iter"
)

type S struct{ xs []*int }

func (s *S) All() iter.Seq2[int, *int] {
	return func(yield func(int, *int) bool) {
		for i, x := range s.xs {
			if !yield(i, x) {
				return
			}
		}
	}
}

func Nested(a, b iter.Seq[*int]) (*int, error) {
	for x := range a {
		for y := range b {
			if x == y {
				return x, nil
			}
		}
	}
	return nil, nil
}

func Labels(a, b iter.Seq[*int]) int {
	n := 0
Outer:
	for x := range a {
		for y := range b {
			if x == y {
				continue Outer
			}
			if *y > 3 {
				break Outer
			}
			n++
		}
	}
	return n
}

func Goto(a iter.Seq[*int]) (p *int) {
top:
	for x := range a {
		if x == nil {
			goto top
		}
		p = x
	}
	return
}

func Defer(a iter.Seq[*int]) {
	for x := range a {
		defer println(*x)
		defer func() { println(x) }()
	}
}

func Method(s *S) *int {
	var last *int
	for _, x := range s.All() {
		last = x
	}
	return last
}

func Assign(a iter.Seq2[int, *int]) (*int, int) {
	var i int
	var x *int
	for i, x = range a {
		if i > 3 {
			break
		}
	}
	return x, i
}

func RegularInside(a iter.Seq[*int], xs []int) int {
	n := 0
	for x := range a {
		for _, v := range xs {
			if v == *x {
				break
			}
			n++
		}
		switch *x {
		case 1:
			break
		}
	}
	return n
}
