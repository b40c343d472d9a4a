package rq

import "bytes"

func f(b []byte) bool {
	return bytes.HasPrefix(b, []byte("\xfe\xed\xfa")) || bytes.HasPrefix(b, []byte("a\xcab\u00e9\x00\t"))
}

func g(b int) any {
	return b >> 1
}

func g2(b uint8) any {
	return b << 3
}

func h(x []int) []int {
	return make([]int, len(x)>>2)
}

func h2(x int64) any {
	var s uint = 3
	return x >> s
}

const k = 2

func h3(x int64) any {
	return x >> k
}
