package main

import (
	"go/ast"
	"go/build"
	"go/parser"
	"go/token"
	"go/types"
	"path/filepath"
	"strings"
)

// dumpInferences type-checks the given packages from source and records every call of a generic function whose type
// arguments were (partly) inferred: type parameters, explicit type arguments, the parameter list (adjusted for
// variadic calls as types2 does), the argument types, and the type arguments go/types inferred.
func dumpInferences(fset *token.FileSet, imp types.ImporterFrom, paths []string) {
	for _, path := range paths {
		bp, err := build.Default.Import(path, "", 0)
		if err != nil {
			panic(err)
		}
		var files []*ast.File
		for _, name := range bp.GoFiles {
			f, err := parser.ParseFile(fset, filepath.Join(bp.Dir, name), nil, parser.SkipObjectResolution)
			if err != nil {
				panic(err)
			}
			files = append(files, f)
		}
		info := &types.Info{
			Types:     map[ast.Expr]types.TypeAndValue{},
			Instances: map[*ast.Ident]types.Instance{},
			Uses:      map[*ast.Ident]types.Object{},
		}
		conf := types.Config{Importer: imp, FakeImportC: true, Error: func(error) {}}
		conf.Check(path, fset, files, info)
		for _, f := range files {
			ast.Inspect(f, func(n ast.Node) bool {
				call, ok := n.(*ast.CallExpr)
				if !ok {
					return true
				}
				fun := ast.Unparen(call.Fun)
				var explicit []ast.Expr
				switch x := fun.(type) {
				case *ast.IndexExpr:
					fun, explicit = x.X, []ast.Expr{x.Index}
				case *ast.IndexListExpr:
					fun, explicit = x.X, x.Indices
				}
				var id *ast.Ident
				switch x := fun.(type) {
				case *ast.Ident:
					id = x
				case *ast.SelectorExpr:
					id = x.Sel
				default:
					return true
				}
				inst, ok := info.Instances[id]
				if !ok {
					return true
				}
				fn, ok := info.Uses[id].(*types.Func)
				if !ok {
					return true
				}
				sig := fn.Type().(*types.Signature)
				if sig.TypeParams().Len() == 0 || len(explicit) == sig.TypeParams().Len() {
					return true
				}
				// argument types; skip generic function arguments and multi-value calls
				var args []types.Type
				var nils []bool
				for _, a := range call.Args {
					if aid := identOf(a); aid != nil {
						if _, generic := info.Instances[aid]; generic {
							return true
						}
					}
					tv, ok := info.Types[a]
					if !ok || tv.Type == nil {
						return true
					}
					if _, tuple := tv.Type.(*types.Tuple); tuple {
						return true
					}
					args = append(args, tv.Type)
					nils = append(nils, tv.IsNil())
				}
				params := tupleVars(sig.Params())
				if sig.Variadic() && !call.Ellipsis.IsValid() {
					n := len(params)
					if len(args) < n-1 {
						return true
					}
					last := params[n-1]
					s, ok := last.Type().Underlying().(*types.Slice)
					if !ok {
						return true
					}
					params = params[: n-1 : n-1]
					for len(params) < len(args) {
						params = append(params, types.NewParam(last.Pos(), last.Pkg(), last.Name(), s.Elem()))
					}
				}
				if len(params) != len(args) {
					return true
				}
				var targs []types.Type
				for _, e := range explicit {
					targs = append(targs, info.Types[e].Type)
				}
				tps := ids(tparamList(sig.TypeParams()), func(p *types.TypeParam) int { return typ(p) })
				ps := typ(types.NewTuple(params...))
				as := ids(args, typ)
				var nilFlags []string
				for _, b := range nils {
					nilFlags = append(nilFlags, map[bool]string{true: "1", false: "0"}[b])
				}
				want := ids(typeList(inst.TypeArgs), typ)
				et := ids(targs, typ)
				flush()
				var wantStr []string
				for _, t := range typeList(inst.TypeArgs) {
					wantStr = append(wantStr, types.TypeString(t, nil))
				}
				emit("XF", q(strings.TrimPrefix(fset.Position(call.Pos()).String(), build.Default.GOROOT+"/src/")), tps, et, ps, as, strings.Join(append([]string{"-"}, nilFlags...), ","), want, q(strings.Join(wantStr, ", ")))
				return true
			})
		}
	}
}

func identOf(e ast.Expr) *ast.Ident {
	switch x := ast.Unparen(e).(type) {
	case *ast.Ident:
		return x
	case *ast.SelectorExpr:
		return x.Sel
	case *ast.IndexExpr:
		return identOf(x.X)
	case *ast.IndexListExpr:
		return identOf(x.X)
	}
	return nil
}
