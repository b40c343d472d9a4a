// After: the type is encoded by hand (direct field access, strconv.AppendInt).
package main

import "strconv"

type T struct{ A, B int }

func appendT(b []byte, t T) []byte {
	b = append(b, `{"A":`...)
	b = strconv.AppendInt(b, int64(t.A), 10)
	b = append(b, `,"B":`...)
	b = strconv.AppendInt(b, int64(t.B), 10)
	return append(b, '}')
}

//go:noinline
func encode(dst []byte, t T) []byte {
	return appendT(dst, t) // explain
}

func main() { println(string(encode(nil, T{1, 2}))) }
