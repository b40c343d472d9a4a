package p

import "fmt"

func f() {
	fmt.Printlnx("hi")
}
