package p

func () m() {}
