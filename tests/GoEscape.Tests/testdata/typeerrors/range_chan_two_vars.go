package p

func f(c chan int) {
	for a, b := range c {
		_, _ = a, b
	}
}
