// Package variables converted to interfaces: staticinit lays out the interface words statically (no allocation),
// assigning only the concrete value; untyped constant shift counts are uint (noder.idealType).
package staticiface

type errorString string

func (e errorString) Error() string { return string(e) }

type T struct {
	p *int
	f func() int
}

var shiftError = error(errorString("negative shift amount"))

var e2 error = errorString("x")

var anyInt any = 1

func get() int { return 3 }

var dyn any = get()

var pt any = &T{p: new(int)}

var lits = []T{{f: func() int { return 1 }}, {p: new(int)}}

var after = func() int { return 2 }

func Shift(b []byte, v uint32) []byte {
	return append(b, byte(v>>8), byte(v>>16))
}
