package main

import (
	"fmt"
	"go/token"
	"math"
	"math/big"
	"math/rand/v2"
	"strings"
	"unicode/utf8"
)

// randomCases adds pseudo-random (fixed seed) literals, values and operations.
func randomCases() {
	r := rand.New(rand.NewPCG(1, 2))
	digits := func(n int, alphabet string) string {
		var sb strings.Builder
		for i := 0; i < n; i++ {
			sb.WriteByte(alphabet[r.IntN(len(alphabet))])
		}
		return sb.String()
	}
	exponent := func() int {
		switch r.IntN(4) {
		case 0:
			return r.IntN(61) - 30
		case 1:
			return r.IntN(801) - 400
		case 2:
			return r.IntN(3001) - 1500
		default:
			return r.IntN(12001) - 6000
		}
	}
	var floats []int
	// decimal float literals
	for i := 0; i < 3000; i++ {
		m := digits(1+r.IntN(40), "0123456789")
		if r.IntN(2) == 0 {
			k := r.IntN(len(m) + 1)
			m = m[:k] + "." + m[k:]
			if m == "." {
				m = "0."
			}
		}
		lit := m
		if r.IntN(4) != 0 {
			lit += fmt.Sprintf("e%d", exponent())
		}
		if id := lit2(token.FLOAT, lit); id >= 0 {
			floats = append(floats, id)
		}
	}
	// hexadecimal float literals
	for i := 0; i < 800; i++ {
		m := digits(1+r.IntN(30), "0123456789abcdef")
		if r.IntN(2) == 0 {
			k := r.IntN(len(m) + 1)
			m = m[:k] + "." + m[k:]
		}
		if id := lit2(token.FLOAT, fmt.Sprintf("0x%sp%d", m, 4*exponent())); id >= 0 {
			floats = append(floats, id)
		}
	}
	// float64 values: random bit patterns and near-integers (exercises %g and %.6g)
	for i := 0; i < 2500; i++ {
		var x float64
		switch r.IntN(3) {
		case 0:
			x = math.Float64frombits(r.Uint64())
		case 1:
			x = float64(r.IntN(20000000)) + float64(r.IntN(1<<20))/float64(1<<20)
		default:
			x = float64(r.IntN(1000000)) * math.Pow(10, float64(r.IntN(40)-20))
		}
		if math.IsNaN(x) || math.IsInf(x, 0) {
			continue
		}
		f64(x)
	}
	// integers
	var ints []int
	for i := 0; i < 1500; i++ {
		n := 1 + r.IntN(600)
		s := digits(n/3+1, "0123456789")
		s = strings.TrimLeft(s, "0")
		if s == "" {
			s = "0"
		}
		if r.IntN(3) == 0 {
			s = "-" + s
		}
		ints = append(ints, bigi(s))
	}
	for i := 0; i < 500; i++ {
		ints = append(ints, i64(int64(r.Uint64())>>r.IntN(64)))
	}
	for i := 0; i < 3000; i++ {
		a, b := ints[r.IntN(len(ints))], ints[r.IntN(len(ints))]
		op := []string{"+", "-", "*", "/", "QUO", "%", "&", "|", "^", "&^"}[r.IntN(10)]
		bin(a, op, b)
		if r.IntN(4) == 0 {
			shift(a, []string{"<<", ">>"}[r.IntN(2)], uint(r.IntN(700)))
		}
		if r.IntN(8) == 0 {
			cmp(a, b)
			un("^", a, []uint{0, 8, 16, 32, 64}[r.IntN(5)])
		}
	}
	// float arithmetic, including values outside the rational domain
	pool := append([]int{}, floats...)
	for i := 0; i < 200; i++ {
		pool = append(pool, flt(randomFloatText(r)))
	}
	for i := 0; i < 5000; i++ {
		a, b := pool[r.IntN(len(pool))], pool[r.IntN(len(pool))]
		op := []string{"+", "-", "*", "/"}[r.IntN(4)]
		c := bin(a, op, b)
		if c >= 0 && r.IntN(3) == 0 {
			pool = append(pool, c)
		}
		if r.IntN(10) == 0 {
			cmp(a, b)
		}
		if r.IntN(20) == 0 {
			query(c)
		}
	}
	for i := 0; i < 600; i++ {
		conv("toint", pool[r.IntN(len(pool))])
	}
	// String() of values outside the float64 range (approximate decimal via math.Pow)
	for i := 0; i < 2000; i++ {
		m := new(big.Int).SetUint64(r.Uint64() | 1)
		e := 1030 + r.IntN(200000)
		if r.IntN(2) == 0 {
			e = -e - 60
		}
		f := new(big.Float).SetPrec(512).SetInt(m)
		f.SetMantExp(f, e-f.MantExp(nil))
		flt(f.Text('p', 0))
	}
	// complex arithmetic
	var cs []int
	for i := 0; i < 60; i++ {
		cs = append(cs, cplx(pool[r.IntN(len(pool))], pool[r.IntN(len(pool))]))
	}
	for i := 0; i < 400; i++ {
		bin(cs[r.IntN(len(cs))], []string{"+", "-", "*", "/"}[r.IntN(4)], cs[r.IntN(len(cs))])
	}
	// strings: random bytes and runes
	for i := 0; i < 1500; i++ {
		var sb strings.Builder
		n := r.IntN(90)
		for j := 0; j < n; j++ {
			switch r.IntN(4) {
			case 0:
				sb.WriteByte(byte(r.IntN(256)))
			case 1:
				sb.WriteByte(byte(32 + r.IntN(95)))
			case 2:
				sb.WriteRune(rune(r.IntN(0x3000)))
			default:
				rr := rune(r.IntN(utf8.MaxRune + 1))
				sb.WriteRune(rr)
			}
		}
		str(sb.String())
	}
}

func lit2(kind token.Token, s string) int { return lit(kind, s) }

// randomFloatText returns the 'p' text of a random 512-bit float.
func randomFloatText(r *rand.Rand) string {
	m := new(big.Int)
	for i := 0; i < 8; i++ {
		m.Lsh(m, 64)
		m.Or(m, new(big.Int).SetUint64(r.Uint64()))
	}
	m.Rsh(m, uint(r.IntN(500)))
	if m.Sign() == 0 {
		m.SetInt64(1)
	}
	f := new(big.Float).SetPrec(512).SetInt(m)
	e := r.IntN(40001) - 20000
	f.SetMantExp(f, e-f.MantExp(nil))
	if r.IntN(2) == 0 {
		f.Neg(f)
	}
	return f.Text('p', 0)
}
