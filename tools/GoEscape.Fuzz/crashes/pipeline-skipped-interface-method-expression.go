package main

func main() { interface{ M() }.M(nil) }
