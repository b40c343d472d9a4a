package main

import "example.com/mod/a"

func main() { _ = a.Unused }
