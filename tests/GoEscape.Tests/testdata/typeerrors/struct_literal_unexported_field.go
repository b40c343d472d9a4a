package main

import "sync"

var _ = sync.Mutex{state: 1}

func main() {}
