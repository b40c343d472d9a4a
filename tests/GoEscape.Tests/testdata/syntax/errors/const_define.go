package p

const c := 1
