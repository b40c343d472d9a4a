package p

func f() {
	for {
		func() {
			continue
		}()
	}
}
