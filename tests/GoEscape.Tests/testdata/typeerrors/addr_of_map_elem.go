package p

func f(m map[string]int) *int {
	return &m["x"]
}
