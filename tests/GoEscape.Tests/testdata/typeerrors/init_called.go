package p

func init() {}

func f() {
	init()
}
