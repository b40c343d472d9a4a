package p

import (
	crand "crypto/rand"
	"math/rand"
	rand2 "math/rand"
)

var _ = rand.Int
var _ = crand.Reader
var rand2 = 1
