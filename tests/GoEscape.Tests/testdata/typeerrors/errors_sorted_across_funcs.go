package p

func b() {
	y := 1
}

func a() int {
	return "s"
}

var z int = "q"
