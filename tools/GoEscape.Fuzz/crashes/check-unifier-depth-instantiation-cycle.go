package main

func f2[P *Q, Q any](P, Q) {
	_ = f2[*P]
}

func main() {}
