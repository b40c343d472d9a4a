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
///
/// A function literal in the body is copied as a new closure (reader.funcLit, inlClosureFunc): its own params,
/// locals and closure variables (captured from the copy's names), a signature whose fields name the new params,
/// and its body at the source's positions: gc reads a literal's body with a reader of its own, without the inlining
/// context, so only the OCLOSURE node takes the inlined position. <see cref="ClosureSym"/> names each new closure,
/// <see cref="OnClosure"/> sees it (gc appends it to typecheck.Target.Funcs).
/// </summary>
internal sealed class BodyCopy
{
    private readonly Func _src;
    private readonly Func<Name, Name> _fresh;
    private readonly XPos? _pos;
    private readonly Func<IrSym, IrSym> _label;
    private readonly Dictionary<Node, Node> _nodes = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Name, Name> _names = new(ReferenceEqualityComparer.Instance);
    // names of the function literals copied (their params, locals, closure variables), and the literals themselves
    private readonly Dictionary<Name, Name> _inner = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Func, Func> _closures = new(ReferenceEqualityComparer.Instance);
    private readonly Stack<Func> _enclosing = new();
    // per new function: how many literals it encloses so far (reader.funcLitGen, rangeLitGen of the reader of its body)
    private readonly Dictionary<(Func, bool), int> _gen = [];

    public Action<CallExpr, CallExpr>? OnCall { get; init; }

    /// <summary>Replacements for names the body uses but does not declare: an inlined closure's closure variables
    /// become the caller's variables they capture (unifiedInlineCall's r.closureVars = cv.Outer).</summary>
    public Dictionary<Name, Name>? Subst { get; init; }

    /// <summary>The function that encloses the literals at the body's top level (the caller, for an inlined body).</summary>
    public Func? Parent { get; init; }

    /// <summary>The symbol of the copy of a literal: (source literal, the new enclosing function, its literal count,
    /// whether it is a range-over-func body); null keeps the source's symbol.</summary>
    public Func<Func, Func, int, bool, IrSym>? ClosureSym { get; init; }

    public Action<Func>? OnClosure { get; init; }

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

    // the source's own closure variables are not its declarations: kept (a pristine copy) or substituted (inlining)
    private bool Declared(Name n) => n.Curfn == _src && !n.IsClosureVar && n.Class is Class.PAUTO or Class.PAUTOHEAP or Class.PPARAM or Class.PPARAMOUT;

    /// <summary>The copy of a name: substituted, declared by the source or by a literal being copied, or shared.</summary>
    private Name CopyName(Name name)
    {
        if (Subst != null && Subst.TryGetValue(name, out var s)) return s;
        if (_inner.TryGetValue(name, out var m)) return m;
        if (Declared(name)) return MapName(name);
        if (name.Curfn is { } f && !name.IsClosureVar && _closures.TryGetValue(f, out var nf)) return InnerName(name, nf);
        return name;
    }

    private Name InnerName(Name old, Func fn)
    {
        var m = new Name(old.Pos, old.Sym, old.Type, old.Class)
        {
            Curfn = fn,
            Addrtaken = old.Addrtaken,
            AutoTemp = old.AutoTemp,
            Esc = old.Esc,
        };
        _inner[old] = m;
        return m;
    }

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
        foreach (var (old, m) in _inner)
        {
            if (old.IsClosureVar) continue; // Defn is the captured variable, set with Outer
            m.Defn = old.Defn == null ? null : _nodes.GetValueOrDefault(old.Defn) ?? (old.Defn is Name dn && _inner.TryGetValue(dn, out var dm) ? dm : null);
        }
    }

    private Node? CopyOpt(Node? n) => n == null ? null : Copy(n);

    public Node Copy(Node n)
    {
        if (n is Name name) return CopyName(name);
        var pos = _enclosing.Count == 0 && _pos is { } at ? at : n.Pos;
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
            ClosureExpr clo => CopyClosure(clo, pos),
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
            LabelStmt l => new LabelStmt(pos, l.Label.IsBlank || _enclosing.Count != 0 ? l.Label : _label(l.Label)),
            BranchStmt b => new BranchStmt(b.Op, pos, b.Label == null || b.Label.IsBlank || _enclosing.Count != 0 ? b.Label : _label(b.Label)),
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
        if (_enclosing.Count == 0) OnCall?.Invoke(call, c);
        return c;
    }

    /// <summary>
    /// Models reader.funcLit with inlClosureFunc and ir.NewClosureFunc: a new closure for a literal of the body,
    /// enclosed by the innermost literal being copied or else by <see cref="Parent"/>.
    /// </summary>
    private ClosureExpr CopyClosure(ClosureExpr clo, XPos pos)
    {
        var old = clo.Func;
        var parent = _enclosing.Count != 0 ? _enclosing.Peek() : Parent ?? _src;
        bool range = IsRangeBody(old);
        int gen = _gen.GetValueOrDefault((parent, range)) + 1;
        _gen[(parent, range)] = gen;
        var nname = new Name(old.Nname.Pos, ClosureSym?.Invoke(old, parent, gen, range) ?? old.Sym, null, Class.PFUNC);
        var fn = new Func(old.Pos, nname)
        {
            ClosureParent = parent,
            Dupok = parent.Dupok,
            Pragma = old.Pragma,
            Wrapper = old.Wrapper,
            DeclPos = old.DeclPos,
            HasBody = old.HasBody,
            ClosureResultsLost = old.ClosureResultsLost,
        };
        _closures[old] = fn;
        // closure variables capture the copies of what the source literal captured (ir.NewClosureVar)
        foreach (var cv in old.ClosureVars)
        {
            var outer = CopyName(cv.Outer!);
            var ncv = new Name(cv.Pos, cv.Sym, cv.Type, cv.Class)
            {
                Curfn = fn,
                IsClosureVar = true,
                Outer = outer,
                Defn = outer.Canonical(),
            };
            fn.ClosureVars.Add(ncv);
            _inner[cv] = ncv;
        }
        foreach (var d in old.Dcl) fn.Dcl.Add(_inner.GetValueOrDefault(d) ?? InnerName(d, fn));
        var sig = old.Signature;
        nname.Type = IrType.NewSignature(sig.Recv == null ? null : CopyField(sig.Recv), sig.Params.Select(CopyField).ToList(),
            sig.Results.Select(CopyField).ToList());
        var c = new ClosureExpr(pos, fn) { IsGoWrap = clo.IsGoWrap, Transient = clo.Transient };
        fn.OClosure = c;
        _enclosing.Push(fn);
        try
        {
            fn.Body.AddRange(List(old.Body));
        }
        finally { _enclosing.Pop(); }
        OnClosure?.Invoke(fn);
        return c;
    }

    private Field CopyField(Field f) => new(f.Sym, f.Type, f.Pos)
    {
        Embedded = f.Embedded,
        IsDDD = f.IsDDD,
        Nname = f.Nname == null ? null : CopyName(f.Nname),
    };

    /// <summary>A range-over-func body ("F-range1"): counted apart from literals (ir.closureName's rangeLitGen).</summary>
    internal static bool IsRangeBody(Func f)
    {
        string s = f.Sym.Name;
        int dot = s.LastIndexOf('.'), r = s.LastIndexOf("-range", StringComparison.Ordinal);
        return r > dot;
    }

    private CaseClause CopyCase(CaseClause cc, XPos pos)
    {
        var c = new CaseClause(pos, List(cc.List), List(cc.Body));
        if (cc.Var != null) c.Var = (Name)Copy(cc.Var);
        return c;
    }
}
