package main; func main() {}
