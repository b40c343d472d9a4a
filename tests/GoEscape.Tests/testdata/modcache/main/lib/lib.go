package lib

import (
	"example.com/Upper/Pkg"
	"example.com/a"
	"example.com/b"
	"example.com/f"
	"example.com/local"
	"example.com/m/v2"
	"example.com/n"
	"example.com/n/sub"
	"example.com/old"
	"example.com/p"
	"gopkg.in/tiny.v1"
)

type All struct {
	A any
}

func Use(x int) any {
	return []any{a.F(x), b.G(nil), f.New(x), local.New(x), m.New(x), n.New(x), sub.New(x), old.New(x), p.New(x), pkg.New(x), tiny.New(x)}
}

func Local(x int) int {
	y := x
	return *f.Keep(&y)
}
