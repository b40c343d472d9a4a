package basic

import "iter"

type T struct{ p *int }

func Seq(s []*int) iter.Seq[*int] {
	return func(yield func(*int) bool) {
		for _, x := range s {
			if !yield(x) {
				return
			}
		}
	}
}

func Plain(it func(func(*int) bool)) int {
	n := 0
	for x := range it {
		n += *x
	}
	return n
}

func Ret(it func(func(*int) bool)) *int {
	for x := range it {
		if *x > 0 {
			return x
		}
	}
	return nil
}

func Brk(it func(func(int, *T) bool)) (r []*T) {
	for _, t := range it {
		if t == nil {
			break
		}
		if t.p == nil {
			continue
		}
		r = append(r, t)
	}
	return
}

func Zero(it func(func() bool)) int {
	c := 0
	for range it {
		c++
	}
	return c
}
