package p

func f() {
L:
	{
		break L
	}
}
