namespace GoEscape.IR;

/// <summary>Generic traversal (models ir.DoChildren / ir.Visit / ir.Any). Function literals' bodies are NOT entered.</summary>
public static class Walk
{
    /// <summary>Calls <paramref name="f"/> on each direct child of n, in gc's field order; stops when it returns true.</summary>
    public static bool DoChildren(Node n, Func<Node, bool> f)
    {
        if (n is not Func && DoList(n.Init, f)) return true;
        return n switch
        {
            Func fn => DoList(fn.Body, f),
            Name or BasicLit or NilExpr or TypeNode or LabelStmt or BranchStmt or InlineMarkStmt or ClosureExpr => false,
            UnaryExpr u => f(u.X),
            BinaryExpr b => f(b.X) || f(b.Y) || Do(b.RType, f),
            LogicalExpr l => f(l.X) || f(l.Y),
            AddrExpr a => f(a.X),
            StarExpr s => f(s.X),
            SelectorExpr s => f(s.X),
            IndexExpr i => f(i.X) || f(i.Index),
            SliceExpr s => f(s.X) || Do(s.Low, f) || Do(s.High, f) || Do(s.Max, f),
            ConvExpr c => f(c.X),
            CallExpr c => Do(c.Fun, f) || DoList(c.Args, f) || Do(c.RType, f) || DoNames(c.KeepAlive, f),
            MakeExpr m => Do(m.Len, f) || Do(m.Cap, f),
            CompLitExpr c => DoList(c.List, f),
            KeyExpr k => Do(k.Key, f) || Do(k.Value, f),
            StructKeyExpr k => f(k.Value),
            TypeAssertExpr t => f(t.X),
            AddStringExpr a => DoList(a.List, f),
            InlinedCallExpr c => DoList(c.Body, f) || DoList(c.ReturnVars, f),
            ParenExpr p => f(p.X),
            TypeSwitchGuard g => f(g.X),
            AssignStmt a => f(a.X) || Do(a.Y, f),
            AssignListStmt a => DoList(a.Lhs, f) || DoList(a.Rhs, f),
            AssignOpStmt a => f(a.X) || f(a.Y),
            BlockStmt b => DoList(b.List, f),
            Decl d => f(d.X),
            IfStmt i => f(i.Cond) || DoList(i.Body, f) || DoList(i.Else, f),
            ForStmt fs => Do(fs.Cond, f) || Do(fs.Post, f) || DoList(fs.Body, f),
            RangeStmt r => f(r.X) || Do(r.Key, f) || Do(r.Value, f) || DoList(r.Body, f),
            CaseClause c => Do(c.Var, f) || DoList(c.List, f) || DoList(c.Body, f),
            SwitchStmt s => Do(s.Tag, f) || DoCases(s.Cases, f),
            CommClause c => Do(c.Comm, f) || DoList(c.Body, f),
            SelectStmt s => DoComms(s.Cases, f),
            ReturnStmt r => DoList(r.Results, f),
            GoDeferStmt g => f(g.Call) || Do(g.DeferAt, f),
            SendStmt s => f(s.Chan) || f(s.Value),
            TailCallStmt t => f(t.Call),
            _ => throw new InvalidOperationException($"DoChildren: unhandled {n.GetType().Name} {n.Op}"),
        };
    }

    private static bool Do(Node? n, Func<Node, bool> f) => n != null && f(n);
    private static bool DoList(List<Node> l, Func<Node, bool> f)
    {
        foreach (var n in l) if (f(n)) return true;
        return false;
    }
    private static bool DoNames(List<Name> l, Func<Node, bool> f)
    {
        foreach (var n in l) if (f(n)) return true;
        return false;
    }
    private static bool DoCases(List<CaseClause> l, Func<Node, bool> f)
    {
        foreach (var n in l) if (f(n)) return true;
        return false;
    }
    private static bool DoComms(List<CommClause> l, Func<Node, bool> f)
    {
        foreach (var n in l) if (f(n)) return true;
        return false;
    }

    /// <summary>Models ir.Visit: pre-order over n and its descendants.</summary>
    public static void Visit(Node n, Action<Node> visit)
    {
        // one delegate for the whole walk (a local function passed as a delegate allocates one per use)
        Func<Node, bool>? walk = null;
        walk = x => { visit(x); DoChildren(x, walk!); return false; };
        walk(n);
    }

    /// <summary>Models ir.VisitList.</summary>
    public static void VisitList(IEnumerable<Node> list, Action<Node> visit)
    {
        foreach (var n in list) Visit(n, visit);
    }

    /// <summary>Models ir.Any: whether cond holds for n or a descendant (pre-order, stops early).</summary>
    public static bool Any(Node n, Func<Node, bool> cond)
    {
        Func<Node, bool>? walk = null;
        walk = x => cond(x) || DoChildren(x, walk!);
        return walk(n);
    }
}
