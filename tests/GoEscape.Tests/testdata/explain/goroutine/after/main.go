// After: the goroutine gets a copy of a (a parameter of type T).
package main

import "sync"

type T struct{ a, b int }

func worker(p T, wg *sync.WaitGroup) {
	println(p.a)
	wg.Done()
}

func start(wg *sync.WaitGroup) {
	a := T{1, 2} // explain
	wg.Add(1)
	go worker(a, wg)
}

func main() {
	var wg sync.WaitGroup
	start(&wg)
	wg.Wait()
}
