package p

type K struct{ f func() }

var m map[K]int
