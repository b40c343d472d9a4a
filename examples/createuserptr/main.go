// Seed "Language mechanics on escape analysis" (Ardan Labs), listing 16: constructing with pointer semantics.
package main

type user struct {
	name  string
	email string
}

func main() {
	u2 := createUserV2()

	println("u2", u2)
}

//go:noinline
func createUserV2() *user {
	u := &user{
		name:  "Bill",
		email: "bill@ardanlabs.com",
	}

	println("V2", u)
	return u
}
