package p

func f(int, b string) {}
