// After: strconv formats into a local buffer, and the bytes are written.
package main

import (
	"os"
	"strconv"
)

//go:noinline
func show(n int) {
	var buf [24]byte
	os.Stdout.Write(append(strconv.AppendInt(buf[:0], int64(n), 10), '\n')) // explain
}

func main() { show(12345) }
