// Before: encoding/json's Marshal takes its argument as an interface that escapes (reflection).
package main

import "encoding/json"

type T struct{ A, B int }

//go:noinline
func encode(dst []byte, t T) []byte {
	b, _ := json.Marshal(t) // explain
	return append(dst, b...)
}

func main() { println(string(encode(nil, T{1, 2}))) }
