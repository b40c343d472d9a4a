// Wrappers of type literals the package mentions, named by gc's link string: struct { io.Reader }.Read (a
// promoted interface method, value and pointer receivers) and interface { Unwrap() error }.Unwrap.
package litwrappers

import "io"

func F(r io.Reader) io.Reader {
	return struct{ io.Reader }{r}
}

func G(x any) bool {
	_, ok := x.(interface{ Unwrap() error })
	return ok
}
