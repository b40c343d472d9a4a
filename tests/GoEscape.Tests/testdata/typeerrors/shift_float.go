package p

func f(x float64) float64 {
	return x << 2
}
