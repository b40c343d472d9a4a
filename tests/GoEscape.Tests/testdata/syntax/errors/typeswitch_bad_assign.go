package p

func f(x any) {
	switch y = x.(type) {
	}
}
