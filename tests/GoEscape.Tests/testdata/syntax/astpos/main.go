//go:build ignore

// astpos prints, for each Go file given on the command line, the positions of selected nodes
// as go/ast reports them, in a form that GoEscape's PositionTests compare against the positions
// of our syntax tree. Only nodes whose position means the same token in go/ast and in gc's syntax
// package are printed ("P kind line:col"), plus end positions ("E kind line:col") where go/ast's
// End() is the position just past the node's last token.
//
// Files go/parser rejects are reported as "SKIP path".
//
// Usage: go build -o astpos main.go && ./astpos file.go...
package main

import (
	"fmt"
	"go/ast"
	"go/parser"
	"go/token"
	"os"
)

func main() {
	for _, path := range os.Args[1:] {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, path, nil, parser.SkipObjectResolution)
		if err != nil {
			fmt.Printf("SKIP %s\n", path) // go/parser rejects it (e.g. an errorcheck test)
			continue
		}
		fmt.Printf("FILE %s\n", path)
		pos := func(p token.Pos) string {
			q := fset.PositionFor(p, false)
			return fmt.Sprintf("%d:%d", q.Line, q.Column)
		}
		P = func(kind string, p token.Pos) { fmt.Printf("P %s %s\n", kind, pos(p)) }
		E = func(kind string, p token.Pos) { fmt.Printf("E %s %s\n", kind, pos(p)) }
		// gc represents "switch v := x.(type)" without an assignment node.
		skip := map[ast.Node]bool{}
		ast.Inspect(f, func(n ast.Node) bool {
			switch n := n.(type) {
			case *ast.TypeSwitchStmt:
				skip[n.Assign] = true
				noBlock[n.Body] = true
			case *ast.SwitchStmt:
				noBlock[n.Body] = true
			case *ast.SelectStmt:
				noBlock[n.Body] = true
			}
			return true
		})
		ast.Inspect(f, func(n ast.Node) bool {
			if skip[n] {
				if a, ok := n.(*ast.AssignStmt); ok && len(a.Lhs) == 1 && len(a.Rhs) == 1 {
					P("Name", a.Lhs[0].Pos())
					E("Name", a.Lhs[0].End())
					E("Assert", a.Rhs[0].End())
					ast.Inspect(a.Rhs[0].(*ast.TypeAssertExpr).X, inspectFn)
					return false
				}
			}
			return inspectFn(n)
		})
	}
}

var P, E func(kind string, p token.Pos)

// gc's switch and select statements have no block node for their bodies.
var noBlock = map[ast.Node]bool{}

func inspectFn(n ast.Node) bool {
	{
		{
			switch n := n.(type) {
			case *ast.Ident:
				P("Name", n.Pos())
				E("Name", n.End())
			case *ast.BasicLit:
				P("BasicLit", n.Pos())
				E("BasicLit", n.End())
			case *ast.CallExpr:
				P("CallExpr", n.Lparen)
				E("CallExpr", n.End())
			case *ast.BinaryExpr:
				P("Operation", n.OpPos)
				E("Operation", n.End())
			case *ast.UnaryExpr:
				P("Operation", n.OpPos)
				E("Operation", n.End())
			case *ast.StarExpr:
				P("Operation", n.Star)
				E("Operation", n.End())
			case *ast.IndexExpr:
				P("IndexExpr", n.Lbrack)
				E("IndexExpr", n.End())
			case *ast.IndexListExpr:
				P("IndexExpr", n.Lbrack)
				E("IndexExpr", n.End())
			case *ast.SliceExpr:
				P("SliceExpr", n.Lbrack)
				E("SliceExpr", n.End())
			case *ast.SelectorExpr:
				E("SelectorExpr", n.End())
			case *ast.CompositeLit:
				P("CompositeLit", n.Lbrace)
				E("CompositeLit", n.End())
			case *ast.KeyValueExpr:
				P("KeyValueExpr", n.Colon)
				E("KeyValueExpr", n.End())
			case *ast.FuncLit:
				P("FuncLit", n.Type.Func)
				E("FuncLit", n.End())
			case *ast.TypeAssertExpr:
				E("Assert", n.End())
			case *ast.ArrayType:
				P("ArrayType", n.Lbrack)
				E("ArrayType", n.End())
			case *ast.MapType:
				P("MapType", n.Map)
				E("MapType", n.End())
			case *ast.StructType:
				P("StructType", n.Struct)
				E("StructType", n.End())
			case *ast.InterfaceType:
				P("InterfaceType", n.Interface)
				E("InterfaceType", n.End())
			case *ast.ChanType:
				if n.Arrow == token.NoPos || n.Dir == ast.SEND {
					P("ChanType", n.Begin)
				}
				E("ChanType", n.End())
			case *ast.AssignStmt:
				P("AssignStmt", n.TokPos)
				E("AssignStmt", n.End())
			case *ast.IncDecStmt:
				P("AssignStmt", n.TokPos)
				E("AssignStmt", n.End())
			case *ast.SendStmt:
				P("SendStmt", n.Arrow)
				E("SendStmt", n.End())
			case *ast.BlockStmt:
				if noBlock[n] {
					break
				}
				P("BlockStmt", n.Lbrace)
				E("BlockStmt", n.End())
			case *ast.IfStmt:
				P("IfStmt", n.If)
				E("IfStmt", n.End())
			case *ast.ForStmt:
				P("ForStmt", n.For)
				E("ForStmt", n.End())
			case *ast.RangeStmt:
				P("ForStmt", n.For)
				E("ForStmt", n.End())
				P("RangeClause", n.Range)
			case *ast.SwitchStmt:
				P("SwitchStmt", n.Switch)
				E("SwitchStmt", n.End())
			case *ast.TypeSwitchStmt:
				P("SwitchStmt", n.Switch)
				E("SwitchStmt", n.End())
			case *ast.SelectStmt:
				P("SelectStmt", n.Select)
				E("SelectStmt", n.End())
			case *ast.ReturnStmt:
				P("ReturnStmt", n.Return)
				E("ReturnStmt", n.End())
			case *ast.BranchStmt:
				P("BranchStmt", n.TokPos)
				E("BranchStmt", n.End())
			case *ast.GoStmt:
				P("CallStmt", n.Go)
				E("CallStmt", n.End())
			case *ast.DeferStmt:
				P("CallStmt", n.Defer)
				E("CallStmt", n.End())
			case *ast.LabeledStmt:
				P("LabeledStmt", n.Colon)
			case *ast.CaseClause:
				P("CaseClause", n.Case)
			case *ast.CommClause:
				P("CommClause", n.Case)
			case *ast.FuncDecl:
				// gc positions a FuncDecl at the token after "func"
				if n.Recv != nil {
					P("FuncDecl", n.Recv.Opening)
				} else {
					P("FuncDecl", n.Name.Pos())
				}
				E("FuncDecl", n.End())
			case *ast.TypeSpec:
				P("TypeDecl", n.Name.Pos())
				E("TypeDecl", n.End())
			case *ast.ValueSpec:
				P("ValueDecl", n.Names[0].Pos())
				E("ValueDecl", n.End())
			case *ast.ImportSpec:
				E("ImportDecl", n.End())
			}
			return true
		}
	}
}
