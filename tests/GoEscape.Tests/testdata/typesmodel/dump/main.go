// Command dump writes the go/types view of some standard library packages in a line format that the C# type model
// tests rebuild (TypesModel/StdlibDumpTests.cs), together with go/types' answers (object/type strings, method sets,
// gc/amd64 sizes, comparability) to compare against.
//
// Usage: go run . pkg... | gzip > ../stdlib.dump.gz
//
// Records are tab-separated; strings are strconv.Quote'd. Types and objects get ids in order of first reference.
package main

import (
	"bufio"
	"fmt"
	"go/importer"
	"go/token"
	"go/types"
	"os"
	"sort"
	"strconv"
	"strings"
)

var (
	out     = bufio.NewWriter(os.Stdout)
	typeIDs = map[types.Type]int{}
	objIDs  = map[types.Object]int{}
	later   []func()
	sizes   = types.SizesFor("gc", "amd64")
)

func q(s string) string { return strconv.Quote(s) }

func emit(fields ...any) {
	for i, f := range fields {
		if i > 0 {
			out.WriteByte('\t')
		}
		fmt.Fprint(out, f)
	}
	out.WriteByte('\n')
}

func pkgPath(p *types.Package) string {
	if p == nil {
		return "-"
	}
	return p.Path()
}

func ids[T any](list []T, f func(T) int) string {
	var sb strings.Builder
	for i, x := range list {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.Itoa(f(x)))
	}
	if sb.Len() == 0 {
		return "-"
	}
	return sb.String()
}

func tparamList(l *types.TypeParamList) []*types.TypeParam {
	var r []*types.TypeParam
	for i := 0; i < l.Len(); i++ {
		r = append(r, l.At(i))
	}
	return r
}

func typeList(l *types.TypeList) []types.Type {
	var r []types.Type
	for i := 0; i < l.Len(); i++ {
		r = append(r, l.At(i))
	}
	return r
}

func tupleVars(t *types.Tuple) []*types.Var {
	var r []*types.Var
	for i := 0; i < t.Len(); i++ {
		r = append(r, t.At(i))
	}
	return r
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func varID(v *types.Var) int {
	if id, ok := objIDs[v]; ok {
		return id
	}
	t := typ(v.Type())
	id := len(objIDs)
	objIDs[v] = id
	emit("V", id, int(v.Kind()), pkgPath(v.Pkg()), q(v.Name()), t, b2i(v.Embedded()))
	return id
}

func funcID(f *types.Func) int {
	if id, ok := objIDs[f]; ok {
		return id
	}
	id := len(objIDs)
	objIDs[f] = id
	emit("F", id, pkgPath(f.Pkg()), q(f.Name()))
	sig := typ(f.Type())
	emit("FS", id, sig)
	return id
}

func tnameID(o *types.TypeName) int {
	if id, ok := objIDs[o]; ok {
		return id
	}
	id := len(objIDs)
	objIDs[o] = id
	emit("TN", id, pkgPath(o.Pkg()), q(o.Name()))
	return id
}

func typ(t types.Type) int {
	if id, ok := typeIDs[t]; ok {
		return id
	}
	id := len(typeIDs)
	switch t := t.(type) {
	case *types.Basic:
		typeIDs[t] = id
		emit("B", id, int(t.Kind()), q(t.Name()))
	case *types.Pointer:
		e := typ(t.Elem())
		id = len(typeIDs)
		typeIDs[t] = id
		emit("PTR", id, e)
	case *types.Slice:
		e := typ(t.Elem())
		id = len(typeIDs)
		typeIDs[t] = id
		emit("SL", id, e)
	case *types.Array:
		e := typ(t.Elem())
		id = len(typeIDs)
		typeIDs[t] = id
		emit("AR", id, t.Len(), e)
	case *types.Map:
		k, e := typ(t.Key()), typ(t.Elem())
		id = len(typeIDs)
		typeIDs[t] = id
		emit("MAP", id, k, e)
	case *types.Chan:
		e := typ(t.Elem())
		id = len(typeIDs)
		typeIDs[t] = id
		emit("CH", id, int(t.Dir()), e)
	case *types.Struct:
		var fs, tags []string
		for i := 0; i < t.NumFields(); i++ {
			fs = append(fs, strconv.Itoa(varID(t.Field(i))))
			tags = append(tags, q(t.Tag(i)))
		}
		id = len(typeIDs)
		typeIDs[t] = id
		args := []any{"ST", id, len(fs), strings.Join(append([]string{"-"}, fs...), ",")}
		for _, tag := range tags {
			args = append(args, tag)
		}
		emit(args...)
	case *types.Tuple:
		vs := ids(tupleVars(t), varID)
		id = len(typeIDs)
		typeIDs[t] = id
		emit("TU", id, vs)
	case *types.Signature:
		recv := -1
		if t.Recv() != nil {
			recv = varID(t.Recv())
		}
		rtp := ids(tparamList(t.RecvTypeParams()), func(p *types.TypeParam) int { return typ(p) })
		tp := ids(tparamList(t.TypeParams()), func(p *types.TypeParam) int { return typ(p) })
		ps, rs := typ(t.Params()), typ(t.Results())
		id = len(typeIDs)
		typeIDs[t] = id
		emit("SIG", id, recv, rtp, tp, ps, rs, b2i(t.Variadic()))
	case *types.Interface:
		// register first: method receivers may refer back to this interface
		typeIDs[t] = id
		emit("IF", id, b2i(t.IsImplicit()))
		later = append(later, func() {
			var ms []*types.Func
			for i := 0; i < t.NumExplicitMethods(); i++ {
				ms = append(ms, t.ExplicitMethod(i))
			}
			var es []types.Type
			for i := 0; i < t.NumEmbeddeds(); i++ {
				es = append(es, t.EmbeddedType(i))
			}
			m := ids(ms, funcID)
			e := ids(es, typ)
			emit("IFD", id, m, e)
		})
	case *types.Union:
		var terms []string
		for i := 0; i < t.Len(); i++ {
			tm := t.Term(i)
			terms = append(terms, fmt.Sprintf("%d:%d", b2i(tm.Tilde()), typ(tm.Type())))
		}
		id = len(typeIDs)
		typeIDs[t] = id
		emit("UN", id, strings.Join(terms, ","))
	case *types.Named:
		if t.Origin() != t {
			orig := typ(t.Origin())
			targs := ids(typeList(t.TypeArgs()), typ)
			id = len(typeIDs)
			typeIDs[t] = id
			emit("NI", id, orig, targs)
			break
		}
		typeIDs[t] = id
		obj := tnameID(t.Obj())
		emit("NA", id, obj)
		later = append(later, func() {
			tps := ids(tparamList(t.TypeParams()), func(p *types.TypeParam) int { return typ(p) })
			u := typ(t.Underlying())
			var ms []*types.Func
			for i := 0; i < t.NumMethods(); i++ {
				ms = append(ms, t.Method(i))
			}
			m := ids(ms, funcID)
			emit("NAD", id, tps, u, m)
		})
	case *types.TypeParam:
		typeIDs[t] = id
		obj := tnameID(t.Obj())
		emit("TP", id, obj, t.Index())
		later = append(later, func() {
			emit("TPC", id, typ(t.Constraint()))
		})
	case *types.Alias:
		if t.Origin() != t {
			orig := typ(t.Origin())
			targs := ids(typeList(t.TypeArgs()), typ)
			id = len(typeIDs)
			typeIDs[t] = id
			emit("ALI", id, orig, targs)
			break
		}
		typeIDs[t] = id
		obj := tnameID(t.Obj())
		emit("AL", id, obj)
		later = append(later, func() {
			tps := ids(tparamList(t.TypeParams()), func(p *types.TypeParam) int { return typ(p) })
			emit("ALD", id, tps, typ(t.Rhs()))
		})
	default:
		panic(fmt.Sprintf("unexpected %T", t))
	}
	return typeIDs[t]
}

func flush() {
	for len(later) > 0 {
		f := later[0]
		later = later[1:]
		f()
	}
}

func safeSizes(t types.Type) (s, a int64, ok bool) {
	defer func() {
		if recover() != nil {
			ok = false
		}
	}()
	return sizes.Sizeof(t), sizes.Alignof(t), true
}

// packages whose own generic calls are recorded for the inference test
var inferPackages = []string{"slices", "maps", "sort", "strings", "bytes", "sync/atomic", "unique", "log/slog",
	"encoding/json", "reflect", "go/types", "net/http", "net/netip", "iter", "cmp", "context", "os", "time",
	"math/big", "text/template", "database/sql", "internal/sync", "go/ast", "regexp", "errors", "fmt"}

func main() {
	fset := token.NewFileSet()
	imp := importer.ForCompiler(fset, "source", nil).(types.ImporterFrom)
	for _, path := range os.Args[1:] {
		pkg, err := imp.ImportFrom(path, "", 0)
		if err != nil {
			panic(err)
		}
		emit("P", q(pkg.Path()), q(pkg.Name()))
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			o := scope.Lookup(name)
			var oid int
			switch o := o.(type) {
			case *types.TypeName:
				if _, isNamed := o.Type().(*types.Named); isNamed {
					typ(o.Type())
					oid = objIDs[o]
				} else if a, isAlias := o.Type().(*types.Alias); isAlias && a.Obj() == o {
					typ(o.Type())
					oid = objIDs[o]
				} else {
					oid = tnameID(o)
					emit("TNT", oid, typ(o.Type()))
				}
			case *types.Func:
				oid = funcID(o)
			case *types.Var:
				oid = varID(o)
			case *types.Const:
				t := typ(o.Type())
				oid = len(objIDs)
				objIDs[o] = oid
				emit("C", oid, pkgPath(o.Pkg()), q(o.Name()), t)
			default:
				continue
			}
			flush()
			emit("SC", q(pkg.Path()), oid)
			emit("XO", oid, q(types.ObjectString(o, nil)))
			t := o.Type()
			tid := typ(t)
			flush()
			emit("XT", tid, q(types.TypeString(t, nil)), q(types.TypeString(t, types.RelativeTo(pkg))), q(types.TypeString(t.Underlying(), nil)))
			if tn, ok := o.(*types.TypeName); ok && !tn.IsAlias() {
				p := types.NewPointer(t)
				emit("XM", tid, q(types.NewMethodSet(t).String()), q(types.NewMethodSet(p).String()))
				if s, a, ok := safeSizes(t); ok {
					emit("XS", tid, s, a)
				}
				emit("XC", tid, b2i(types.Comparable(t)), b2i(types.IsInterface(t)))
			}
		}
	}
	// relations: implementation of well-known interfaces, missing methods, and selector lookups
	var ifaces []*types.Named
	for _, spec := range [][2]string{{"io", "Reader"}, {"io", "Writer"}, {"io", "Closer"}, {"io", "ReaderFrom"},
		{"fmt", "Stringer"}, {"fmt", "Formatter"}, {"sort", "Interface"}, {"encoding/json", "Marshaler"},
		{"net/http", "Handler"}, {"context", "Context"}, {"go/ast", "Node"}, {"go/types", "Type"}, {"sync", "Locker"}} {
		if pkg, err := imp.ImportFrom(spec[0], "", 0); err == nil {
			if tn, ok := pkg.Scope().Lookup(spec[1]).(*types.TypeName); ok {
				if n, ok := types.Unalias(tn.Type()).(*types.Named); ok {
					ifaces = append(ifaces, n)
				}
			}
		}
	}
	ifaces = append(ifaces, types.Universe.Lookup("error").Type().(*types.Named))
	for _, path := range os.Args[1:] {
		pkg, _ := imp.ImportFrom(path, "", 0)
		scope := pkg.Scope()
		for _, name := range scope.Names() {
			tn, ok := scope.Lookup(name).(*types.TypeName)
			if !ok || tn.IsAlias() {
				continue
			}
			t := tn.Type()
			if n, ok := t.(*types.Named); ok && n.TypeParams().Len() > 0 {
				continue
			}
			tid := typ(t)
			for _, in := range ifaces {
				it := in.Underlying().(*types.Interface)
				iid := typ(in)
				flush()
				m, wrong := types.MissingMethod(t, it, true)
				mname := "-"
				if m != nil {
					mname = m.Name()
				}
				emit("XA", tid, iid, b2i(types.Implements(t, it)), b2i(types.Implements(types.NewPointer(t), it)),
					b2i(types.AssignableTo(t, in)), b2i(types.ConvertibleTo(t, in)), q(mname), b2i(wrong))
			}
			// selectors: fields of the underlying struct and all methods of *T
			names := map[string]bool{}
			if st, ok := t.Underlying().(*types.Struct); ok {
				for i := 0; i < st.NumFields(); i++ {
					names[st.Field(i).Name()] = true
				}
			}
			ms := types.NewMethodSet(types.NewPointer(t))
			for i := 0; i < ms.Len(); i++ {
				names[ms.At(i).Obj().Name()] = true
			}
			var sorted []string
			for n := range names {
				sorted = append(sorted, n)
			}
			sort.Strings(sorted)
			for _, n := range sorted {
				for _, addressable := range []bool{false, true} {
					obj, index, indirect := types.LookupFieldOrMethod(t, addressable, pkg, n)
					os := "-"
					if obj != nil {
						os = types.ObjectString(obj, nil)
					}
					emit("XL", tid, q(path), q(n), b2i(addressable), q(os), q(fmt.Sprint(index)), b2i(indirect))
				}
			}
		}
	}
	flush()
	dumpInferences(fset, imp, inferPackages)
	flush()
	// instances reachable from the dump: their underlying types exercise substitution
	var insts []*types.Named
	for t := range typeIDs {
		if n, ok := t.(*types.Named); ok && n.Origin() != n {
			insts = append(insts, n)
		}
	}
	sort.Slice(insts, func(i, j int) bool { return typeIDs[insts[i]] < typeIDs[insts[j]] })
	for _, n := range insts {
		id := typeIDs[n]
		{
			emit("XI", id, q(types.TypeString(n, nil)), q(types.TypeString(n.Underlying(), nil)))
			emit("XM", id, q(types.NewMethodSet(n).String()), q(types.NewMethodSet(types.NewPointer(n)).String()))
			if s, a, ok := safeSizes(n); ok {
				emit("XS", id, s, a)
			}
		}
	}
	out.Flush()
}
