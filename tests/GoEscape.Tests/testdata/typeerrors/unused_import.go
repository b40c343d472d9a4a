package p

import "os"

func f() {}
