package p

func f(x float64) {
	for range x {
	}
}
