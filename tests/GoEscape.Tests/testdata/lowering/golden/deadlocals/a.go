package deadlocals

const debug = false

var sink any

// f's closure is only used under a constant-false condition: dead code elimination drops the use and gc's
// deadlocals pass drops the assignment, so the function literal is never analyzed.
func f(n int) int {
	g := func(x int) int { return x * n }
	if debug {
		return g(n)
	}
	return n
}

// h keeps its closure: it is used.
func h(n int) int {
	g := func(x int) int { return x * n }
	return g(n)
}

// k's dead local holds a pointer: the assignment goes, the allocation with it.
func k(n int) int {
	p := &n
	q := new(int)
	q = p
	switch {
	case false && *q > 0:
		return 1
	}
	return n
}

// m's dead closure is captured by value elsewhere (used): stays.
func m(s []int) {
	v := func() int { return len(s) }
	sink = v
	w := func() []int { return s }
	if debug {
		sink = w
	}
}
