package p

func f(a, b float64) float64 {
	return a & b
}
