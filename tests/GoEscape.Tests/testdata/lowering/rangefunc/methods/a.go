package methods

type Iter interface {
	Each(yield func(*int) bool)
}

type Inner struct{ p *int }

func (in *Inner) Each(yield func(*int) bool) { yield(in.p) }

type Outer struct {
	Inner
	n int
}

var sink any

func IfaceMV(it Iter) {
	for x := range it.Each {
		sink = x
	}
}

func Promoted(o *Outer) *int {
	for x := range o.Each {
		return x
	}
	return nil
}

func ValueRecv(o Outer) {
	for x := range o.Each {
		sink = x
	}
}

func FuncField(s struct{ f func(func(*int) bool) }) {
	for x := range s.f {
		sink = x
	}
}
