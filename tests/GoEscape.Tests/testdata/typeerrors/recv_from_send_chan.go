package p

func f(c chan<- int) int {
	return <-c
}
