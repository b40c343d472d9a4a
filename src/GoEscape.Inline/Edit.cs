using GoEscape.IR;

namespace GoEscape.Inline;

/// <summary>
/// Models ir.EditChildren: replaces each direct child c of n (in gc's field order, Init first) by edit(c).
/// Function literals' bodies are not entered; names (ODCL's X, a case's Var, KeepAlive) are not edited.
/// </summary>
internal static class Edit
{
    public static void Children(Node n, Func<Node, Node> edit)
    {
        if (n is not Func) List(n.Init, edit);
        switch (n)
        {
            case Func fn: List(fn.Body, edit); break;
            case Name or BasicLit or NilExpr or TypeNode or LabelStmt or BranchStmt or InlineMarkStmt or ClosureExpr or Decl: break;
            case UnaryExpr u: u.X = edit(u.X); break;
            case BinaryExpr b: b.X = edit(b.X); b.Y = edit(b.Y); if (b.RType != null) b.RType = edit(b.RType); break;
            case LogicalExpr l: l.X = edit(l.X); l.Y = edit(l.Y); break;
            case AddrExpr a: a.X = edit(a.X); break;
            case StarExpr s: s.X = edit(s.X); break;
            case SelectorExpr s: s.X = edit(s.X); break;
            case IndexExpr i: i.X = edit(i.X); i.Index = edit(i.Index); break;
            case SliceExpr s:
                s.X = edit(s.X);
                if (s.Low != null) s.Low = edit(s.Low);
                if (s.High != null) s.High = edit(s.High);
                if (s.Max != null) s.Max = edit(s.Max);
                break;
            case ConvExpr c: c.X = edit(c.X); break;
            case CallExpr c:
                if (c.Fun != null) c.Fun = edit(c.Fun);
                List(c.Args, edit);
                if (c.RType != null) c.RType = edit(c.RType);
                break;
            case MakeExpr m:
                if (m.Len != null) m.Len = edit(m.Len);
                if (m.Cap != null) m.Cap = edit(m.Cap);
                break;
            case CompLitExpr c: List(c.List, edit); break;
            case KeyExpr k:
                if (k.Key != null) k.Key = edit(k.Key);
                if (k.Value != null) k.Value = edit(k.Value);
                break;
            case StructKeyExpr k: k.Value = edit(k.Value); break;
            case TypeAssertExpr t: t.X = edit(t.X); break;
            case AddStringExpr a: List(a.List, edit); break;
            case InlinedCallExpr c: List(c.Body, edit); List(c.ReturnVars, edit); break;
            case ParenExpr p: p.X = edit(p.X); break;
            case TypeSwitchGuard g: g.X = edit(g.X); break;
            case AssignStmt a: a.X = edit(a.X); if (a.Y != null) a.Y = edit(a.Y); break;
            case AssignListStmt a: List(a.Lhs, edit); List(a.Rhs, edit); break;
            case AssignOpStmt a: a.X = edit(a.X); a.Y = edit(a.Y); break;
            case BlockStmt b: List(b.List, edit); break;
            case IfStmt i: i.Cond = edit(i.Cond); List(i.Body, edit); List(i.Else, edit); break;
            case ForStmt f:
                if (f.Cond != null) f.Cond = edit(f.Cond);
                if (f.Post != null) f.Post = edit(f.Post);
                List(f.Body, edit);
                break;
            case RangeStmt r:
                r.X = edit(r.X);
                if (r.Key != null) r.Key = edit(r.Key);
                if (r.Value != null) r.Value = edit(r.Value);
                List(r.Body, edit);
                break;
            case CaseClause c: List(c.List, edit); List(c.Body, edit); break;
            case SwitchStmt s:
                if (s.Tag != null) s.Tag = edit(s.Tag);
                foreach (var c in s.Cases) edit(c);
                break;
            case CommClause c: if (c.Comm != null) c.Comm = edit(c.Comm); List(c.Body, edit); break;
            case SelectStmt s: foreach (var c in s.Cases) edit(c); break;
            case ReturnStmt r: List(r.Results, edit); break;
            case GoDeferStmt g: g.Call = edit(g.Call); if (g.DeferAt != null) g.DeferAt = edit(g.DeferAt); break;
            case SendStmt s: s.Chan = edit(s.Chan); s.Value = edit(s.Value); break;
            case TailCallStmt t: edit(t.Call); break;
            default: throw new InvalidOperationException($"EditChildren: unhandled {n.GetType().Name} {n.Op}");
        }
    }

    internal static void List(List<Node> l, Func<Node, Node> edit)
    {
        for (int i = 0; i < l.Count; i++) l[i] = edit(l[i]);
    }
}
