using GoEscape.IR;

namespace GoEscape.Escape;

/// <summary>
/// The one -m diagnostic of gc's walk phase: "index bounds check elided" (walk.walkIndex), printed for an index
/// of an array, a pointer to an array or a constant string whose non-constant index provably lies in range.
/// gc walks every compiled function after escape analysis (gc.enqueueFunc → prepareFunc → walk.Walk), so these
/// lines follow all escape lines of the package. Walk sets base.Pos to each node while walking it and restores it
/// afterwards, so the message is at the index expression's position ('['), printed after the messages of its
/// operands (walkIndex walks X and Index first).
/// </summary>
public sealed class BoundsCheck
{
    private readonly EscapeLog _log;
    /// <summary>Index nodes already marked Bounded (ir.IndexExpr.Bounded): a node walked twice reports once.</summary>
    private readonly HashSet<IndexExpr> _bounded = new(ReferenceEqualityComparer.Instance);
    /// <summary>Closures met while walking the current function (ir.Func.Closures, appended by walk.walkClosure).</summary>
    private List<Func> _closures = [];

    private BoundsCheck(EscapeLog log) { _log = log; }

    /// <summary>
    /// Models the walk part of gc's compile loop: for each function of the package in Target.Funcs order
    /// (gc.enqueueFunc skips closures that capture variables: they are walked after their enclosing function,
    /// last-in first-out), walk its body.
    /// </summary>
    public static void Funcs(List<Func> funcs, EscapeLog log)
    {
        var w = new BoundsCheck(log);
        foreach (var fn in TargetFuncs.Order(funcs))
        {
            // models gc.enqueueFunc
            if (fn.Sym.Name == "_" || fn.IsClosure || !fn.HasBody || fn.Body.Count == 0) continue;
            var todo = new List<Func> { fn };
            while (todo.Count > 0)
            {
                var next = todo[^1];
                todo.RemoveAt(todo.Count - 1);
                w._closures = [];
                w.WalkStmts(next.Body);
                todo.AddRange(w._closures);
            }
        }
    }

    private void WalkList(List<Node> list)
    {
        foreach (var n in list) WalkNode(n);
    }

    // ---- order.go: which parts of a statement walk sees first ----
    //
    // Before walk, order.go moves calls (and len, cap, make, new, copy, min, max, string-to-slice conversions)
    // out of their statement into "tmp = call" statements unless the call is the whole right-hand side of an
    // assignment to a plain variable, and evaluates && / || into "r = x; if r { r = y }". Walk then sees those
    // statements first: their diagnostics come before the rest of the statement's.

    /// <summary>Nodes order.go moved into statements of their own, already walked (temporaries for the rest).</summary>
    private readonly HashSet<Node> _hoisted = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Node> _stmtDone = new(ReferenceEqualityComparer.Instance);

    private void WalkStmts(List<Node> list)
    {
        foreach (var n in list) WalkStmt(n);
    }

    /// <summary>Models order.stmt followed by walk.walkStmt for one statement.</summary>
    private void WalkStmt(Node s)
    {
        if (!_stmtDone.Add(s)) return;
        WalkStmts(s.Init);
        switch (s)
        {
            case AssignStmt a:
                Order(a.X, null);
                Order(a.Y, a.X);
                WalkAssign(a);
                break;
            case AssignListStmt { Op: Op.OAS2 } a:
                foreach (var l in a.Lhs) Order(l, null);
                foreach (var r in a.Rhs) Order(r, null);
                AsCompatEE(a.Lhs, a.Rhs);
                break;
            case AssignListStmt a:
                // order.as2func / as2ok: the right-hand side into temporaries first, then the assignment of the
                // original left-hand side from them
                foreach (var r in a.Rhs) { OrderChildren(r); WalkNode(r); }
                foreach (var l in a.Lhs) Order(l, null);
                WalkList(a.Lhs);
                break;
            case IfStmt i:
                Order(i.Cond, null);
                WalkNode(i.Cond);
                WalkStmts(i.Body);
                WalkStmts(i.Else);
                break;
            case ForStmt f:
                if (f.Cond != null) { Order(f.Cond, null); WalkNode(f.Cond); }
                if (f.Post != null) WalkStmt(f.Post);
                WalkStmts(f.Body);
                break;
            case RangeStmt r:
                Order(r.X, null);
                WalkNode(r.X);
                if (r.Key != null) WalkNode(r.Key);
                if (r.Value != null) WalkNode(r.Value);
                WalkStmts(r.Body);
                break;
            case SwitchStmt sw:
                if (sw.Tag != null) { Order(sw.Tag, null); WalkNode(sw.Tag); }
                foreach (var c in sw.Cases)
                    foreach (var e in c.List) { Order(e, null); WalkNode(e); }
                foreach (var c in sw.Cases) WalkStmts(c.Body);
                break;
            case SelectStmt sel:
                foreach (var c in sel.Cases)
                {
                    if (c.Comm != null) WalkStmt(c.Comm);
                    WalkStmts(c.Body);
                }
                break;
            case BlockStmt b:
                WalkStmts(b.List);
                break;
            case CallExpr or UnaryExpr or BinaryExpr:
                // a call statement (or panic, print, copy, close, clear, delete): its operands are ordered, the
                // call itself stays
                OrderChildren(s);
                Walk.DoChildren(s, WalkNode);
                break;
            default:
                OrderChildren(s);
                Walk.DoChildren(s, WalkNode);
                break;
        }
    }

    /// <summary>Index operands walk.ascompatee copied into temporaries: the bound is proved by the temporary's type only.</summary>
    private readonly Dictionary<IndexExpr, Name> _indexTemp = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Models walk.ascompatee for a multi-assignment: the pairs are assigned (and walked) one by one; an operand that
    /// an earlier assignment may affect is copied into a temporary first (walked then, before the assignment).
    /// </summary>
    private void AsCompatEE(List<Node> lhs, List<Node> rhs)
    {
        var assigned = new HashSet<Name>(ReferenceEqualityComparer.Instance);
        bool memWrite = false;
        bool Affected(Node n)
        {
            bool hit = false;
            Walk.Visit(n, x => hit |= x is Name nm && assigned.Contains(nm) || memWrite && ReadsMemory(x));
            return hit;
        }
        void Save(Node n)
        {
            if (Affected(n)) Hoist(n);
        }
        void SaveIndex(IndexExpr ix)
        {
            if (!Affected(ix.Index)) return;
            Hoist(ix.Index);
            _indexTemp[ix] = Temp(ix.Index);
        }

        for (int i = 0; i < lhs.Count && i < rhs.Count; i++)
        {
            Node l = lhs[i], r = rhs[i];
            var cur = l;
            while (true)
            {
                if (cur is IndexExpr { X.Type.IsArray: true } ax) { SaveIndex(ax); cur = ax.X; continue; }
                if (cur is ParenExpr p) { cur = p.X; continue; }
                if (cur is SelectorExpr { Op: Op.ODOT } d) { cur = d.X; continue; }
                break;
            }
            switch (cur)
            {
                case IndexExpr ix: Save(ix.X); SaveIndex(ix); break;
                case StarExpr st: Save(st.X); break;
                case SelectorExpr { Op: Op.ODOTPTR } dp: Save(dp.X); break;
            }
            Save(r);
            WalkNode(l);
            WalkNode(r);

            if (cur is not Name name) { memWrite = true; continue; }
            if (name.IsBlank) continue;
            if (name.Addrtaken || !OnStack(name)) { memWrite = true; continue; }
            assigned.Add(name);
        }
    }

    /// <summary>Models ir.Name.OnStack after escape analysis.</summary>
    private static bool OnStack(Name n) => n.Class is Class.PAUTO or Class.PPARAM or Class.PPARAMOUT && !n.IsClosureVar && n.Esc != Esc.Heap;

    /// <summary>Models walk.readsMemory.</summary>
    private static bool ReadsMemory(Node n) => n switch
    {
        Name nm => nm.Class != Class.PFUNC && (nm.Addrtaken || !OnStack(nm)),
        _ => n.Op is not (Op.OADD or Op.OAND or Op.OANDAND or Op.OANDNOT or Op.OBITNOT or Op.OCONV or Op.OCONVIFACE
            or Op.OCONVNOP or Op.ODIV or Op.ODOT or Op.ODOTTYPE or Op.OLITERAL or Op.OLSH or Op.OMOD or Op.OMUL or Op.ONEG
            or Op.ONIL or Op.OOR or Op.OOROR or Op.OPAREN or Op.OPLUS or Op.ORSH or Op.OSUB or Op.OXOR),
    };

    private static Name Temp(Node n) => new(n.Pos, new IrSym(null, ".autotmp"), n.Type, Class.PAUTO) { AutoTemp = true };

    private static bool IsStmt(Node n) => n is AssignStmt or AssignListStmt or AssignOpStmt or Decl or BlockStmt or IfStmt
        or ForStmt or RangeStmt or SwitchStmt or SelectStmt or ReturnStmt or GoDeferStmt or LabelStmt or BranchStmt or SendStmt;

    /// <summary>Models order.expr(n, lhs): hoists call-like operations (and &amp;&amp;, ||) into statements of their own.</summary>
    private void Order(Node? n, Node? lhs)
    {
        if (n == null || _hoisted.Contains(n)) return;
        if (IsStmt(n)) { WalkStmt(n); return; }
        switch (n)
        {
            case ClosureExpr:
                return;
            case LogicalExpr l:
                // r = x; if r { r = y }
                Order(l.X, null);
                WalkNode(l.X);
                Order(l.Y, null);
                WalkNode(l.Y);
                WalkStmts(n.Init);
                _hoisted.Add(n);
                return;
            case CallExpr { Op: Op.OAPPEND } app:
                OrderChildren(n);
                if (lhs is not Name && (lhs == null || app.Args.Count == 0 || !IrUtil.SameSafeExpr(lhs, app.Args[0])))
                    Hoist(n);
                return;
        }
        OrderChildren(n);
        if (IsCallLike(n) && lhs is not Name) Hoist(n);
    }

    private void OrderChildren(Node n)
    {
        foreach (var i in n.Init) WalkStmt(i);
        Walk.DoChildren(n, c => { if (!n.Init.Contains(c)) Order(c, null); return false; });
    }

    /// <summary>order.copyExpr: "tmp = n" is walked now.</summary>
    private void Hoist(Node n)
    {
        WalkNode(n);
        _hoisted.Add(n);
    }

    private static bool IsCallLike(Node n) => n.Op is Op.OCALLFUNC or Op.OCALLINTER or Op.OCAP or Op.OCOMPLEX or Op.OCOPY
        or Op.OIMAG or Op.OLEN or Op.OMAKECHAN or Op.OMAKEMAP or Op.OMAKESLICE or Op.OMAX or Op.OMIN or Op.ONEW
        or Op.OREAL or Op.ORECOVER or Op.OSTR2BYTES or Op.OSTR2RUNES;

    /// <summary>models walk.walkAssign: the destination first, then the value (x = append(...) with x as dst).</summary>
    private void WalkAssign(AssignStmt a)
    {
        WalkNode(a.X);
        if (a.Y is CallExpr { Op: Op.OAPPEND } app && !_hoisted.Contains(app)) Append(app, a.X);
        else if (a.Y != null) WalkNode(a.Y);
    }

    private bool WalkNode(Node n)
    {
        if (_hoisted.Contains(n)) return false;
        switch (n)
        {
            case ClosureExpr clo:
                // models walk.walkClosure: a capturing closure is compiled after its enclosing function; a
                // trivial one is a top-level function of its own (in Target.Funcs).
                if (clo.Func.IsClosure) _closures.Add(clo.Func);
                return false;
            case IndexExpr ix:
                Walk.DoChildren(ix, WalkNode);
                if (ix.Op == Op.OINDEX) Index(ix);
                return false;
            case Node when IsStmt(n):
                WalkStmt(n);
                return false;
            case CallExpr { Op: Op.OAPPEND } app:
                // order.go copies a non-assigned append into a temporary: dst is that temporary
                Append(app, null);
                return false;
            case MakeExpr { Op: Op.OMAKESLICE } mk:
                // models walk.walkMakeSlice: len and cap go through safeExpr before being walked
                WalkList(mk.Init);
                SafeWalk(mk.Len);
                SafeWalk(mk.Cap);
                return false;
            case BinaryExpr { Op: Op.OUNSAFESLICE or Op.OUNSAFESTRING } b:
                // models walk.walkUnsafeSlice / walkUnsafeString
                WalkList(b.Init);
                SafeWalk(b.X);
                SafeWalk(b.Y);
                return false;
            case BinaryExpr { Op: Op.OEQ or Op.ONE or Op.OLT or Op.OLE or Op.OGT or Op.OGE } b
                when b.X.Type is { IsString: true } && b.Y.Type is { IsString: true } && ShortConstCompare(b, out var ncs):
                // models walk.walkCompareString: comparing with a short constant string rewrites to length and
                // byte loads of safeExpr(ncs)
                WalkList(b.Init);
                SafeWalk(ncs);
                return false;
            default:
                Walk.DoChildren(n, WalkNode);
                return false;
        }
    }

    /// <summary>Comparisons with a constant string of 1..16 bytes (amd64: 2*RegSize) are rewritten by walk.</summary>
    private static bool ShortConstCompare(BinaryExpr b, out Node ncs)
    {
        ncs = b.X;
        bool xc = b.X is BasicLit { Val.Kind: ConstKind.String }, yc = b.Y is BasicLit { Val.Kind: ConstKind.String };
        if (xc == yc) return false;
        var cs = (BasicLit)(xc ? b.X : b.Y);
        ncs = xc ? b.Y : b.X;
        long len = StringLen(cs.Val);
        return len > 0 && len <= 16;
    }

    /// <summary>Models walk.walkAppend / appendSlice / extendSlice (which operands pass through safeExpr).</summary>
    private void Append(CallExpr call, Node? dst)
    {
        WalkList(call.Init);
        var args = call.Args;
        if (args.Count == 0) return;
        if (call.IsDDD)
        {
            // appendSlice / extendSlice: walkAppendArgs (walkExprListSafe over all arguments)
            SafeWalk(args[0]);
            for (int i = 1; i < args.Count; i++)
            {
                // isAppendOfMake: append(x, make([]T, y)...) appends uint(y) zeroed elements
                if (args[i] is MakeExpr { Op: Op.OMAKESLICE, Cap: null, Len: { } len }) WalkNode(len);
                else SafeWalk(args[i]);
            }
            return;
        }
        if (dst == null || !IrUtil.SameSafeExpr(dst, args[0])) SafeWalk(args[0]);
        for (int i = 1; i < args.Count; i++) SafeWalk(args[i]);
    }

    private void SafeWalk(Node? n)
    {
        if (n == null) return;
        if (SafeExpr(n) == n) WalkNode(n);
    }

    /// <summary>
    /// Models walk.safeExpr: returns n itself if it is safe to evaluate twice (then the caller walks it later), else a
    /// walked copy whose unsafe operands were copied into temporaries (walk.cheapExpr → copyExpr, which walks them).
    /// An index whose operand became a temporary is then checked against the temporary's type only.
    /// </summary>
    private Node SafeExpr(Node n)
    {
        if (n.Init.Count > 0) WalkList(n.Init);
        switch (n)
        {
            case Name or BasicLit or NilExpr:
                return n;
            case UnaryExpr { Op: Op.OLEN or Op.OCAP } u:
            {
                var l = SafeExpr(u.X);
                if (l == u.X) return n;
                var c = new UnaryExpr(u.Op, u.Pos, l) { Type = u.Type };
                WalkNode(c);
                return c;
            }
            case SelectorExpr { Op: Op.ODOT or Op.ODOTPTR } sel:
            {
                var l = SafeExpr(sel.X);
                if (l == sel.X) return n;
                var c = new SelectorExpr(sel.Op, sel.Pos, l, sel.Sel) { Type = sel.Type, Selection = sel.Selection };
                WalkNode(c);
                return c;
            }
            case StarExpr st:
            {
                var l = SafeExpr(st.X);
                if (l == st.X) return n;
                var c = new StarExpr(st.Pos, l) { Type = st.Type };
                WalkNode(c);
                return c;
            }
            case IndexExpr { Op: Op.OINDEX or Op.OINDEXMAP } ix:
            {
                var l = SafeExpr(ix.X);
                var r = SafeExpr(ix.Index);
                if (l == ix.X && r == ix.Index) return n;
                var c = new IndexExpr(ix.Op, ix.Pos, l, r) { Type = ix.Type };
                if (_bounded.Contains(ix)) _bounded.Add(c); // ir.Copy keeps the Bounded flag
                WalkNode(c);
                return c;
            }
            case CompLitExpr { Op: Op.OSTRUCTLIT or Op.OARRAYLIT or Op.OSLICELIT } lit when IsStaticCompositeLiteral(lit):
                return n;
        }
        // models walk.cheapExpr → copyExpr: "tmp = n" is walked, the temporary replaces n
        WalkNode(n);
        return Temp(n);
    }

    /// <summary>Models walk.isStaticCompositeLiteral.</summary>
    private static bool IsStaticCompositeLiteral(Node n) => n switch
    {
        CompLitExpr { Op: Op.OSLICELIT } => false,
        CompLitExpr { Op: Op.OARRAYLIT or Op.OSTRUCTLIT } lit => lit.List.TrueForAll(e => e switch
        {
            KeyExpr k => k.Value != null && IsStaticCompositeLiteral(k.Value),
            StructKeyExpr sk => IsStaticCompositeLiteral(sk.Value),
            _ => IsStaticCompositeLiteral(e),
        }),
        BasicLit or NilExpr => true,
        ConvExpr { Op: Op.OCONVIFACE } cv => cv.X is BasicLit or NilExpr && IsStaticCompositeLiteral(cv.X),
        _ => false,
    };

    /// <summary>Models walk.walkIndex's bounds check elision.</summary>
    private void Index(IndexExpr n)
    {
        if (_bounded.Contains(n)) return;
        var t = n.X.Type;
        if (t is { IsPtr: true }) t = t.Elem;
        long max;
        if (t is { IsArray: true }) max = t.NumElem;
        else if (n.X is BasicLit { Val.Kind: ConstKind.String } s) max = StringLen(s.Val);
        else return;
        var index = _indexTemp.TryGetValue(n, out var tmp) ? tmp : n.Index;
        if (!Bounded(index, max)) return;
        _bounded.Add(n);
        if (!IsIntConst(index)) _log.Warn(n.Pos, "index bounds check elided");
    }

    private static long StringLen(IrConst c) => c.Value switch
    {
        byte[] raw => raw.Length,
        string s => System.Text.Encoding.UTF8.GetByteCount(s),
        _ => 0,
    };

    private static bool IsIntConst(Node n) => n is BasicLit { Val.Kind: ConstKind.Int };

    /// <summary>Models ir.IsSmallIntConst: an integer constant that fits in an int32.</summary>
    private static bool SmallIntConst(Node n, out long v)
    {
        v = 0;
        return n is BasicLit { Val: { Kind: ConstKind.Int } c } && c.TryInt64(out v) && (int)v == v;
    }

    private static bool IsInteger(IrType t) => t.Kind is >= Kind.TINT8 and <= Kind.TUINTPTR;

    private static bool IsSigned(IrType t) => t.Kind is Kind.TINT8 or Kind.TINT16 or Kind.TINT32 or Kind.TINT64 or Kind.TINT;

    /// <summary>Models walk.bounded: whether integer n must be in range [0, max).</summary>
    internal static bool Bounded(Node n, long max)
    {
        if (n.Type is not { } t || !IsInteger(t)) return false;
        bool sign = IsSigned(t);
        int bits = (int)(8 * t.Size);
        if (SmallIntConst(n, out long c)) return 0 <= c && c < max;

        switch (n)
        {
            case BinaryExpr { Op: Op.OAND or Op.OANDNOT } b:
            {
                long v = -1;
                if (SmallIntConst(b.X, out long x)) v = x;
                else if (SmallIntConst(b.Y, out long y))
                {
                    v = y;
                    if (b.Op == Op.OANDNOT)
                    {
                        v = ~v;
                        if (!sign && bits < 64) v &= (1L << bits) - 1; // Go: 1<<64 - 1 is all ones
                    }
                }
                if (0 <= v && v < max) return true;
                break;
            }
            case BinaryExpr { Op: Op.OMOD } b:
                if (!sign && SmallIntConst(b.Y, out long m) && 0 <= m && m <= max) return true;
                break;
            case BinaryExpr { Op: Op.ODIV } b:
                if (!sign && SmallIntConst(b.Y, out long d))
                    for (; bits > 0 && d >= 2; d >>= 1) bits--;
                break;
            case BinaryExpr { Op: Op.ORSH } b:
                if (!sign && SmallIntConst(b.Y, out long s))
                {
                    if (s > bits) return max > 0;
                    bits -= (int)s;
                }
                break;
        }
        return !sign && bits <= 62 && 1L << bits <= max;
    }
}
