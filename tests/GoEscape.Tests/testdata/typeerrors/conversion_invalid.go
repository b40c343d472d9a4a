package p

func f(s string) float64 {
	return float64(s)
}
