package p

func f() {
	for c <- 1 {
	}
}
