namespace GoEscape.Syntax;

/// <summary>
/// Pre-order traversal of syntax trees in source order (models gc's syntax/walk.go). As in gc, a Type shared
/// by several Fields (a, b int) is visited once per Field. Recursion depth follows tree depth: walk very deep
/// trees inside <see cref="SyntaxRunner.RunWithLargeStack{T}(Func{T}, int)"/>.
/// </summary>
public static class Walker
{
    /// <summary>Calls f for n and, if f returns true, recursively for n's children.</summary>
    public static void Inspect(Node n, Func<Node, bool> f)
    {
        if (!f(n)) return;
        switch (n)
        {
            case File x:
                Inspect(x.PkgName, f);
                foreach (var d in x.DeclList) Inspect(d, f);
                break;
            case ImportDecl x:
                if (x.LocalPkgName != null) Inspect(x.LocalPkgName, f);
                if (x.Path != null) Inspect(x.Path, f);
                break;
            case ConstDecl x:
                foreach (var nm in x.NameList) Inspect(nm, f);
                if (x.Type != null) Inspect(x.Type, f);
                if (x.Values != null) Inspect(x.Values, f);
                break;
            case TypeDecl x:
                Inspect(x.Name, f);
                if (x.TParamList != null) foreach (var p in x.TParamList) Inspect(p, f);
                Inspect(x.Type, f);
                break;
            case VarDecl x:
                foreach (var nm in x.NameList) Inspect(nm, f);
                if (x.Type != null) Inspect(x.Type, f);
                if (x.Values != null) Inspect(x.Values, f);
                break;
            case FuncDecl x:
                if (x.Recv != null) Inspect(x.Recv, f);
                Inspect(x.Name, f);
                if (x.TParamList != null) foreach (var p in x.TParamList) Inspect(p, f);
                Inspect(x.Type, f);
                if (x.Body != null) Inspect(x.Body, f);
                break;
            case BadExpr or Name or BasicLit:
                break;
            case CompositeLit x:
                if (x.Type != null) Inspect(x.Type, f);
                foreach (var e in x.ElemList) Inspect(e, f);
                break;
            case KeyValueExpr x:
                Inspect(x.Key, f);
                Inspect(x.Value, f);
                break;
            case FuncLit x:
                Inspect(x.Type, f);
                Inspect(x.Body, f);
                break;
            case ParenExpr x: Inspect(x.X, f); break;
            case SelectorExpr x:
                Inspect(x.X, f);
                Inspect(x.Sel, f);
                break;
            case IndexExpr x:
                Inspect(x.X, f);
                Inspect(x.Index, f);
                break;
            case SliceExpr x:
                Inspect(x.X, f);
                foreach (var i in x.Index) if (i != null) Inspect(i, f);
                break;
            case AssertExpr x:
                Inspect(x.X, f);
                Inspect(x.Type, f);
                break;
            case TypeSwitchGuard x:
                if (x.Lhs != null) Inspect(x.Lhs, f);
                Inspect(x.X, f);
                break;
            case Operation x:
                Inspect(x.X, f);
                if (x.Y != null) Inspect(x.Y, f);
                break;
            case CallExpr x:
                Inspect(x.Fun, f);
                foreach (var a in x.ArgList) Inspect(a, f);
                break;
            case ListExpr x:
                foreach (var e in x.ElemList) Inspect(e, f);
                break;
            case ArrayType x:
                if (x.Len != null) Inspect(x.Len, f);
                Inspect(x.Elem, f);
                break;
            case SliceType x: Inspect(x.Elem, f); break;
            case DotsType x: Inspect(x.Elem, f); break;
            case StructType x:
                foreach (var fl in x.FieldList) Inspect(fl, f);
                foreach (var t in x.TagList) if (t != null) Inspect(t, f);
                break;
            case Field x:
                if (x.Name != null) Inspect(x.Name, f);
                Inspect(x.Type, f);
                break;
            case InterfaceType x:
                foreach (var m in x.MethodList) Inspect(m, f);
                break;
            case FuncType x:
                foreach (var p in x.ParamList) Inspect(p, f);
                foreach (var p in x.ResultList) Inspect(p, f);
                break;
            case MapType x:
                Inspect(x.Key, f);
                Inspect(x.Value, f);
                break;
            case ChanType x: Inspect(x.Elem, f); break;
            // statements
            case EmptyStmt: break;
            case LabeledStmt x:
                Inspect(x.Label, f);
                Inspect(x.Stmt, f);
                break;
            case BlockStmt x:
                foreach (var s in x.List) Inspect(s, f);
                break;
            case ExprStmt x: Inspect(x.X, f); break;
            case SendStmt x:
                Inspect(x.Chan, f);
                Inspect(x.Value, f);
                break;
            case DeclStmt x:
                foreach (var d in x.DeclList) Inspect(d, f);
                break;
            case AssignStmt x:
                Inspect(x.Lhs, f);
                if (x.Rhs != null) Inspect(x.Rhs, f);
                break;
            case BranchStmt x:
                if (x.Label != null) Inspect(x.Label, f);
                break;
            case CallStmt x:
                Inspect(x.Call, f);
                if (x.DeferAt != null) Inspect(x.DeferAt, f);
                break;
            case ReturnStmt x:
                if (x.Results != null) Inspect(x.Results, f);
                break;
            case IfStmt x:
                if (x.Init != null) Inspect(x.Init, f);
                if (x.Cond != null) Inspect(x.Cond, f);
                Inspect(x.Then, f);
                if (x.Else != null) Inspect(x.Else, f);
                break;
            case ForStmt x:
                if (x.Init != null) Inspect(x.Init, f);
                if (x.Cond != null) Inspect(x.Cond, f);
                if (x.Post != null) Inspect(x.Post, f);
                Inspect(x.Body, f);
                break;
            case SwitchStmt x:
                if (x.Init != null) Inspect(x.Init, f);
                if (x.Tag != null) Inspect(x.Tag, f);
                foreach (var c in x.Body) Inspect(c, f);
                break;
            case SelectStmt x:
                foreach (var c in x.Body) Inspect(c, f);
                break;
            case RangeClause x:
                if (x.Lhs != null) Inspect(x.Lhs, f);
                Inspect(x.X, f);
                break;
            case CaseClause x:
                if (x.Cases != null) Inspect(x.Cases, f);
                foreach (var s in x.Body) Inspect(s, f);
                break;
            case CommClause x:
                if (x.Comm != null) Inspect(x.Comm, f);
                foreach (var s in x.Body) Inspect(s, f);
                break;
        }
    }
}
