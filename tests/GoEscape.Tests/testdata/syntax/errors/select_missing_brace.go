package p

func f() {
	select
}
