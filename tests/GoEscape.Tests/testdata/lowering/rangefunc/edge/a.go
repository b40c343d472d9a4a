package edge

import "iter"

var sink any

func SelectBreak(it iter.Seq[*int], c chan int) {
	for x := range it {
		select {
		case <-c:
			break
		default:
			sink = x
		}
	}
}

func GotoInside(it iter.Seq[*int]) int {
	n := 0
	for x := range it {
		if x == nil {
			goto skip
		}
		n++
	skip:
		n--
	}
	return n
}

func ContinueFromInner(it iter.Seq[*int], xs []int) {
L:
	for x := range it {
		for _, v := range xs {
			if v == *x {
				continue L
			}
		}
	}
}

func DeferInLit(it iter.Seq[*int]) {
	for x := range it {
		func() {
			defer println(x)
		}()
	}
}

func Generic[F ~func(func(*int) bool)](f F) *int {
	for x := range f {
		return x
	}
	return nil
}

func mk(n int) iter.Seq[*int] { return nil }
func num() int                 { return 3 }

func CallArgs() {
	for x := range mk(num()) {
		sink = x
	}
}

func LoopVars(it iter.Seq[*int], n int) (out []*int) {
	for i := 0; i < n; i++ {
		for x := range it {
			if *x == i {
				out = append(out, &i)
			}
		}
	}
	for _, v := range []int{1, 2} {
		for x := range it {
			if *x == v {
				out = append(out, &v)
			}
		}
	}
	return
}

func AddrOfVar(it iter.Seq[int]) *int {
	for x := range it {
		if x > 0 {
			return &x
		}
	}
	return nil
}

func Trailing(it iter.Seq[*int]) *int {
	for x := range it {
		if x != nil {
			continue
		}
		break
	}
	return nil
}
