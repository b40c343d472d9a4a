// Command gen writes the golden file for GoEscape's go/constant model (GoEscape.Types.Constant):
// a script of constant operations, each line followed by go/constant's result. The C# test
// (tests/GoEscape.Tests/Constant/GoldenTests.cs) replays every line and compares.
//
//	cd tests/GoEscape.Tests/testdata/constant/gen && go run . > ../golden.txt
//
// Line format (tab-separated): an operation, then "=>", then the expected result.
// Lines whose operation creates a value ("v" lines) define value ids 0, 1, 2, ... in order.
package main

import (
	"bufio"
	"fmt"
	"go/ast"
	"go/build"
	"go/constant"
	"go/importer"
	"go/parser"
	"go/scanner"
	"go/token"
	"go/types"
	"math"
	"math/big"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strconv"
	"strings"
)

var (
	out    = bufio.NewWriterSize(os.Stdout, 1<<20)
	vals   []constant.Value
	nlines int
)

func repr(v constant.Value) string {
	if v.Kind() == constant.Complex {
		return "complex(" + repr(constant.Real(v)) + "," + repr(constant.Imag(v)) + ")"
	}
	s := fmt.Sprintf("%T", v)
	s = strings.TrimPrefix(s, "*")
	return strings.TrimPrefix(s, "constant.")
}

func b01(b bool) string {
	if b {
		return "1"
	}
	return "0"
}

func describe(v constant.Value) string {
	var sb strings.Builder
	sb.WriteString(repr(v))
	sb.WriteString("\t")
	sb.WriteString(v.String())
	sb.WriteString("\t")
	sb.WriteString(v.ExactString())
	switch v.Kind() {
	case constant.Int:
		i, ie := constant.Int64Val(v)
		u, ue := constant.Uint64Val(v)
		fmt.Fprintf(&sb, "\ti64=%d,%s u64=%d,%s bl=%d sg=%d", i, b01(ie), u, b01(ue), constant.BitLen(v), constant.Sign(v))
		f, fe := constant.Float64Val(v)
		g, ge := constant.Float32Val(v)
		fmt.Fprintf(&sb, " f64=%016x,%s f32=%08x,%s", math.Float64bits(f), b01(fe), math.Float32bits(g), b01(ge))
	case constant.Float:
		f, fe := constant.Float64Val(v)
		g, ge := constant.Float32Val(v)
		fmt.Fprintf(&sb, "\tf64=%016x,%s f32=%08x,%s sg=%d", math.Float64bits(f), b01(fe), math.Float32bits(g), b01(ge), constant.Sign(v))
	case constant.Complex:
		fmt.Fprintf(&sb, "\tsg=%d", constant.Sign(v))
	case constant.String:
		fmt.Fprintf(&sb, "\tlen=%d", constant.StringLen(v))
	}
	return sb.String()
}

// emit runs f, which must produce a value; on success writes the line and records the value.
func emit(op string, f func() constant.Value) int {
	var v constant.Value
	ok := func() (ok bool) {
		defer func() {
			if recover() != nil {
				ok = false
			}
		}()
		v = f()
		return true
	}()
	if !ok {
		return -1
	}
	fmt.Fprintf(out, "v\t%s\t=>\t%s\n", op, describe(v))
	nlines++
	vals = append(vals, v)
	return len(vals) - 1
}

func emitLine(op string, f func() string) {
	var r string
	ok := func() (ok bool) {
		defer func() {
			if recover() != nil {
				ok = false
			}
		}()
		r = f()
		return true
	}()
	if ok {
		fmt.Fprintf(out, "%s\t=>\t%s\n", op, r)
		nlines++
	}
}

var litKinds = map[token.Token]string{token.INT: "INT", token.FLOAT: "FLOAT", token.IMAG: "IMAG", token.CHAR: "CHAR", token.STRING: "STRING"}

func lit(kind token.Token, s string) int {
	return emit("lit\t"+litKinds[kind]+"\t"+strconv.Quote(s), func() constant.Value { return constant.MakeFromLiteral(s, kind, 0) })
}

func i64(x int64) int {
	return emit(fmt.Sprintf("i64\t%d", x), func() constant.Value { return constant.MakeInt64(x) })
}
func u64(x uint64) int {
	return emit(fmt.Sprintf("u64\t%d", x), func() constant.Value { return constant.MakeUint64(x) })
}
func f64(x float64) int {
	return emit(fmt.Sprintf("f64\t%016x", math.Float64bits(x)), func() constant.Value { return constant.MakeFloat64(x) })
}
func bigi(s string) int {
	return emit("big\t"+s, func() constant.Value {
		b, ok := new(big.Int).SetString(s, 10)
		if !ok {
			panic("bad")
		}
		return constant.Make(b)
	})
}
func rat(n, d string) int {
	return emit("rat\t"+n+"\t"+d, func() constant.Value {
		a, _ := new(big.Int).SetString(n, 10)
		b, _ := new(big.Int).SetString(d, 10)
		return constant.Make(new(big.Rat).SetFrac(a, b))
	})
}
func flt(text string) int {
	return emit("flt\t"+text, func() constant.Value {
		f, ok := new(big.Float).SetPrec(512).SetString(text)
		if !ok {
			panic("bad")
		}
		return constant.Make(f)
	})
}
func str(s string) int {
	return emit("str\t"+strconv.Quote(s), func() constant.Value { return constant.MakeString(s) })
}

var binOps = map[string]token.Token{"+": token.ADD, "-": token.SUB, "*": token.MUL, "/": token.QUO, "QUO": token.QUO_ASSIGN,
	"%": token.REM, "&": token.AND, "|": token.OR, "^": token.XOR, "&^": token.AND_NOT, "&&": token.LAND, "||": token.LOR}
var unOps = map[string]token.Token{"+": token.ADD, "-": token.SUB, "^": token.XOR, "!": token.NOT}

func bin(a int, op string, b int) int {
	if a < 0 || b < 0 {
		return -1
	}
	x, y := vals[a], vals[b]
	if (op == "/" || op == "QUO" || op == "%") && y.Kind() != constant.Unknown && constant.Sign(y) == 0 {
		return -1
	}
	return emit(fmt.Sprintf("bin\t%d\t%s\t%d", a, op, b), func() constant.Value { return constant.BinaryOp(x, binOps[op], y) })
}
func un(op string, a int, prec uint) int {
	if a < 0 {
		return -1
	}
	x := vals[a]
	return emit(fmt.Sprintf("un\t%s\t%d\t%d", op, a, prec), func() constant.Value { return constant.UnaryOp(unOps[op], x, prec) })
}
func shift(a int, op string, s uint) int {
	if a < 0 {
		return -1
	}
	x := vals[a]
	tok := token.SHL
	if op == ">>" {
		tok = token.SHR
	}
	return emit(fmt.Sprintf("shift\t%d\t%s\t%d", a, op, s), func() constant.Value { return constant.Shift(x, tok, s) })
}
func conv(fn string, a int) int {
	if a < 0 {
		return -1
	}
	x := vals[a]
	f := map[string]func(constant.Value) constant.Value{"toint": constant.ToInt, "tofloat": constant.ToFloat, "tocomplex": constant.ToComplex,
		"real": constant.Real, "imag": constant.Imag, "num": constant.Num, "denom": constant.Denom, "mkimag": constant.MakeImag}[fn]
	return emit(fmt.Sprintf("%s\t%d", fn, a), func() constant.Value { return f(x) })
}
func cplx(re, im int) int {
	if re < 0 || im < 0 {
		return -1
	}
	x, y := vals[re], vals[im]
	return emit(fmt.Sprintf("cplx\t%d\t%d", re, im), func() constant.Value { return constant.BinaryOp(x, token.ADD, constant.MakeImag(y)) })
}

var cmpOps = []token.Token{token.EQL, token.NEQ, token.LSS, token.LEQ, token.GTR, token.GEQ}

func cmp(a, b int) {
	if a < 0 || b < 0 {
		return
	}
	x, y := vals[a], vals[b]
	emitLine(fmt.Sprintf("cmp\t%d\t%d", a, b), func() string {
		var sb strings.Builder
		for _, op := range cmpOps {
			r := "-"
			func() {
				defer func() { recover() }()
				r = b01(constant.Compare(x, op, y))
			}()
			sb.WriteString(r)
		}
		return sb.String()
	})
}

// ---------------------------------------------------------------------------
// representability (copied from types2.representableConst, amd64 sizes)

type target struct {
	name string
	kind types.BasicKind
}

var targets = []target{{"Bool", types.Bool}, {"Int", types.Int}, {"Int8", types.Int8}, {"Int16", types.Int16}, {"Int32", types.Int32},
	{"Int64", types.Int64}, {"Uint", types.Uint}, {"Uint8", types.Uint8}, {"Uint16", types.Uint16}, {"Uint32", types.Uint32},
	{"Uint64", types.Uint64}, {"Uintptr", types.Uintptr}, {"Float32", types.Float32}, {"Float64", types.Float64},
	{"Complex64", types.Complex64}, {"Complex128", types.Complex128}, {"String", types.String},
	{"UntypedBool", types.UntypedBool}, {"UntypedInt", types.UntypedInt}, {"UntypedRune", types.UntypedRune},
	{"UntypedFloat", types.UntypedFloat}, {"UntypedComplex", types.UntypedComplex}, {"UntypedString", types.UntypedString}}

func representableConst(x constant.Value, kind types.BasicKind, rounded *constant.Value) bool {
	if x.Kind() == constant.Unknown {
		return true
	}
	info := types.Typ[kind].Info()
	switch {
	case info&types.IsInteger != 0:
		x := constant.ToInt(x)
		if x.Kind() != constant.Int {
			return false
		}
		if rounded != nil {
			*rounded = x
		}
		if x, ok := constant.Int64Val(x); ok {
			switch kind {
			case types.Int, types.Int64, types.UntypedInt, types.UntypedRune:
				return true
			case types.Int8:
				return -1<<7 <= x && x <= 1<<7-1
			case types.Int16:
				return -1<<15 <= x && x <= 1<<15-1
			case types.Int32:
				return -1<<31 <= x && x <= 1<<31-1
			case types.Uint, types.Uintptr, types.Uint64:
				return 0 <= x
			case types.Uint8:
				return 0 <= x && x <= 1<<8-1
			case types.Uint16:
				return 0 <= x && x <= 1<<16-1
			case types.Uint32:
				return 0 <= x && x <= 1<<32-1
			}
			panic("unreachable")
		}
		switch n := constant.BitLen(x); kind {
		case types.Uint, types.Uintptr, types.Uint64:
			return constant.Sign(x) >= 0 && n <= 64
		case types.UntypedInt, types.UntypedRune:
			return true
		}
	case info&types.IsFloat != 0:
		x := constant.ToFloat(x)
		if x.Kind() != constant.Float {
			return false
		}
		switch kind {
		case types.Float32:
			if rounded == nil {
				return fitsFloat32(x)
			}
			if r := roundFloat32(x); r != nil {
				*rounded = r
				return true
			}
		case types.Float64:
			if rounded == nil {
				return fitsFloat64(x)
			}
			if r := roundFloat64(x); r != nil {
				*rounded = r
				return true
			}
		default:
			return true
		}
	case info&types.IsComplex != 0:
		x := constant.ToComplex(x)
		if x.Kind() != constant.Complex {
			return false
		}
		switch kind {
		case types.Complex64:
			if rounded == nil {
				return fitsFloat32(constant.Real(x)) && fitsFloat32(constant.Imag(x))
			}
			re, im := roundFloat32(constant.Real(x)), roundFloat32(constant.Imag(x))
			if re != nil && im != nil {
				*rounded = constant.BinaryOp(re, token.ADD, constant.MakeImag(im))
				return true
			}
		case types.Complex128:
			if rounded == nil {
				return fitsFloat64(constant.Real(x)) && fitsFloat64(constant.Imag(x))
			}
			re, im := roundFloat64(constant.Real(x)), roundFloat64(constant.Imag(x))
			if re != nil && im != nil {
				*rounded = constant.BinaryOp(re, token.ADD, constant.MakeImag(im))
				return true
			}
		default:
			return true
		}
	case info&types.IsString != 0:
		return x.Kind() == constant.String
	case info&types.IsBoolean != 0:
		return x.Kind() == constant.Bool
	}
	return false
}

func fitsFloat32(x constant.Value) bool {
	f32, _ := constant.Float32Val(x)
	return !math.IsInf(float64(f32), 0)
}
func roundFloat32(x constant.Value) constant.Value {
	f32, _ := constant.Float32Val(x)
	if f := float64(f32); !math.IsInf(f, 0) {
		return constant.MakeFloat64(f)
	}
	return nil
}
func fitsFloat64(x constant.Value) bool {
	f, _ := constant.Float64Val(x)
	return !math.IsInf(f, 0)
}
func roundFloat64(x constant.Value) constant.Value {
	f, _ := constant.Float64Val(x)
	if !math.IsInf(f, 0) {
		return constant.MakeFloat64(f)
	}
	return nil
}

func short(v constant.Value) string { return repr(v) + ":" + v.ExactString() }

// query prints conversions and representability of value a.
func query(a int) {
	if a < 0 {
		return
	}
	x := vals[a]
	emitLine(fmt.Sprintf("q\t%d", a), func() string {
		var sb strings.Builder
		try := func(name string, f func() string) {
			r := "!"
			func() {
				defer func() { recover() }()
				r = f()
			}()
			sb.WriteString(name + "=" + r + " ")
		}
		for _, fn := range []string{"toint", "tofloat", "tocomplex", "real", "imag", "num", "denom"} {
			f := map[string]func(constant.Value) constant.Value{"toint": constant.ToInt, "tofloat": constant.ToFloat, "tocomplex": constant.ToComplex,
				"real": constant.Real, "imag": constant.Imag, "num": constant.Num, "denom": constant.Denom}[fn]
			try(fn, func() string { return short(f(x)) })
		}
		for _, t := range targets {
			try(t.name, func() string {
				plain := representableConst(x, t.kind, nil)
				var r constant.Value = x
				ok := representableConst(x, t.kind, &r)
				s := b01(plain) + b01(ok)
				if ok && r != x {
					s += ":" + short(r)
				}
				return s
			})
		}
		return strings.TrimSpace(sb.String())
	})
}

// ---------------------------------------------------------------------------

func goroot() string {
	if r := os.Getenv("GOROOT"); r != "" {
		return r
	}
	return runtime.GOROOT()
}

// stdlibLiterals collects the literals of every .go file under GOROOT/src.
func stdlibLiterals() map[token.Token][]string {
	seen := map[token.Token]map[string]bool{}
	for k := range litKinds {
		seen[k] = map[string]bool{}
	}
	root := filepath.Join(goroot(), "src")
	filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		src, err := os.ReadFile(path)
		if err != nil {
			return nil
		}
		var s scanner.Scanner
		fset := token.NewFileSet()
		file := fset.AddFile(path, -1, len(src))
		s.Init(file, src, func(token.Position, string) {}, 0)
		for {
			_, tok, l := s.Scan()
			if tok == token.EOF {
				break
			}
			if m, ok := seen[tok]; ok {
				m[l] = true
			}
		}
		return nil
	})
	res := map[token.Token][]string{}
	for k, m := range seen {
		for l := range m {
			res[k] = append(res[k], l)
		}
		sort.Strings(res[k])
	}
	return res
}

// valueRecipe emits construction lines that rebuild v (same representation) and returns its id.
func valueRecipe(v constant.Value) int {
	switch v.Kind() {
	case constant.Unknown:
		return emit("unk", func() constant.Value { return constant.MakeUnknown() })
	case constant.Bool:
		b := constant.BoolVal(v)
		return emit("bool\t"+strconv.FormatBool(b), func() constant.Value { return constant.MakeBool(b) })
	case constant.String:
		return str(constant.StringVal(v))
	case constant.Int:
		if x, ok := constant.Int64Val(v); ok {
			return i64(x)
		}
		return bigi(v.ExactString())
	case constant.Float:
		switch x := constant.Val(v).(type) {
		case *big.Rat:
			return rat(x.Num().String(), x.Denom().String())
		case *big.Float:
			return flt(x.Text('p', 0))
		}
	case constant.Complex:
		return cplx(valueRecipe(constant.Real(v)), valueRecipe(constant.Imag(v)))
	}
	return -1
}

var opNames = map[token.Token]string{token.ADD: "+", token.SUB: "-", token.MUL: "*", token.QUO: "/", token.REM: "%",
	token.AND: "&", token.OR: "|", token.XOR: "^", token.AND_NOT: "&^", token.LAND: "&&", token.LOR: "||"}

var basicTargetName = map[types.BasicKind]string{}

// stdlibExprs type-checks some standard packages and replays their constant operations.
func stdlibExprs(pkgs []string) {
	for _, t := range targets {
		basicTargetName[t.kind] = t.name
	}
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil)
	seen := map[string]bool{}
	for _, path := range pkgs {
		dir := filepath.Join(goroot(), "src", path)
		bp, err := build.Default.ImportDir(dir, 0)
		if err != nil || bp.Name == "main" || len(bp.GoFiles) == 0 {
			continue
		}
		{
			var files []*ast.File
			for _, n := range bp.GoFiles {
				f, err := parser.ParseFile(fset, filepath.Join(dir, n), nil, 0)
				if err != nil {
					continue
				}
				files = append(files, f)
			}
			info := &types.Info{Types: map[ast.Expr]types.TypeAndValue{}}
			conf := types.Config{Importer: imp, Error: func(error) {}, Sizes: types.SizesFor("gc", "amd64")}
			conf.Check(path, fset, files, info)
			// deterministic order: by position
			type ent struct {
				pos token.Pos
				e   ast.Expr
			}
			var ents []ent
			for e, tv := range info.Types {
				if tv.Value != nil {
					ents = append(ents, ent{e.Pos(), e})
				}
			}
			sort.Slice(ents, func(i, j int) bool {
				if ents[i].pos != ents[j].pos {
					return ents[i].pos < ents[j].pos
				}
				return ents[i].e.End() < ents[j].e.End()
			})
			for _, en := range ents {
				tv := info.Types[en.e]
				switch e := en.e.(type) {
				case *ast.BinaryExpr:
					xv, yv := info.Types[e.X].Value, info.Types[e.Y].Value
					if xv == nil || yv == nil {
						continue
					}
					if e.Op == token.SHL || e.Op == token.SHR {
						s, ok := constant.Uint64Val(constant.ToInt(yv))
						if !ok || s > 10000 {
							continue
						}
						key := "sh" + short(xv) + e.Op.String() + strconv.FormatUint(s, 10)
						if seen[key] {
							continue
						}
						seen[key] = true
						x := valueRecipe(xv)
						if xv.Kind() != constant.Int {
							x = conv("toint", x)
						}
						shift(x, e.Op.String(), uint(s))
						continue
					}
					name, ok := opNames[e.Op]
					if !ok {
						if e.Op == token.EQL || e.Op == token.NEQ || e.Op == token.LSS || e.Op == token.LEQ || e.Op == token.GTR || e.Op == token.GEQ {
							key := "cmp" + short(xv) + "," + short(yv)
							if !seen[key] {
								seen[key] = true
								cmp(valueRecipe(xv), valueRecipe(yv))
							}
						}
						continue
					}
					if e.Op == token.QUO {
						if isIntegerType(info.Types[e.X].Type) && isIntegerType(info.Types[e.Y].Type) {
							name = "QUO"
						}
					}
					key := "bin" + short(xv) + name + short(yv)
					if seen[key] {
						continue
					}
					seen[key] = true
					r := bin(valueRecipe(xv), name, valueRecipe(yv))
					if r >= 0 {
						if b, ok := tv.Type.Underlying().(*types.Basic); ok {
							rnd(r, b.Kind())
						}
					}
				case *ast.UnaryExpr:
					xv := info.Types[e.X].Value
					if xv == nil {
						continue
					}
					var prec uint
					if b, ok := tv.Type.Underlying().(*types.Basic); ok && b.Info()&types.IsUnsigned != 0 && e.Op == token.XOR {
						prec = uint(types.SizesFor("gc", "amd64").Sizeof(b) * 8)
					}
					key := "un" + e.Op.String() + short(xv) + strconv.Itoa(int(prec))
					if seen[key] {
						continue
					}
					seen[key] = true
					un(e.Op.String(), valueRecipe(xv), prec)
				case *ast.CallExpr, *ast.Ident, *ast.SelectorExpr:
					// conversions / named constants: representability of the typed value
					if b, ok := tv.Type.Underlying().(*types.Basic); ok && b.Info()&types.IsUntyped == 0 {
						key := "rep" + short(tv.Value) + b.Name()
						if seen[key] {
							continue
						}
						seen[key] = true
						rnd(valueRecipe(tv.Value), b.Kind())
					}
				}
			}
		}
	}
}

func isIntegerType(t types.Type) bool {
	b, ok := t.Underlying().(*types.Basic)
	return ok && b.Info()&types.IsInteger != 0
}

// rnd emits the representability of value a in the basic kind k.
func rnd(a int, k types.BasicKind) {
	if a < 0 {
		return
	}
	name, ok := basicTargetName[k]
	if !ok {
		return
	}
	x := vals[a]
	emitLine(fmt.Sprintf("rep\t%d\t%s", a, name), func() string {
		plain := representableConst(x, k, nil)
		var r constant.Value = x
		ok := representableConst(x, k, &r)
		s := b01(plain) + b01(ok)
		if ok && r != x {
			s += ":" + short(r)
		}
		return s
	})
}

func main() {
	defer out.Flush()
	fmt.Fprintf(out, "# golden results of go/constant (%s); generated by testdata/constant/gen. DO NOT EDIT.\n", runtime.Version())
	handWritten()
	stdlib()
}

func stdlib() {
	lits := stdlibLiterals()
	sample := func(xs []string, max int) []string {
		if len(xs) <= max {
			return xs
		}
		var r []string
		for i := 0; i < max; i++ {
			r = append(r, xs[i*len(xs)/max])
		}
		return r
	}
	var ints, bigs []string
	for _, l := range lits[token.INT] {
		if len(l) > 18 {
			bigs = append(bigs, l)
		} else {
			ints = append(ints, l)
		}
	}
	for _, l := range append(sample(ints, 3000), bigs...) {
		lit(token.INT, l)
	}
	for _, l := range lits[token.FLOAT] {
		query(lit(token.FLOAT, l))
	}
	for _, l := range lits[token.IMAG] {
		lit(token.IMAG, l)
	}
	for _, l := range sample(lits[token.CHAR], 1500) {
		lit(token.CHAR, l)
	}
	var special, plain []string
	for _, l := range lits[token.STRING] {
		if strings.ContainsAny(l, "\\`") || len(l) > 60 || strings.ContainsFunc(l, func(r rune) bool { return r >= 0x80 }) {
			special = append(special, l)
		} else {
			plain = append(plain, l)
		}
	}
	for _, l := range append(sample(special, 2500), sample(plain, 500)...) {
		lit(token.STRING, l)
	}
	stdlibExprs(stdPackages())
	randomCases()
}

// stdPackages lists the import paths of the standard library (no cmd, vendor or testdata).
func stdPackages() []string {
	var pkgs []string
	root := filepath.Join(goroot(), "src")
	filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || !info.IsDir() {
			return nil
		}
		rel, _ := filepath.Rel(root, path)
		base := filepath.Base(path)
		if rel == "cmd" || base == "testdata" || base == "vendor" || strings.HasPrefix(base, ".") || strings.HasPrefix(base, "_") {
			return filepath.SkipDir
		}
		if rel != "." {
			pkgs = append(pkgs, filepath.ToSlash(rel))
		}
		return nil
	})
	sort.Strings(pkgs)
	return pkgs
}
