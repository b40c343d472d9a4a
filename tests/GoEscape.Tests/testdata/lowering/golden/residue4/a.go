package ru

import (
	"runtime"
	"strconv"
)

const W = 64

var sink any

func f(n int) {
	switch W {
	case 32:
		sink = strconv.Itoa(n)
	case 64:
		sink = &n
	default:
		panic("unknown word size")
	}
}

func g(s string) {
	switch runtime.GOOS {
	case "ios":
		panic("skip " + s)
	}
}

func h(s string) {
	switch {
	case runtime.GOOS == "linux":
		sink = s
	default:
		panic("x" + s)
	}
}

func k(s string, n int) {
	switch n {
	case 1:
		panic("y" + s)
	}
	switch W {
	case 64:
		sink = 1
		fallthrough
	case 32:
		panic("z" + s)
	}
}
