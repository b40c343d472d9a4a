package p

var init = 1
