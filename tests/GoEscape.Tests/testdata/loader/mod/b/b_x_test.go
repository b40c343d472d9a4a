package b_test

import (
	"example.com/mod/b"
	"errors"
)

var _ = errors.New(b.B)
