package p

const c = 1 << 100000
