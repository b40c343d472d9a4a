using GoEscape.IR;

namespace GoEscape.Inline;

/// <summary>
/// A deep copy of a function body with fresh local names: what gc gets by reading a body again from export data
/// (noder.reader for an inline body, once in expandInline and once per inlined call in unifiedInlineCall). Names
/// declared by the source function (its Dcl, or any name whose Curfn is it) are replaced by the names that
/// <see cref="_fresh"/> makes; globals and functions are shared. A name's Defn is remapped to the copied
/// assignment. When <see cref="_pos"/> is set every node takes that position (gc prints an inlined node at its
/// outermost call site: base.FmtPos uses Ctxt.OutermostPos); <see cref="OnCall"/> sees each copied call with the
/// position it had in the source (the innermost position, for the inliner's recursion check).
/// </summary>
internal sealed class BodyCopy
{
    private readonly Func _src;
    private readonly Func<Name, Name> _fresh;
    private readonly XPos? _pos;
    private readonly Func<IrSym, IrSym> _label;
    private readonly Dictionary<Node, Node> _nodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Name, Name> _names = new(ReferenceEqualityComparer.Instance);

    public Action<CallExpr, CallExpr>? OnCall { get; init; }

    public BodyCopy(Func src, Func<Name, Name> fresh, XPos? pos, Func<IrSym, IrSym> label)
    {
        _src = src;
        _fresh = fresh;
        _pos = pos;
        _label = label;
    }

    /// <summary>The copy of a source name declared by the function (made on first use).</summary>
    public Name MapName(Name n)
    {
        if (_names.TryGetValue(n, out var m)) return m;
        m = _fresh(n);
        _names[n] = m;
        return m;
    }

    public bool IsMapped(Name n) => _names.ContainsKey(n);

    /// <summary>The copies of the source names that are not in <paramref name="dcl"/> (declared in the body only).</summary>
    public List<Name> MappedNotIn(List<Name> dcl)
    {
        var inDcl = new HashSet<Name>(dcl, ReferenceEqualityComparer.Instance);
        var r = new List<Name>();
        foreach (var (old, m) in _names)
            if (!inDcl.Contains(old)) r.Add(m);
        return r;
    }

    private bool Declared(Name n) => n.Curfn == _src && n.Class is Class.PAUTO or Class.PAUTOHEAP or Class.PPARAM or Class.PPARAMOUT;

    public List<Node> List(List<Node> l)
    {
        var r = new List<Node>(l.Count);
        foreach (var n in l) r.Add(Copy(n));
        return r;
    }

    /// <summary>After the body is copied: every copied name's Defn points into the copy (or is dropped if its
    /// definition was not copied).</summary>
    public void FixDefns()
    {
        foreach (var (old, m) in _names)
            m.Defn = old.Defn == null ? null : _nodes.GetValueOrDefault(old.Defn) ?? (old.Defn is Name dn && _names.TryGetValue(dn, out var dm) ? dm : null);
    }

    private Node? CopyOpt(Node? n) => n == null ? null : Copy(n);

    public Node Copy(Node n)
    {
        if (n is Name name) return Declared(name) ? MapName(name) : name;
        var pos = _pos ?? n.Pos;
        Node c = n switch
        {
            BasicLit b => new BasicLit(pos, b.Type, b.Val, b.Sym),
            NilExpr => new NilExpr(pos, n.Type),
            TypeNode t => new TypeNode(pos, t.Type!),
            UnaryExpr u => new UnaryExpr(u.Op, pos, Copy(u.X)),
            BinaryExpr b => new BinaryExpr(b.Op, pos, Copy(b.X), Copy(b.Y)) { RType = CopyOpt(b.RType) },
            LogicalExpr l => new LogicalExpr(l.Op, pos, Copy(l.X), Copy(l.Y)),
            AddrExpr a => new AddrExpr(a.Op, pos, Copy(a.X)),
            StarExpr s => new StarExpr(pos, Copy(s.X)),
            SelectorExpr s => new SelectorExpr(s.Op, pos, Copy(s.X), s.Sel) { Selection = s.Selection, Transient = s.Transient },
            IndexExpr i => new IndexExpr(i.Op, pos, Copy(i.X), Copy(i.Index)),
            SliceExpr s => new SliceExpr(s.Op, pos, Copy(s.X), CopyOpt(s.Low), CopyOpt(s.High), CopyOpt(s.Max)),
            ConvExpr cv => new ConvExpr(cv.Op, pos, cv.Type!, Copy(cv.X)),
            CallExpr call => CopyCall(call, pos),
            MakeExpr m => new MakeExpr(m.Op, pos, CopyOpt(m.Len), CopyOpt(m.Cap)),
            CompLitExpr cl => new CompLitExpr(cl.Op, pos, List(cl.List)) { Len = cl.Len, Transient = cl.Transient },
            KeyExpr k => new KeyExpr(pos, CopyOpt(k.Key), CopyOpt(k.Value)),
            StructKeyExpr k => new StructKeyExpr(pos, k.Field, Copy(k.Value)),
            ClosureExpr => throw new InvalidOperationException("BodyCopy: function literals are not copied (bodies with closures are not inlined yet)"),
            TypeAssertExpr t => new TypeAssertExpr(t.Op, pos, Copy(t.X)),
            AddStringExpr a => new AddStringExpr(pos, List(a.List)),
            InlinedCallExpr ic => new InlinedCallExpr(pos, List(ic.Body), List(ic.ReturnVars)),
            ParenExpr p => new ParenExpr(pos, Copy(p.X)),
            TypeSwitchGuard g => new TypeSwitchGuard(pos, g.Tag, Copy(g.X)),
            AssignStmt a => new AssignStmt(pos, Copy(a.X), CopyOpt(a.Y)) { Def = a.Def },
            AssignListStmt a => new AssignListStmt(a.Op, pos, List(a.Lhs), List(a.Rhs)) { Def = a.Def },
            AssignOpStmt a => new AssignOpStmt(pos, a.AsOp, Copy(a.X), Copy(a.Y)) { IncDec = a.IncDec },
            BlockStmt b => new BlockStmt(pos, List(b.List)),
            Decl d => new Decl(pos, (Name)Copy(d.X)),
            IfStmt i => new IfStmt(pos, Copy(i.Cond), List(i.Body), List(i.Else)),
            ForStmt f => new ForStmt(pos, CopyOpt(f.Cond), CopyOpt(f.Post), List(f.Body)) { DistinctVars = f.DistinctVars },
            RangeStmt r => new RangeStmt(pos, Copy(r.X), CopyOpt(r.Key), CopyOpt(r.Value), List(r.Body)) { DistinctVars = r.DistinctVars },
            CaseClause cc => CopyCase(cc, pos),
            SwitchStmt s => new SwitchStmt(pos, CopyOpt(s.Tag), s.Cases.ConvertAll(cc => (CaseClause)Copy(cc))),
            CommClause cc => new CommClause(pos, CopyOpt(cc.Comm), List(cc.Body)),
            SelectStmt s => new SelectStmt(pos, s.Cases.ConvertAll(cc => (CommClause)Copy(cc))),
            ReturnStmt r => new ReturnStmt(pos, List(r.Results)),
            GoDeferStmt g => new GoDeferStmt(g.Op, pos, Copy(g.Call)) { DeferAt = CopyOpt(g.DeferAt) },
            LabelStmt l => new LabelStmt(pos, l.Label.IsBlank ? l.Label : _label(l.Label)),
            BranchStmt b => new BranchStmt(b.Op, pos, b.Label == null || b.Label.IsBlank ? b.Label : _label(b.Label)),
            SendStmt s => new SendStmt(pos, Copy(s.Chan), Copy(s.Value)),
            TailCallStmt t => new TailCallStmt(pos, (CallExpr)Copy(t.Call)),
            InlineMarkStmt m => new InlineMarkStmt(pos, m.Index),
            _ => throw new InvalidOperationException($"BodyCopy: unhandled {n.GetType().Name} {n.Op}"),
        };
        c.Op = n.Op;
        c.Type = n.Type;
        c.Implicit = n.Implicit;
        c.Esc = n.Esc;
        foreach (var x in n.Init) c.Init.Add(Copy(x));
        _nodes[n] = c;
        return c;
    }

    private CallExpr CopyCall(CallExpr call, XPos pos)
    {
        var c = new CallExpr(call.Op, pos, CopyOpt(call.Fun), List(call.Args))
        {
            IsDDD = call.IsDDD,
            RType = CopyOpt(call.RType),
            IsCompilerVarLive = call.IsCompilerVarLive,
        };
        foreach (var k in call.KeepAlive) c.KeepAlive.Add((Name)Copy(k));
        OnCall?.Invoke(call, c);
        return c;
    }

    private CaseClause CopyCase(CaseClause cc, XPos pos)
    {
        var c = new CaseClause(pos, List(cc.List), List(cc.Body));
        if (cc.Var != null) c.Var = (Name)Copy(cc.Var);
        return c;
    }
}
