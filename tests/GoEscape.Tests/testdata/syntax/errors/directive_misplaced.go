package p

func f() {} //go:noinline
