package p

func f(s []int) int {
	return s[-1]
}
