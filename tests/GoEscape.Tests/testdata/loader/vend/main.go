package main

import "example.com/v/p"

func main() { p.P() }
