package generic

import (
	"maps"
	"slices"
)

func Generic(m map[string]*int, s []*int) (r []string) {
	for k := range maps.Keys(m) {
		r = append(r, k)
	}
	for v := range slices.Values(s) {
		_ = v
	}
	return r
}

