package costs

import "example.com/costs/dep"

// Instantiation wrappers: gc compiles Sum[int], dep.Max[int], dep.Pair[string,int] and the value Max[float64]
// in this package, each a tail call of the shaped function with its dictionary.

func Sum[T int | float64](xs ...T) T {
	var s T
	for _, x := range xs {
		s += x
	}
	return s
}

//go:noinline
func Ident[T any](x T) T { return x }

func useGenerics(a, b int) int {
	k, _ := dep.Pair("a", 1)
	_ = k
	f := dep.Max[float64]
	_ = f
	return dep.Max(a, b) + Sum(1, 2, 3) + Ident(a)
}

var box dep.Box[int]

func useBox() *int { return box.Load() }
