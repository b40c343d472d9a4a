package b

import "syscall"

var _ = syscall.Getpid
