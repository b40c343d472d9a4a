package rt

import "strings"

type S struct{ a, b *int }

var sink any

func f(x any) {
	switch t := x.(type) {
	case S:
		sink = &t
	case *S, []S:
		sink = &t
	case *strings.Builder:
		sink = &t
	case map[int]*S:
		sink = &t
	case nil:
		sink = &t
	default:
		sink = &t
	}
}

type E struct{}

func (E) Error() string { return "" }

func g(err error) bool {
	return err == (E{})
}

func h(s []byte) any {
	return (string(s))
}

func k(s []byte) any {
	return []byte((string(s)))
}
