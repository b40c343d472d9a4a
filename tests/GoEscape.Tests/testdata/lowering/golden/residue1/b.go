package rq

type splicePipeFields struct {
	rfd  *int
	wfd  int
}

type splicePipe struct {
	splicePipeFields
	x int
}

func newPipe(p *int) *splicePipe {
	return &splicePipe{rfd: p, wfd: 1}
}

func newPipe2(p *int) splicePipe {
	return splicePipe{rfd: p, wfd: 1}
}

var tab = [...]func(*int) int{nil, nil}

func callTab(i int, p *int) int {
	return tab[i](p)
}
