package p

import "strconv"

func f() int {
	return strconv.Atoi("1") + 1
}
