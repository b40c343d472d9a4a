namespace GoEscape.Syntax;

/// <summary>Start/end position helpers (models gc's syntax/positions.go).</summary>
public static class Positions
{
    /// <summary>The left-most position of n (models syntax.StartPos). Note that, as in gc, a LabeledStmt
    /// starts at its ':' and a Field at its Pos.</summary>
    public static Pos StartPos(Node n)
    {
        for (var m = n; ;)
        {
            switch (m)
            {
                case File f:
                    return new Pos(f.Pos.Base, 1, 1, 0);
                case CompositeLit c:
                    if (c.Type != null) { m = c.Type; continue; }
                    return c.Pos;
                case KeyValueExpr kv: m = kv.Key; break;
                case SelectorExpr s: m = s.X; break;
                case IndexExpr ix: m = ix.X; break;
                case AssertExpr a: m = a.X; break;
                case TypeSwitchGuard g:
                    m = g.Lhs != null ? g.Lhs : g.X;
                    break;
                case Operation o:
                    if (o.Y != null) { m = o.X; continue; }
                    return o.Pos;
                case CallExpr c: m = c.Fun; break;
                case ListExpr l:
                    if (l.ElemList.Count > 0) { m = l.ElemList[0]; continue; }
                    return l.Pos;
                case SendStmt s: m = s.Chan; break;
                case AssignStmt a: m = a.Lhs; break;
                case RangeClause r:
                    m = r.Lhs != null ? r.Lhs : r.X;
                    break;
                default:
                    return m.Pos;
            }
        }
    }

    /// <summary>The approximate end position of n exactly as gc's syntax.EndPos computes it (the position
    /// after a Name/BasicLit, the closing '}' of blocks, ...). For the exact end use <see cref="Node.End"/>.</summary>
    public static Pos EndPos(Node n)
    {
        for (Node? m = n; ;)
        {
            switch (m)
            {
                case null:
                    throw new ArgumentNullException(nameof(n));
                case File f: return f.EOF;
                case ImportDecl d:
                    if (d.Path == null) return d.Pos;
                    m = d.Path; break;
                case ConstDecl d:
                    if (d.Values != null) m = d.Values;
                    else if (d.Type != null) m = d.Type;
                    else if (d.NameList.Count > 0) m = d.NameList[^1];
                    else return d.Pos;
                    break;
                case TypeDecl d: m = d.Type; break;
                case VarDecl d:
                    if (d.Values != null) m = d.Values;
                    else if (d.Type != null) m = d.Type;
                    else if (d.NameList.Count > 0) m = d.NameList[^1];
                    else return d.Pos;
                    break;
                case FuncDecl d: m = d.Body != null ? d.Body : d.Type; break;
                case BadExpr b: return b.Pos;
                case Name x: return new Pos(x.Pos.Base, x.Pos.Line, x.Pos.Col + (uint)System.Text.Encoding.UTF8.GetByteCount(x.Value));
                case BasicLit x: return new Pos(x.Pos.Base, x.Pos.Line, x.Pos.Col + (uint)System.Text.Encoding.UTF8.GetByteCount(x.Value));
                case CompositeLit x: return x.Rbrace;
                case KeyValueExpr x: m = x.Value; break;
                case FuncLit x: m = x.Body; break;
                case ParenExpr x: m = x.X; break;
                case SelectorExpr x: m = x.Sel; break;
                case IndexExpr x: m = x.Index; break;
                case SliceExpr x: m = x.X; break; // gc's loop always ends up at X (its inner 'continue' is a no-op)
                case AssertExpr x: m = x.Type; break;
                case TypeSwitchGuard x: m = x.X; break;
                case Operation x: m = x.Y ?? x.X; break;
                case CallExpr x: m = x.ArgList.Count > 0 ? x.ArgList[^1] : x.Fun; break;
                case ListExpr x:
                    if (x.ElemList.Count > 0) { m = x.ElemList[^1]; break; }
                    return x.Pos;
                case ArrayType x: m = x.Elem; break;
                case SliceType x: m = x.Elem; break;
                case DotsType x: m = x.Elem; break;
                case StructType x:
                    if (x.FieldList.Count > 0) { m = x.FieldList[^1]; break; }
                    return x.Pos;
                case Field x: m = (Node?)x.Type ?? x.Name; break;
                case InterfaceType x:
                    if (x.MethodList.Count > 0) { m = x.MethodList[^1]; break; }
                    return x.Pos;
                case FuncType x:
                    if (x.ResultList.Count > 0) { m = x.ResultList[^1]; break; }
                    if (x.ParamList.Count > 0) { m = x.ParamList[^1]; break; }
                    return x.Pos;
                case MapType x: m = x.Value; break;
                case ChanType x: m = x.Elem; break;
                case EmptyStmt x: return x.Pos;
                case LabeledStmt x: m = x.Stmt; break;
                case BlockStmt x: return x.Rbrace;
                case ExprStmt x: m = x.X; break;
                case SendStmt x: m = x.Value; break;
                case DeclStmt x:
                    if (x.DeclList.Count > 0) { m = x.DeclList[^1]; break; }
                    return x.Pos;
                case AssignStmt x:
                    if (x.Rhs == null)
                    {
                        var p = EndPos(x.Lhs);
                        return new Pos(p.Base, p.Line, p.Col + 2);
                    }
                    m = x.Rhs; break;
                case BranchStmt x:
                    if (x.Label != null) { m = x.Label; break; }
                    return x.Pos;
                case CallStmt x: m = x.Call; break;
                case ReturnStmt x:
                    if (x.Results != null) { m = x.Results; break; }
                    return x.Pos;
                case IfStmt x: m = x.Else != null ? x.Else : x.Then; break;
                case ForStmt x: m = x.Body; break;
                case SwitchStmt x: return x.Rbrace;
                case SelectStmt x: return x.Rbrace;
                case RangeClause x: m = x.X; break;
                case CaseClause x:
                    if (x.Body.Count > 0) { m = x.Body[^1]; break; }
                    return x.Colon;
                case CommClause x:
                    if (x.Body.Count > 0) { m = x.Body[^1]; break; }
                    return x.Colon;
                default:
                    return m.Pos;
            }
        }
    }
}
