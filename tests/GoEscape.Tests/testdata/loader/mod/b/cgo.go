package b

// #include <stdio.h>
import "C"

import "unsafe"
