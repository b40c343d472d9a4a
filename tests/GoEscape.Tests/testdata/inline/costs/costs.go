package costs

import (
	"errors"
	"math/bits"
	"sync"

	"example.com/costs/dep"
)

type info struct{ m dep.M }

func (i info) Mode() dep.M { return i.m }

func (i info) IsDir() bool { return i.Mode().IsDir() }

func add3(a, b, c int) int { return dep.Add(dep.Add(a, b), c) }

func opaque(x int) int { return dep.Opaque(x) + 1 }

func big(xs []int) int { return dep.Big(xs) }

func lenUint(x uint) int { return bits.Len64(uint64(x)) }

func conv(x uintptr) uint64 { return uint64(x) + uint64(int32(x)) }

func empty() {}

func panics(x int) int {
	if x < 0 {
		panic("negative")
	}
	return x
}

func errs(x int) error {
	if x < 0 {
		return errors.New("negative")
	}
	return nil
}

func closure(x int) func() int {
	return func() int { return x + 1 }
}

func callParam(f func(int) int) int { return f(1) + f(2) }

func deferred(mu *sync.Mutex) {
	mu.Lock()
	defer mu.Unlock()
}

func goes(c chan int) {
	go func() { c <- 1 }()
}

func recovers() (err error) {
	if r := recover(); r != nil {
		err = errors.New("panic")
	}
	return
}

//go:noinline
func marked() int { return 1 }

func isClosed(c <-chan struct{}) bool {
	select {
	case <-c:
		return true
	default:
		return false
	}
}

func recv(c chan int, d chan int) int {
	select {
	case x := <-c:
		return x
	case d <- 1:
		return 0
	}
}

func constIf() int {
	if true {
		return 1
	}
	return 2
}

type T struct {
	a, b int
	next *T
}

func (t *T) addrA() *int { return &t.a }

func (t *T) addrB() *int { return &t.b }

func slices(s []byte) []byte { return s[0:len(s)] }

func multi() (int, error) { return 1, nil }

func useMulti() int {
	a, err := multi()
	if err != nil {
		return 0
	}
	return a
}

func appends(s []int) []int { return append(s, 1, 2, 3) }

func typeSwitch(x any) int {
	switch v := x.(type) {
	case int:
		return v
	case string:
		return len(v)
	}
	return 0
}

func tooComplex(xs []int) int {
	s := 0
	for _, x := range xs {
		s += opaque(x) + opaque(x+1) + opaque(x+2)
	}
	return s
}
