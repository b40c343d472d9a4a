// Package a is the root of the fixture.
package a

import (
	"fmt"
	x "example.com/dep/x"
	_ "example.com/mod/b"
	"example.com/mod/internal/i"
)

var _ = fmt.Sprint(x.X, i.I)
