// After: the value is sent (chan T).
package main

type T struct{ a, b int }

func produce(ch chan T) {
	x := T{1, 2} // explain
	ch <- x
}

func main() {
	ch := make(chan T, 1)
	produce(ch)
	println((<-ch).a)
}
