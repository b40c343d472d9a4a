package p

func f() {
	switch x := 1; x y
}
