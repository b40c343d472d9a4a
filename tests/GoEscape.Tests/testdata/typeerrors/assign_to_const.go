package p

const c = 1

func f() {
	c = 2
}
