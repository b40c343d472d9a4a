//go:build go1.22

package b

import "slices"

var _ = slices.Max([]int{1})
