package p

func f(x any) {
	switch a, b := x.(type) {
	}
}
