package p

const c uint8 = 1 << 8
