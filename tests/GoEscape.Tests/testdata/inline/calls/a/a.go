package a

type Buf struct{ b []byte }

func New(n int) *Buf { return &Buf{b: make([]byte, 0, n)} }

func (b *Buf) Len() int { return len(b.b) }

func (b *Buf) Bytes() []byte { return b.b }

func Keep(p *int) *int { return p }

var sink any

func Leak(x any) { sink = x }
