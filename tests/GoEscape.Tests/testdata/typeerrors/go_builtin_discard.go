package p

func f(s []int) {
	go len(s)
}
