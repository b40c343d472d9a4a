package p

import str "strings"

func f() {}
