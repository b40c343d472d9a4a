package p

var _ = map[string]int{"a": 1, "a": 2}
