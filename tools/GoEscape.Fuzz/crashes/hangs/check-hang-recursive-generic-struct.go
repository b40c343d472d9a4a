package main

type S2[P any] struct{ f S2[*P] }

func main() {}
