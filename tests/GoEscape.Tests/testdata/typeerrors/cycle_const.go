package p

const a = b
const b = a
