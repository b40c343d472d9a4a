package dep

type M uint32

func (m M) IsDir() bool { return m&1 != 0 }

func Add(x, y int) int { return x + y }

//go:noinline
func Opaque(x int) int { return x * 3 }

func Big(xs []int) int {
	s := 0
	for i := range xs {
		s += xs[i] * xs[i]
		if s > 1000 {
			s -= 1000
		}
		s ^= i << 3
		s |= i >> 2
		s += Opaque(s)
	}
	return s
}

func Max[T int | float64 | string](a, b T) T {
	if a > b {
		return a
	}
	return b
}

func Pair[K comparable, V any](k K, v V) (K, V) { return k, v }

type Box[T any] struct{ v *T }

func (b *Box[T]) Load() *T { return b.v }

func (b Box[T]) Get() T { return *b.v }
