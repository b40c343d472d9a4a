package p

func g() int { return 1 }

const c = g()
