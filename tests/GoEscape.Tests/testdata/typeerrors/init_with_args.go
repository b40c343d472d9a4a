package p

func init(x int) {}
