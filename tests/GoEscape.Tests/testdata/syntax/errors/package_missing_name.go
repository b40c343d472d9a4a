package

func f() {}
