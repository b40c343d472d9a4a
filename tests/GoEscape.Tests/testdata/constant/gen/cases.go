package main

import (
	"go/constant"
	"go/token"
	"math"
	"math/big"
	"strings"
)

var intLits = []string{"0", "1", "42", "-1", "+7", "0x7fffffffffffffff", "0x8000000000000000", "9223372036854775807",
	"9223372036854775808", "-9223372036854775808", "-9223372036854775809", "0777", "0o777", "0O17", "0b1010", "0B1", "0xDEAD_BEEF",
	"1_000_000", "0_7", "08", "0x", "1__0", "_1", "1_", "00", "0x_1f", "0b_1", "0o_7", "0xFFFFFFFFFFFFFFFF", "18446744073709551615",
	"18446744073709551616", "0xffffffffffffffffffffffffffffffff", "1" + strings.Repeat("0", 200), "0x1" + strings.Repeat("0", 128),
	"0x1" + strings.Repeat("0", 127), "0x" + strings.Repeat("f", 128), "0b" + strings.Repeat("1", 600), "12345678901234567890123456789",
	"2147483647", "2147483648", "4294967295", "4294967296", "65535", "65536", "255", "256", "127", "128", "-128", "-129", "32767", "-32768"}

var floatLits = []string{"0.", ".5", "0.0", "1.5", "1e10", "1E-10", "1e308", "1e309", "1.7976931348623157e308", "1.7976931348623158e308",
	"1.7976931348623159e308", "1.797693134862315708145274237317043567981e+308", "4.9406564584124654e-324", "2.4703282292062327e-324",
	"2.4703282292062328e-324", "5e-324", "1e-400", "1e-1233", "1e-1234", "1e-1300", "1e1232", "1e1233", "1e1234", "1e2000",
	"1e10000", "1e100000", "1e-100000", "1e1000000", "1e-1000000", "1e1000000000", "1e-1000000000", "6e-1886451601", "1e99999999999999999999",
	"0x1p-2", "0x1.8p1", "0X.8P+1", "0x1p4096", "0x1p4095", "0x1p4094", "0x1p-4096", "0x1p-4095", "0x1p-4097", "0x1.fffffffffffffp1023",
	"0x1.fffffffffffff8p1023", "0x1p-1074", "0x1p-1075", "0x1.0000000000001p-1075", "0x1p-1076", "1_000.000_1", "1e1_0", "0x_1p1", "0.1",
	"0.2", "0.3", "3.14159265358979323846264338327950288419716939937510582097494459",
	"2.71828182845904523536028747135266249775724709369995957496696763", "1.41421356237309504880168872420969807856967187537694807317667974",
	"0.693147180559945309417232121458176568075500134360255254120680009", "2.30258509299404568401799145468436420760110148862877297603332790",
	"1.64872127070012814684865078831848999990800457227209545049013541", "1.77245385090551602729816748334114518279754945612238712821380779",
	"1.27201964951406896425242246173749149171560804184009624861664038", "1.61803398874989484820458683436563811772030917980576286213544862",
	"1234565", "1234565.0", "1234575.0", "1234565.5", "0.0001", "0.00001", "0.000099999", "123456.5", "1234567.5", "100000", "1000000",
	"1000000.5", "100000.5", "1e21", "1e22", "1e23", "123456789012345678901234567890", "3.4028234663852886e38", "3.4028235677973366e38",
	"3.4028235677973367e38", "3.40282356779733661637539395458142568448e38", "1.401298464324817e-45", "7.006492321624085e-46",
	"7.006492321624086e-46", "1e-45", "0.5e-45", "1.17549435e-38", "9007199254740993", "9007199254740993.0", "1e-5", "0.000123456789",
	"99999.95", "999999.5", "9999995", "0.9999995", "0.99999949", "1p10", "0x1e3", "00.5", "0755.0", "1e+400", "1e-0", "1e", "1.2.3",
	"0x1.p0", "0x.1p0", "0b1.1", "0o7.4", "1e-4", "1.5e-4", "1.5e-5", "2e-7", "123e-20", "1e300", "1e-300", "1e-320", "1e-323", "-1.5",
	"1.0000005", "1.00000049", "123456789.0", "12345678.9", "0.30000000000000004", "5e-1", "25e-2", "0.1e1", "8.5", "2.5", "3.5", "0.125",
	"4.35", "1e100", "1e-100", "6.02214076e23", "1.602176634e-19", "1e4932", "1e-4951", "1e1500", "1e-1500", "33e1232", "1.5e1233",
	"0x1p+1023", "0x1p1024", "0x1.fffffep127", "0x1.ffffffp127", "0x1p-149", "0x1p-150", "0x1.000001p-150", "0x1p-126",
}

var imagLits = []string{"0i", "1i", "1.5i", "0777i", "0x10i", "0b101i", "0o17i", "1e10i", "1e10000i", "1e-10000i", "0x1p-2i", "1_0i", ".5i",
	"1e1000000000i", "i", "3.14159265358979323846264338327950288419716939937510582097494459i", "00i", "09i", "0.i", "1e-400i"}

var charLits = []string{`'a'`, `'\n'`, `'\x41'`, `'\u00e9'`, `'\U0001F600'`, `'\377'`, `'\''`, `'é'`, `'😀'`, `'\\'`, `'\t'`, `'\"'`, `'\z'`,
	`'\uD800'`, `''`, `'ab'`, `'\a'`, `'\b'`, `'\f'`, `'\r'`, `'\v'`, `'\000'`, `'\400'`, `'\xff'`, `'\U0010FFFF'`, `'\U00110000'`, `'世'`,
	`'\u0000'`, `'x`, `'`}

var stringLits = []string{`""`, `"abc"`, `"\n\t\x00\x7f\x80\xff"`, `"\u00e9\U0001F600"`, `"é😀"`, "`raw\r\nstring`", "`a\\b`", "`\r`",
	`"\u00ad\u2028\ufeff\uFFFD\u0600"`, `"\x80\x80"`, `"\xc3\xa9"`, `"\xc3"`, `"\xed\xa0\x80"`, `"\xf4\x90\x80\x80"`, `"\xe0\x80\x80"`,
	`"\a\b\f\r\v\\\""`, `"'"`, `"\'"`, `"abc`, `"a` + "\n" + `b"`, `"` + strings.Repeat("a", 70) + `"`, `"` + strings.Repeat("a", 71) + `"`,
	`"` + strings.Repeat("a", 69) + `"`, `"` + strings.Repeat("é", 80) + `"`, `"` + strings.Repeat("😀", 80) + `"`,
	`"` + strings.Repeat("\\x01", 30) + `"`, `"` + strings.Repeat("ab", 34) + "😀😀😀" + `"`, `"\U0001F600\U000E0001\U0010FFFF"`,
	`"\u0378\u0085\u00a0\u3000\u200b"`, `"` + "\u00a0\u1680\u2000" + `"`, `"\x1b[0m"`, `"\377\000\101"`, "`" + strings.Repeat("x", 100) + "`"}

func handWritten() {
	// literals
	var litIDs []int
	for _, l := range intLits {
		litIDs = append(litIDs, lit(token.INT, l))
	}
	for _, l := range floatLits {
		litIDs = append(litIDs, lit(token.FLOAT, l))
	}
	for _, l := range imagLits {
		litIDs = append(litIDs, lit(token.IMAG, l))
	}
	for _, l := range charLits {
		litIDs = append(litIDs, lit(token.CHAR, l))
	}
	for _, l := range stringLits {
		litIDs = append(litIDs, lit(token.STRING, l))
	}
	for _, id := range litIDs {
		query(id)
	}

	// factories
	var facIDs []int
	for _, x := range []int64{0, 1, -1, 2, 42, math.MaxInt64, math.MinInt64, math.MaxInt32, math.MinInt32, 1 << 62, -(1 << 62), 1<<62 - 1, 1 << 31, 1<<31 - 1, -(1 << 31) - 1, 1 << 53, 1<<53 + 1, 1<<24 + 1, 1<<63 - 1024, 1<<63 - 512, 1<<63 - 511} {
		facIDs = append(facIDs, i64(x))
	}
	for _, x := range []uint64{0, 1, 1<<63 - 1, 1 << 63, math.MaxUint64, 1<<64 - 1025, 1<<64 - 2048} {
		facIDs = append(facIDs, u64(x))
	}
	for _, x := range []float64{0, math.Copysign(0, -1), 1, -1, 0.1, 1.0 / 3, math.MaxFloat64, -math.MaxFloat64, math.SmallestNonzeroFloat64,
		0x1p-1022, 0x1p1023, math.Pi, math.E, 1e300, 1e-300, -2.5, math.Inf(1), math.Inf(-1), math.NaN(), math.MaxFloat32, math.SmallestNonzeroFloat32,
		1e23, 123456.5, 1234565, 0.000123, 5e-324, 2.2250738585072009e-308, 1 << 53, 1<<53 + 2, 0.30000000000000004, 100, 1e21, 1e20, 1e-7} {
		facIDs = append(facIDs, f64(x))
	}
	for _, s := range []string{"0", "-1", "9223372036854775807", "9223372036854775808", "-9223372036854775809", "340282366920938463463374607431768211456",
		"-340282366920938463463374607431768211455", new(big.Int).Lsh(big.NewInt(1), 512).String(), new(big.Int).Lsh(big.NewInt(1), 4096).String(),
		new(big.Int).Sub(new(big.Int).Lsh(big.NewInt(1), 4095), big.NewInt(1)).String(), new(big.Int).Lsh(big.NewInt(3), 5000).String()} {
		facIDs = append(facIDs, bigi(s))
	}
	for _, p := range [][2]string{{"1", "3"}, {"-2", "4"}, {"10", "5"}, {"0", "7"}, {"1", new(big.Int).Lsh(big.NewInt(1), 4095).String()},
		{"1", new(big.Int).Lsh(big.NewInt(1), 4096).String()}, {new(big.Int).Lsh(big.NewInt(1), 4096).String(), "3"}, {"22", "7"}, {"355", "113"}} {
		facIDs = append(facIDs, rat(p[0], p[1]))
	}
	third := new(big.Float).SetPrec(512).Quo(big.NewFloat(1), big.NewFloat(3))
	pi512, _ := new(big.Float).SetPrec(512).SetString("3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812848111745028410270193852110555964462294895493038196")
	for _, t := range []string{"0", "0x.8p+1", "-0x.8p+1", third.Text('p', 0), pi512.Text('p', 0), "0x.8p+5000", "0x.8p-5000", "0x.ffffffffffffffp+1024", "0x.8p+2147483647", "0x.8p-2147483648",
		new(big.Float).SetPrec(512).Quo(big.NewFloat(2), big.NewFloat(3)).Text('p', 0), "0x.fffffffffffffffffffffffffffff8p+1024"} {
		facIDs = append(facIDs, flt(t))
	}
	str("")
	str("hello, world")
	emit("bool\ttrue", func() constant.Value { return constant.MakeBool(true) })
	emit("bool\tfalse", func() constant.Value { return constant.MakeBool(false) })
	emit("unk", func() constant.Value { return constant.MakeUnknown() })
	for _, id := range facIDs {
		query(id)
	}

	// math and friends, written as the standard library writes them
	one := lit(token.INT, "1")
	mathConsts := []int{}
	add := func(id int) int { mathConsts = append(mathConsts, id); return id }
	e := add(lit(token.FLOAT, "2.71828182845904523536028747135266249775724709369995957496696763"))
	pi := add(lit(token.FLOAT, "3.14159265358979323846264338327950288419716939937510582097494459"))
	phi := add(lit(token.FLOAT, "1.61803398874989484820458683436563811772030917980576286213544862"))
	_ = e
	_ = phi
	ln2 := add(lit(token.FLOAT, "0.693147180559945309417232121458176568075500134360255254120680009"))
	ln10 := add(lit(token.FLOAT, "2.30258509299404568401799145468436420760110148862877297603332790"))
	add(bin(one, "/", ln2))
	add(bin(one, "/", ln10))
	add(bin(pi, "/", lit(token.INT, "180")))
	add(bin(lit(token.FLOAT, "0x1p1023"), "*", bin(one, "+", bin(one, "-", lit(token.FLOAT, "0x1p-52")))))
	add(bin(lit(token.FLOAT, "0x1p-1022"), "*", lit(token.FLOAT, "0x1p-52")))
	add(bin(lit(token.FLOAT, "0x1p127"), "*", bin(one, "+", bin(one, "-", lit(token.FLOAT, "0x1p-23")))))
	add(bin(lit(token.FLOAT, "0x1p-126"), "*", lit(token.FLOAT, "0x1p-23")))
	add(bin(shift(one, "<<", 63), "-", one))
	add(un("-", shift(one, "<<", 63), 0))
	add(bin(shift(one, "<<", 64), "-", one))
	add(bin(shift(one, "<<", 31), "-", one))
	add(bin(lit(token.FLOAT, "1e308"), "*", lit(token.INT, "10")))
	add(bin(lit(token.FLOAT, "1e308"), "*", lit(token.FLOAT, "1e308")))
	add(bin(shift(one, "<<", 512), "-", one))
	add(shift(one, "<<", 511))
	add(un("^", lit(token.INT, "0"), 64))
	add(un("^", lit(token.INT, "0"), 32))
	add(un("^", lit(token.INT, "0"), 0))
	add(bin(lit(token.FLOAT, "1e-323"), "/", lit(token.INT, "2")))
	add(bin(lit(token.INT, "1"), "/", lit(token.INT, "3")))
	add(bin(lit(token.FLOAT, "0.1"), "+", lit(token.FLOAT, "0.2")))
	add(bin(lit(token.INT, "22"), "/", lit(token.INT, "7")))
	add(bin(lit(token.IMAG, "1i"), "*", lit(token.IMAG, "1i")))
	for _, id := range mathConsts {
		query(id)
	}

	// chains that leave the rational domain
	x := rat("1", "3")
	for i := 0; i < 14; i++ {
		x = bin(x, "*", x)
		query(x)
	}
	y := lit(token.FLOAT, "1e1000")
	for i := 0; i < 6; i++ {
		y = bin(y, "*", lit(token.FLOAT, "1e1000"))
		query(y)
	}
	z := lit(token.FLOAT, "1e-1000")
	for i := 0; i < 6; i++ {
		z = bin(z, "/", lit(token.FLOAT, "1e1000"))
		query(z)
	}
	t3 := flt(third.Text('p', 0))
	for _, id := range []int{bin(t3, "*", lit(token.INT, "3")), bin(bin(t3, "*", lit(token.INT, "3")), "-", one), bin(t3, "+", t3),
		bin(bin(t3, "+", t3), "+", t3), bin(bin(t3, "*", lit(token.INT, "300")), "+", lit(token.FLOAT, "0.5")),
		bin(flt("0x.8p+5000"), "+", one), bin(flt("0x.8p+5000"), "-", flt("0x.8p+5000")), bin(flt("0x.8p+600"), "+", flt("0x.8p-600")),
		bin(flt("0x.8p+5000"), "+", flt("0x.8p-5000")), bin(flt("0x.8p+5000"), "-", flt("0x.8p-5000")),
		bin(flt("-0x.8p+5000"), "+", flt("0x.8p-5000")), bin(flt("0x.8p+2147483647"), "*", lit(token.INT, "2")),
		bin(flt("0x.8p-2147483648"), "/", lit(token.INT, "2")), bin(flt("0x.8p+2147483647"), "+", flt("0x.8p+2147483647")),
		bin(lit(token.FLOAT, "1e10000"), "/", lit(token.INT, "7")), bin(lit(token.FLOAT, "1e-10000"), "*", lit(token.FLOAT, "1e10000")),
		bin(lit(token.FLOAT, "1e10000"), "*", lit(token.FLOAT, "1e-10000")),
		bin(bin(lit(token.FLOAT, "1e2000"), "*", lit(token.FLOAT, "1e2000")), "/", lit(token.FLOAT, "1e4000")),
		bin(lit(token.FLOAT, "1e5000"), "QUO", lit(token.INT, "3"))} {
		query(id)
	}
	// big.Float formatting of values around float64 range boundaries
	for _, l := range []string{"1e309", "1e-330", "1.5e400", "9.9999999e1300", "9.99999949e-1300", "-4.4e5000", "2e-5000", "1e-324",
		"0x1p1024", "0x1p-1080", "0x1.ffffffffffffffffffffp1023"} {
		f := lit(token.FLOAT, l)
		g := bin(f, "*", flt("0x.8p+1")) // forces floatVal arithmetic through the flt operand
		query(g)
		h := bin(flt("0x.8p+1"), "*", bin(f, "*", lit(token.FLOAT, "1e5000")))
		query(h)
		cmp(g, f)
	}

	pool := poolIDs()
	for _, a := range pool {
		for _, b := range pool {
			for _, op := range []string{"+", "-", "*", "/"} {
				bin(a, op, b)
			}
			cmp(a, b)
		}
	}
	ints := intPool()
	for _, a := range ints {
		for _, b := range ints {
			for _, op := range []string{"QUO", "%", "&", "|", "^", "&^"} {
				bin(a, op, b)
			}
		}
		for _, s := range []uint{0, 1, 2, 7, 31, 32, 62, 63, 64, 65, 100, 511, 512, 1000} {
			shift(a, "<<", s)
			shift(a, ">>", s)
		}
		for _, p := range []uint{0, 8, 16, 32, 64} {
			un("^", a, p)
		}
	}
	for _, a := range pool {
		un("-", a, 0)
		un("+", a, 0)
		conv("toint", a)
		conv("tofloat", a)
		conv("tocomplex", a)
		conv("mkimag", a)
	}
	// strings and bools
	sp := []int{str(""), str("a"), str("abc"), str("abd"), str("ab"), str("\xff"), str("é"), str("😀")}
	for _, a := range sp {
		for _, b := range sp {
			s := bin(a, "+", b)
			cmp(a, b)
			bin(s, "+", a)
		}
	}
	bp := []int{emit("bool\ttrue", func() constant.Value { return constant.MakeBool(true) }), emit("bool\tfalse", func() constant.Value { return constant.MakeBool(false) })}
	for _, a := range bp {
		un("!", a, 0)
		for _, b := range bp {
			bin(a, "&&", b)
			bin(a, "||", b)
			cmp(a, b)
		}
	}
	u := emit("unk", func() constant.Value { return constant.MakeUnknown() })
	for _, a := range append(pool[:5:5], sp[1], bp[0]) {
		bin(a, "+", u)
		bin(u, "+", a)
		cmp(a, u)
	}
	un("-", u, 0)
	un("^", u, 0)
	un("!", u, 0)
	shift(u, "<<", 3)
	query(u)
	// long concatenation chain
	c := str("x")
	for i := 0; i < 200; i++ {
		c = bin(c, "+", str(strings.Repeat("y", i%5)))
	}
	query(c)
}

func poolIDs() []int {
	var p []int
	for _, l := range []string{"0", "1", "-1", "2", "3", "7", "-7", "10", "255", "9223372036854775807", "-9223372036854775808", "9223372036854775808",
		"18446744073709551615", "18446744073709551616", "1267650600228229401496703205376", "-1267650600228229401496703205376"} {
		p = append(p, lit(token.INT, l))
	}
	for _, l := range []string{"0.5", "-0.5", "0.1", "1e-10", "1e300", "1e-300", "2.5", "1e1000", "1e-1000", "3.14159265358979323846264338327950288419716939937510582097494459", "1e10000", "-1e-10000", "0.0"} {
		p = append(p, lit(token.FLOAT, l))
	}
	p = append(p, rat("1", "3"), rat("-22", "7"))
	third := new(big.Float).SetPrec(512).Quo(big.NewFloat(1), big.NewFloat(3))
	p = append(p, flt(third.Text('p', 0)), flt("-0x.8p+5000"), flt("0x.8p+1"), flt("0x.c90fdaa22168c234c4c6628b80dc1cd129024e088a67cc74020bbea63b139b22514a08798e3404ddef9519b3cd3a431b302b0a6df25f14374fe1356d6d51c245e485b576625e7ec6f44c42e9a637ed6b0bff5cb6f406b7edee386bfb5a899fa5ae9f24117c4b1fe649286651ece45b3dc2007cb8a163bf0598da48361c55d39a69163fa8fd24cf5f83655d23dca3ad961c62f356208552bb9ed529077096966d670c354e4abc9804f1746c08ca237327ffffffffffffffffp+2"))
	for _, l := range []string{"1i", "2.5i", "1e10000i", "0i"} {
		p = append(p, lit(token.IMAG, l))
	}
	p = append(p, cplx(lit(token.INT, "1"), lit(token.INT, "2")), cplx(lit(token.FLOAT, "0.5"), lit(token.FLOAT, "-1.5")), cplx(rat("1", "3"), lit(token.INT, "0")))
	return p
}

func intPool() []int {
	var p []int
	for _, l := range []string{"0", "1", "-1", "2", "3", "7", "-7", "10", "255", "256", "-256", "9223372036854775807", "-9223372036854775808",
		"9223372036854775808", "18446744073709551615", "18446744073709551616", "1267650600228229401496703205376", "-1267650600228229401496703205377",
		"0x5555555555555555555555555555555555555555"} {
		p = append(p, lit(token.INT, l))
	}
	p = append(p, i64(-1))
	return p
}
