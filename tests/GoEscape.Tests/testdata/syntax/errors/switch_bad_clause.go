package p

func f() {
	switch {
	foo:
	}
}
