// After: the value is returned (createUserV1 of the seed); the caller gets a copy in its own frame.
package main

type user struct{ name, email string }

//go:noinline
func createUser() user {
	u := user{name: "Bill", email: "bill@example.com"} // explain
	return u
}

func main() { println(createUser().name) }
