// +build ignore

package b

import "os"
