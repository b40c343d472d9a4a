package p

import "os"

func f() error {
	f, err := os.Open("x")
	if err != nil {
		return err
	}
	if true {
		_, err := f.Stat()
	}
	return nil
}
