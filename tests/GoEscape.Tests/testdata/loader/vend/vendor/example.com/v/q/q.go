package q
func Q() {}
