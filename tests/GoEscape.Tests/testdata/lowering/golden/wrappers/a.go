// Compiler-generated wrappers: interface method wrappers (I.M), promoted-method wrappers (value and pointer receivers,
// tail calls), *T wrappers of value methods, method value wrappers (T.M-fm), multi-result returns.
package wrappers

import (
	"io"
	"strings"
)

type I interface {
	M(p []byte) (int, error)
	N()
}

type E struct{ I }
type W struct{ *E }

type P struct{ X, Y int }

func (p P) String() string { return "" }
func (p *P) Set(x int)      { p.X = x }

type Q struct {
	P
	name string
}

type R struct{ io.Reader }

type S struct{ s *strings.Builder }

func (s S) Len(a ...int) int { return len(a) }

func (s *S) Two(x *int) (*int, error) { return x, nil }

func Use(p *P, s *S) (func() string, func(int), func(), func(*int) (*int, error)) {
	var i I
	return p.String, p.Set, i.N, s.Two
}
