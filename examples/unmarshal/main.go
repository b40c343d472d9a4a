// Seed "Language mechanics on escape analysis" (Ardan Labs), listings 8 and 9: json.Unmarshal into a
// pointer variable vs into a value.
package main

import "encoding/json"

type user struct {
	Name  string
	Email string
}

func decodePointer(r string) (*user, error) {
	var u *user
	err := json.Unmarshal([]byte(r), &u)
	return u, err
}

func decodeValue(r string) (*user, error) {
	var u user
	err := json.Unmarshal([]byte(r), &u)
	return &u, err
}

func main() {
	a, _ := decodePointer(`{"Name":"Bill"}`)
	b, _ := decodeValue(`{"Name":"Bill"}`)
	println(a, b)
}
