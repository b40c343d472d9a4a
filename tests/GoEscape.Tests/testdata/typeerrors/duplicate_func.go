package p

func f() {}

func f() {}
