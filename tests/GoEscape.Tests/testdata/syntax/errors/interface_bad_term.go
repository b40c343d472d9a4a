package p

type I interface {
	~int | 
}
