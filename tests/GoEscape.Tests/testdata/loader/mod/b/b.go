package b

import "strings"

var B = strings.ToUpper("b")
