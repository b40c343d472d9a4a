package costs

// Shape names and shaped conversions: a shape's link string with an embedded instance or predeclared type
// ("m.node = m.node[int]"), a function shape with a comma, a name over 500 bytes hashed, and the OCONVNOP of
// go.shape.[]int to []go.shape.int (free in the cost).

type node[K any] struct{ k K }

type embeds struct {
	int
	node[int]
}

type wide struct {
	AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA int
	BBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBBB int
	CCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCCC int
	DDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDDD int
	EEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEEE int
	FFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFFF int
}

type ptr[T any] struct{ v *T }

func (p *ptr[T]) Load() *T { return p.v }

func Echo[T any](x T) T { return x }

//go:noinline
func sink[E any](x []E, a int) {}

func Pass[S ~[]E, E any](x S) { sink(x, len(x)) }

func useShapes() {
	_ = Echo(embeds{})
	_ = Echo(wide{})
	var p ptr[func(string, string)]
	_ = p.Load()
	Pass([]int{1})
}
