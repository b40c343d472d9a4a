// Before: createUserV2 of the seed "Language Mechanics On Escape Analysis" returns the address of its local u.
package main

type user struct{ name, email string }

//go:noinline
func createUser() *user {
	u := user{name: "Bill", email: "bill@example.com"} // explain
	return &u
}

func main() { println(createUser().name) }
