package p
import "example.com/v/q"
func P() { q.Q() }
