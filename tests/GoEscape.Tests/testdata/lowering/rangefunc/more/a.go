package more

import "iter"

type Yield func(*int) bool

type Box struct{ p *int }

func (b *Box) Each(yield func(*int) bool) {
	yield(b.p)
}

func NamedYield(it func(Yield)) *int {
	for x := range it {
		return x
	}
	return nil
}

func MethodValue(b *Box) (out []*int) {
	for x := range b.Each {
		out = append(out, x)
	}
	return out
}

func Literal() int {
	n := 0
	for x := range func(yield func(int) bool) {
		for i := 0; i < 3; i++ {
			if !yield(i) {
				return
			}
		}
	} {
		n += x
	}
	return n
}

func pair() (*int, error) { return new(int), nil }

func CallResults(it iter.Seq[int]) (_ *int, err error) {
	for x := range it {
		if x > 2 {
			return pair()
		}
	}
	return nil, nil
}

func InnerFuncLit(it iter.Seq[*int]) func() *int {
	var f func() *int
	for x := range it {
		f = func() *int {
			for y := range it {
				if y != nil {
					return y
				}
			}
			return x
		}
	}
	return f
}

func SwitchBreak(it iter.Seq[*int], xs [][]int) int {
	n := 0
Reg:
	for _, row := range xs {
		for x := range it {
			switch {
			case x == nil:
				break
			case *x > 10:
				break Reg
			case *x > 5:
				continue Reg
			}
			for _, v := range row {
				if v == 0 {
					goto done
				}
				n += v
			}
		}
	}
done:
	return n
}

func DeferNested(a, b iter.Seq[*int]) {
	for x := range a {
		for y := range b {
			defer func() { println(x, y) }()
		}
	}
}

func Fields(it iter.Seq2[*int, *int], b *Box) {
	var q *int
	for b.p, q = range it {
		_ = q
	}
}

type Node struct{ next *Node }

func (n *Node) All() iter.Seq[*Node] {
	return func(yield func(*Node) bool) {
		for m := n; m != nil; m = m.next {
			if !yield(m) {
				return
			}
		}
	}
}

func Last(n *Node) (last *Node) {
	for m := range n.All() {
		last = m
	}
	return
}

func Find(n *Node, want *Node) bool {
	for m := range n.All() {
		if m == want {
			return true
		}
	}
	return false
}

func Deep(a, b, c iter.Seq[int]) int {
	s := 0
L1:
	for x := range a {
		for y := range b {
			for z := range c {
				if z == 0 {
					continue L1
				}
				if z == 1 {
					break L1
				}
				if z == 2 {
					return x + y
				}
				s += z
			}
		}
	}
	return s
}

func Escaping(it iter.Seq[int]) []*int {
	var ps []*int
	for x := range it {
		ps = append(ps, &x)
	}
	return ps
}

func BlankRange(it iter.Seq2[int, *int]) *int {
	var last *int
	for _, v := range it {
		last = v
	}
	return last
}
