package p

func f(a int, b float64) float64 {
	return a + b
}
