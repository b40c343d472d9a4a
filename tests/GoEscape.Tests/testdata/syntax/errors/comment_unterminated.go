package p

/* abc
