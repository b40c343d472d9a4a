package p

const c = 1 % 0
