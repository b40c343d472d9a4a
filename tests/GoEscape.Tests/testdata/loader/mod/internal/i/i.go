package i
const I = 1
