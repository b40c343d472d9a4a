package main

import (
	"bytes"
	"fmt"
)

func main() {
	buf := bytes.NewBufferString("gocon23")
	run(func() {
		fmt.Println(read1(buf, make([]byte, 10)))
	})
	mbuf := &MyBuffer{buffer: bytes.NewBufferString("gocon23")}
	_ = read2(mbuf)
}

func run(f func()) {
	go f()
}

//go:noinline
func read1(buf *bytes.Buffer, b []byte) int {
	read, err := buf.Read(b)
	if err != nil {
		return 0
	}
	return read
}

//go:noinline
func read2(buf *MyBuffer) []byte {
	myRead, err := buf.Read()
	if err != nil {
		return nil
	}
	return myRead
}
