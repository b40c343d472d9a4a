package main

type S int

type T struct{ S }

func (s *S) M() {}

var fn = (*T).M

func main() {}
