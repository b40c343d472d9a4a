package mixed

import "iter"

type Pair func(k string, v *int) bool

var sink any

func SwitchLabel(it iter.Seq[*int], k int) *int {
L:
	switch k {
	case 1:
		for x := range it {
			if x != nil {
				break L
			}
			sink = x
		}
	}
	return nil
}

func PanicEnd(it iter.Seq[*int]) {
	for x := range it {
		sink = x
		panic("no")
	}
}

func TwoNamed(it func(Pair)) (k string, v *int) {
	for k, v = range it {
		if v != nil {
			return
		}
	}
	return "", nil
}

func Zero(it func(func() bool)) (n int) {
	for range it {
		n++
		if n > 3 {
			return n * 2
		}
	}
	return
}

func Mixed(a, b iter.Seq[*int], xs []int) (res *int, err error) {
	defer func() { sink = res }()
top:
	for x := range a {
		switch {
		case x == nil:
			continue
		}
		for y := range b {
			defer println(y)
			for i := range xs {
				if i == 3 {
					continue
				}
				if i == 4 {
					goto top
				}
				if i == 5 {
					return y, nil
				}
			}
			if *y == 2 {
				break top
			}
		}
	}
	return nil, nil
}

type T struct{ items []*int }

func (t *T) Items() iter.Seq2[int, *int] {
	return func(yield func(int, *int) bool) {
		for i, p := range t.items {
			if !yield(i, p) {
				return
			}
		}
	}
}

func (t *T) First() (int, *int) {
	for i, p := range t.Items() {
		return i, p
	}
	return -1, nil
}

func Closures(it iter.Seq[*int]) []func() *int {
	var fs []func() *int
	for x := range it {
		fs = append(fs, func() *int { return x })
	}
	return fs
}

func LocalIter() int {
	s := 0
	seq := func(yield func(int) bool) {
		for i := range 3 {
			if !yield(i) {
				return
			}
		}
	}
	for v := range seq {
		s += v
	}
	return s
}
