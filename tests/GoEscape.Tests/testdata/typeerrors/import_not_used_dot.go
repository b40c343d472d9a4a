package p

import . "strings"

func f() {}
