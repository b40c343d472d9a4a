package p

func f(a [3]int) int {
	return a[5]
}
