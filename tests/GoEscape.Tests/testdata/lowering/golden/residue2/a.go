package rs

import "unsafe"

//go:noinline
func Register(x any) {}

func f() {
	Register([]byte(nil))
	Register([]string(nil))
	Register("")
	Register(0)
}

func g() any {
	var islice any = ([]unsafe.Pointer)(nil)
	return islice
}

func h(x any) bool {
	return x == any([]byte(nil))
}
