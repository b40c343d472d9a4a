// hdrcheck prints, for every .go file under a directory, what go/parser (ImportsOnly) reads from its header:
// path, package name, imports with positions, ERR on a parse error, and the //go:build Go version.
// Used by GoEscape.Tests.Loader.GoListSweepTests (opt-in) to check FileHeader on GOROOT/src and GOROOT/test.

package main

import (
	"fmt"
	"go/build/constraint"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

func main() {
	root := os.Args[1]
	filepath.Walk(root, func(path string, info os.FileInfo, err error) error {
		if err != nil || info.IsDir() || !strings.HasSuffix(path, ".go") {
			return nil
		}
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.ImportsOnly|parser.ParseComments)
		var imps []string
		name := ""
		if f != nil && f.Name != nil {
			name = f.Name.Name
		}
		if f != nil {
			for _, s := range f.Imports {
				p, _ := strconv.Unquote(s.Path.Value)
				pos := fset.Position(s.Pos())
				imps = append(imps, fmt.Sprintf("%s@%d:%d", p, pos.Line, pos.Column))
			}
		}
		e := ""
		if err != nil {
			e = "ERR"
		}
		gv := ""
		if f != nil {
			for _, g := range f.Comments {
				if g.Pos() >= f.Package { break }
				for _, c := range g.List {
					if constraint.IsGoBuild(c.Text) {
						if x, err := constraint.Parse(c.Text); err == nil { gv = constraint.GoVersion(x) }
					}
				}
			}
		}
		fmt.Printf("%s\t%s\t%s\t%s\t%s\n", path, name, strings.Join(imps, " "), e, gv)
		return nil
	})
}
