package p

func f() {
	a := 1
	b := 2
	c := 3
	d := 4
	e := 5
	g := 6
	h := 7
	i := 8
	j := 9
	k := 10
	l := 11
	m := 12
}
