package main

import "strconv"

func helper() string { return strconv.Itoa(1) }
