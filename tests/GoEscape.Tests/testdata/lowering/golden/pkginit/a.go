package pkginit

// Package initialization as gc builds it: the init function (assignments at the variable), static function
// literals compiled as init.funcN, func init renamed init.N, large map literals outlined into map.init.N.

var f = func() *int { return new(int) }

var m = map[string]int{"a": 1}

var g = func() *int { x := 1; return &x }

var big = map[string]*int{"a": nil, "b": nil, "c": nil, "d": nil, "e": nil, "f": nil, "g": nil}

var h = []func() *int{func() *int { return new(int) }, nil}

func init() {
	_ = func() *int { return new(int) }()
}

func init() {
	sink = new(int)
}

var sink *int
