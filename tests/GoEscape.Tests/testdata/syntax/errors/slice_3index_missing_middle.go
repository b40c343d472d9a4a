package p

func f(a []int) {
	_ = a[1::3]
}
