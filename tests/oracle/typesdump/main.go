// typesdump: the go/types side of GoEscape's types-agreement harness.
//
// Usage: go run ./tests/oracle/typesdump [-root DIR] PATTERN...
//
// It lists the packages with `go list -deps -json` (so files and build constraints are the go command's),
// type-checks every package from source with go/types in dependency order, and prints, for each package
// matched by the patterns, one line per entry of types.Info (Types, Defs, Uses, Implicits, Selections,
// Instances), sorted. `goescape typesdump` prints the same format from our C# checker; the two outputs are
// compared line by line. Keep the format in sync with src/GoEscape.Cli (TypesDump).
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"go/types"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
)

type listPkg struct {
	ImportPath string
	Dir        string
	Name       string
	GoFiles    []string
	ImportMap  map[string]string
	DepOnly    bool
	Standard   bool
	Module     *struct{ GoVersion string }
}

func main() {
	root := flag.String("root", "", "directory file paths are printed relative to (default: each package's dir parent)")
	flag.Parse()
	args := append([]string{"list", "-e", "-deps", "-json"}, flag.Args()...)
	cmd := exec.Command("go", args...)
	cmd.Stderr = os.Stderr
	out, err := cmd.Output()
	if err != nil {
		fmt.Fprintln(os.Stderr, "go list:", err)
		os.Exit(2)
	}
	dec := json.NewDecoder(bytes.NewReader(out))
	var pkgs []*listPkg
	for dec.More() {
		p := new(listPkg)
		if err := dec.Decode(p); err != nil {
			fmt.Fprintln(os.Stderr, err)
			os.Exit(2)
		}
		pkgs = append(pkgs, p)
	}
	fset := token.NewFileSet()
	done := map[string]*types.Package{"unsafe": types.Unsafe}
	w := bytes.NewBuffer(nil)
	for _, p := range pkgs {
		if p.ImportPath == "unsafe" {
			continue
		}
		var files []*ast.File
		for _, f := range p.GoFiles {
			af, err := parser.ParseFile(fset, filepath.Join(p.Dir, f), nil, parser.ParseComments|parser.SkipObjectResolution)
			if err != nil {
				fmt.Fprintln(os.Stderr, err)
				continue
			}
			files = append(files, af)
		}
		conf := types.Config{
			Importer: importerFunc(func(path string) (*types.Package, error) {
				if m, ok := p.ImportMap[path]; ok {
					path = m
				}
				if q, ok := done[path]; ok {
					return q, nil
				}
				return nil, fmt.Errorf("not checked yet: %s", path)
			}),
			Sizes: types.SizesFor("gc", "amd64"),
			Error: func(err error) {},
		}
		if p.Module != nil && p.Module.GoVersion != "" {
			conf.GoVersion = "go" + p.Module.GoVersion
		}
		info := &types.Info{
			Types:      map[ast.Expr]types.TypeAndValue{},
			Defs:       map[*ast.Ident]types.Object{},
			Uses:       map[*ast.Ident]types.Object{},
			Implicits:  map[ast.Node]types.Object{},
			Selections: map[*ast.SelectorExpr]*types.Selection{},
			Instances:  map[*ast.Ident]types.Instance{},
		}
		tp, err := conf.Check(p.ImportPath, fset, files, info)
		if err != nil {
			fmt.Fprintf(os.Stderr, "%s: %v\n", p.ImportPath, err)
		}
		done[p.ImportPath] = tp
		if p.DepOnly {
			continue
		}
		base := *root
		if base == "" {
			base = filepath.Dir(p.Dir)
		}
		dump(w, fset, base, p.ImportPath, info)
	}
	os.Stdout.Write(w.Bytes())
}

type importerFunc func(string) (*types.Package, error)

func (f importerFunc) Import(path string) (*types.Package, error) { return f(path) }

type entry struct {
	file     string
	off, end int
	kind     string
	text     string
}

func dump(w *bytes.Buffer, fset *token.FileSet, base, path string, info *types.Info) {
	var es []entry
	pos := func(p token.Pos) (string, int, string) {
		if !p.IsValid() {
			return "-", 0, "-"
		}
		ps := fset.Position(p)
		rel, err := filepath.Rel(base, ps.Filename)
		if err != nil {
			rel = ps.Filename
		}
		return rel, ps.Offset, fmt.Sprintf("%d:%d", ps.Line, ps.Column)
	}
	add := func(start, end token.Pos, kind, text string) {
		f, off, lc := pos(start)
		_, eoff, elc := pos(end)
		es = append(es, entry{f, off, eoff, kind, fmt.Sprintf("%s-%s %s %s", lc, elc, kind, text)})
	}
	ts := func(t types.Type) string {
		if t == nil {
			return "<nil>"
		}
		return types.TypeString(t, nil)
	}
	obj := func(o types.Object) string {
		if o == nil {
			return "<nil>"
		}
		kind := strings.ToLower(strings.TrimPrefix(fmt.Sprintf("%T", o), "*types."))
		pkg := "-"
		if o.Pkg() != nil {
			pkg = o.Pkg().Path()
		}
		f, _, lc := pos(o.Pos())
		return fmt.Sprintf("%s %s.%s %s@%s:%s", kind, pkg, o.Name(), ts(o.Type()), f, lc)
	}
	for e, tv := range info.Types {
		mode := "value"
		switch {
		case tv.IsVoid():
			mode = "void"
		case tv.IsType():
			mode = "type"
		case tv.IsBuiltin():
			mode = "builtin"
		case tv.Value != nil:
			mode = "const"
		case tv.IsNil():
			mode = "nil"
		case tv.Addressable():
			mode = "var"
		case tv.Assignable():
			mode = "mapindex"
		case tv.HasOk():
			mode = "commaok"
		}
		text := mode + " " + ts(tv.Type)
		if tv.Value != nil {
			text += " = " + tv.Value.ExactString()
		}
		add(e.Pos(), e.End(), "E", text)
	}
	for id, o := range info.Defs {
		add(id.Pos(), id.End(), "D", id.Name+" "+obj(o))
	}
	for id, o := range info.Uses {
		add(id.Pos(), id.End(), "U", id.Name+" "+obj(o))
	}
	for n, o := range info.Implicits {
		kind := map[string]string{"*ast.ImportSpec": "import", "*ast.CaseClause": "case", "*ast.Field": "field"}[fmt.Sprintf("%T", n)]
		add(n.Pos(), n.End(), "I", kind+" "+obj(o))
	}
	for s, sel := range info.Selections {
		kinds := [...]string{"field", "method", "methodexpr"}
		add(s.Pos(), s.End(), "S", fmt.Sprintf("%s %s %v indirect=%v recv=%s", kinds[sel.Kind()], obj(sel.Obj()), sel.Index(), sel.Indirect(), ts(sel.Recv())))
	}
	for id, inst := range info.Instances {
		var targs []string
		for i := 0; i < inst.TypeArgs.Len(); i++ {
			targs = append(targs, ts(inst.TypeArgs.At(i)))
		}
		add(id.Pos(), id.End(), "N", fmt.Sprintf("[%s] %s", strings.Join(targs, ", "), ts(inst.Type)))
	}
	sort.Slice(es, func(i, j int) bool {
		a, b := es[i], es[j]
		if a.file != b.file {
			return a.file < b.file
		}
		if a.off != b.off {
			return a.off < b.off
		}
		if a.end != b.end {
			return a.end < b.end
		}
		return a.text < b.text
	})
	fmt.Fprintf(w, "# %s\n", path)
	for _, e := range es {
		fmt.Fprintf(w, "%s:%s\n", e.file, e.text)
	}
}
