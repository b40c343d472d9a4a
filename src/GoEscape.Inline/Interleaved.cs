using GoEscape.IR;

namespace GoEscape.Inline;

/// <summary>
/// Call-site inlining after gc 1.27's inline/interleaved (DevirtualizeAndInlinePackage): every call of every
/// function is wrapped in an OPAREN so that it can be replaced in place ("parenthesize"); the targets are resolved
/// once, counting the uses of each callee over the package; then bottom-up over the call graph's SCCs each
/// function's calls are tried in order (TryInlineCall), the calls inside a newly inlined body are appended to the
/// worklist and tried after the current round, until a fixpoint; finally the wrappers are removed.
///
/// Devirtualization is interleaved through <see cref="StaticCall"/> and <see cref="AfterInline"/> (the lowering's
/// devirtualize.State). Function literals take part as gc's do: a literal in an inlined body becomes a new closure
/// of the caller (<see cref="NewClosures"/>, named after the inlined function: "F.func1" inlined into G stays
/// "F.func1", a literal of an inlined closure "F.func1.func1"), which the pass does not visit; a closure called
/// directly or through a single-assignment variable is inlined like a function, with a budget of twice the usual,
/// and of at least 800 when the package calls it once.
/// </summary>
public sealed partial class Inliner
{
    /// <summary>One entry of gc's inlining tree (obj.InlTree): the call's innermost position, the inlined function.</summary>
    private readonly record struct InlinedCall(int Parent, XPos Pos, Func Fn);

    private readonly List<InlinedCall> _inlTree = [];
    /// <summary>For calls copied from inlined bodies: their inlining index and innermost position (gc keeps both in
    /// the call's src.XPos; our positions are the outermost ones, as gc prints them).</summary>
    private readonly Dictionary<CallExpr, (int Index, XPos Inner)> _inlPos = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Func, int> _labels = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Func> _dirtyOracles = new(ReferenceEqualityComparer.Instance);
    private int _inlgen;

    /// <summary>devirtualize.StaticCall, run on each call as it is resolved (interleaved with inlining).</summary>
    public Action<CallExpr>? StaticCall { get; set; }

    /// <summary>devirtualize.State.InlinedCall: (caller, original call, its inlined replacement).</summary>
    public Action<Func, CallExpr, InlinedCallExpr>? AfterInline { get; set; }

    /// <summary>Calls gc would inline that this first cut leaves as calls, by reason (a TODO list, not a report).</summary>
    public Dictionary<string, int> Skipped { get; } = new(StringComparer.Ordinal);

    /// <summary>The closures that inlining made (copies of the function literals of inlined bodies), in the order
    /// made: gc's ir.NewClosureFunc appends them to typecheck.Target.Funcs, so that deadlocals and escape analysis
    /// see them; the inlining pass itself does not visit them.</summary>
    public List<Func> NewClosures { get; } = [];

    /// <summary>Per-function state of the pass (interleaved.inlClosureState).</summary>
    private sealed class ClosureState(Func fn, bool bigCaller)
    {
        public readonly Func Fn = fn;
        public readonly bool BigCaller = bigCaller;
        public readonly HashSet<ParenExpr> CallSites = new(ReferenceEqualityComparer.Instance);
        public readonly List<Func?> Resolved = [];
        public readonly List<ParenExpr> Parens = [];
        public Func<Node, Node>? Mark;
    }

    /// <summary>
    /// Models interleaved.DevirtualizeAndInlinePackage after CanInlineFuncs (run <see cref="CanInlineFuncs"/> first,
    /// with <see cref="InlineOptions.CallSites"/> set so that the pristine bodies are kept): inlines calls in place in
    /// <paramref name="funcs"/> (gc's typecheck.Target.Funcs: declared functions and closures, not the wrappers made
    /// after inlining).
    /// </summary>
    public void InlineCalls(IReadOnlyList<Func> funcs)
    {
        if (_opts.LowerL == 0) return;
        var states = new Dictionary<Func, ClosureState>(ReferenceEqualityComparer.Instance);
        var useCounts = new Dictionary<Func, int>(ReferenceEqualityComparer.Instance);
        foreach (var fn in funcs)
        {
            bool big = IsBigFunc(fn);
            if (big && _opts.M > 1) _print?.Invoke(Line(fn), $" function {Func.FuncName(fn)} considered 'big'; reducing max cost of inlinees");
            var s = new ClosureState(fn, big);
            Parenthesize(s);
            states[fn] = s;
            for (int i = 0; i < s.Parens.Count; i++) Resolve(s, i, useCounts);
        }

        Scc.VisitFuncsBottomUp(funcs, (list, _) =>
        {
            bool done = false;
            while (!done)
            {
                done = true;
                foreach (var fn in list)
                {
                    var s = states[fn];
                    try
                    {
                        int l1 = s.Parens.Count, l0 = 0;
                        while (true)
                        {
                            for (int i = l0; i < l1; i++)
                            {
                                var paren = s.Parens[i];
                                if (EditCall(s, i, useCounts) is { } inlined)
                                {
                                    var orig = (CallExpr)paren.X;
                                    paren.X = inlined;
                                    Edit.Children(inlined, s.Mark!); // mark may append to parens
                                    AfterInline?.Invoke(s.Fn, orig, inlined);
                                    done = false;
                                }
                            }
                            (l0, l1) = (l1, s.Parens.Count);
                            if (l0 == l1) break;
                            for (int i = l0; i < l1; i++) Resolve(s, i, useCounts);
                        }
                    }
                    catch (Exception e) when (e is not InternalErrorException)
                    {
                        throw new InternalErrorException(null, fn.Sym.Name, e);
                    }
                }
            }
        });

        foreach (var fn in funcs) Unparenthesize(states[fn]);
    }

    /// <summary>
    /// Models interleaved.DevirtualizeAndInlineFunc, as reader.finishWrapperFunc runs it on each method wrapper made
    /// after the package pass: the wrapper's own use counts, then inlClosureState.fixpoint (every call, newly marked
    /// ones included, tried in order until nothing more is inlined).
    /// </summary>
    public void InlineFunc(Func fn)
    {
        if (_opts.LowerL == 0) return;
        bool big = IsBigFunc(fn);
        if (big && _opts.M > 1) _print?.Invoke(Line(fn), $" function {Func.FuncName(fn)} considered 'big'; reducing max cost of inlinees");
        var s = new ClosureState(fn, big);
        var useCounts = new Dictionary<Func, int>(ReferenceEqualityComparer.Instance);
        Parenthesize(s);
        try
        {
            bool done = false;
            while (!done)
            {
                done = true;
                for (int i = 0; i < s.Parens.Count; i++)
                {
                    var paren = s.Parens[i];
                    if (EditCall(s, i, useCounts) is { } inlined)
                    {
                        var orig = (CallExpr)paren.X;
                        paren.X = inlined;
                        Edit.Children(inlined, s.Mark!);
                        AfterInline?.Invoke(s.Fn, orig, inlined);
                        done = false;
                    }
                }
            }
        }
        catch (Exception e) when (e is not InternalErrorException)
        {
            throw new InternalErrorException(null, fn.Sym.Name, e);
        }
        Unparenthesize(s);
    }

    /// <summary>Models inlClosureState.resolve: the call's target for inlining, counted once per call site.</summary>
    private (Func? Callee, int Count) Resolve(ClosureState s, int i, Dictionary<Func, int> useCounts)
    {
        var p = s.Parens[i];
        if (i < s.Resolved.Count && s.Resolved[i] is { } known) return (known, useCounts[known]);
        if (p.X is not CallExpr call) return (null, -1); // previously inlined
        StaticCall?.Invoke(call);
        if (InlineCallTarget(s.Fn, call) is { } callee)
        {
            while (s.Resolved.Count <= i) s.Resolved.Add(null);
            s.Resolved[i] = callee;
            int c = useCounts.GetValueOrDefault(callee) + 1;
            useCounts[callee] = c;
            return (callee, c);
        }
        return (null, 0);
    }

    /// <summary>Models inlClosureState.edit.</summary>
    private InlinedCallExpr? EditCall(ClosureState s, int i, Dictionary<Func, int> useCounts)
    {
        if (s.Parens[i].X is not CallExpr call) return null;
        var (callee, count) = Resolve(s, i, useCounts);
        if (count <= 0) return null;
        return TryInlineCall(s.Fn, call, s.BigCaller, count == 1 && callee!.ClosureParent != null);
    }

    /// <summary>Models inlClosureState.parenthesize and mark: wraps each call (post-order) in a fresh OPAREN.</summary>
    private void Parenthesize(ClosureState s)
    {
        Func<Node, Node>? mark = null;
        mark = n =>
        {
            var p = n as ParenExpr;
            if (p != null && s.CallSites.Contains(p)) return n; // already visited n.X before wrapping
            if (p != null) n = p.X;
            // match: a call; gc wraps every ir.CallExpr, but only OCALLFUNC can be inlined (inlineCallCheck), and
            // the call of a go/defer wrapper (call.GoDefer) never is.
            // (interface calls too when devirtualization is interleaved: resolve offers them to StaticCall)
            bool ok = n is CallExpr { IsCompilerVarLive: false } c0 && (c0.Op == Op.OCALLFUNC || c0.Op == Op.OCALLINTER && StaticCall != null);
            if (n is TailCallStmt t) Edit.Children(t.Call, mark!);
            else if (n is GoDeferStmt g)
            {
                if (g.Call is CallExpr gc) Edit.Children(gc, mark!);
                else g.Call = mark!(g.Call);
                if (g.DeferAt != null) g.DeferAt = mark!(g.DeferAt);
                Edit.List(g.Init, mark!);
            }
            else Edit.Children(n, mark!);
            if (ok)
            {
                if (p == null)
                {
                    p = new ParenExpr(n.Pos, n) { Type = n.Type };
                    s.CallSites.Add(p);
                }
                s.Parens.Add(p);
                n = p;
            }
            else if (p != null) n = p;
            return n;
        };
        s.Mark = mark;
        Edit.Children(s.Fn, mark);
    }

    /// <summary>Models inlClosureState.unparenthesize.</summary>
    private static void Unparenthesize(ClosureState s)
    {
        if (s.Parens.Count == 0) return;
        Func<Node, Node>? unparen = null;
        unparen = n =>
        {
            while (n is ParenExpr p) n = p.X;
            Edit.Children(n, unparen!);
            return n;
        };
        Edit.Children(s.Fn, unparen);
    }

    /// <summary>Models inline.inlineCallCheck: (might inline, is intrinsic).</summary>
    private (bool MightInline, bool IsIntrinsic) InlineCallCheck(Func caller, CallExpr call)
    {
        if (_opts.LowerL == 0) return (false, false);
        if (call.Op != Op.OCALLFUNC) return (false, false);
        if (_opts.Checkptr != 0 && call.Fun is { Op: Op.OMETHEXPR } && IrUtil.MethodExprName(call.Fun) is { } method
            && method.Sym.Pkg?.Path == "reflect" && method.Sym.Name is "Value.UnsafeAddr" or "Value.Pointer")
            return (false, false);
        if (IrUtil.StaticCalleeName(call.Fun!) is { } fn && fn.Sym.Pkg?.Path == "internal/abi"
            && fn.Sym.Name.StartsWith("EscapeNonString[", StringComparison.Ordinal))
            return (false, true);
        if (Intrinsics.IsIntrinsicCall(call, _opts)) return (false, true);
        return (true, false);
    }

    /// <summary>Models inline.InlineCallTarget.</summary>
    private Func? InlineCallTarget(Func caller, CallExpr call)
    {
        if (!InlineCallCheck(caller, call).MightInline) return null;
        return CallSite.InlCallee(this, caller, call.Fun!, resolveOnly: true);
    }

    /// <summary>Models inline.TryInlineCall.</summary>
    private InlinedCallExpr? TryInlineCall(Func caller, CallExpr call, bool bigCaller, bool closureCalledOnce)
    {
        if (!InlineCallCheck(caller, call).MightInline) return null;
        if (CallSite.InlCallee(this, caller, call.Fun!, resolveOnly: false) is { Inl: not null } fn)
            return MkInlCall(caller, call, fn, bigCaller, closureCalledOnce);
        return null;
    }

    /// <summary>The call's inlining index and innermost position.</summary>
    private (int Index, XPos Inner) InlPos(CallExpr call) => _inlPos.TryGetValue(call, out var p) ? p : (-1, call.Pos);

    private static bool SamePos(XPos a, XPos b) => a.Line == b.Line && a.Col == b.Col && a.File == b.File && a.Index == b.Index;

    /// <summary>Models inline.canInlineCallExpr (logging only -m=2's "repeated recursive cycle").</summary>
    private bool CanInlineCallExprAt(Func caller, CallExpr n, Func callee, bool bigCaller, bool closureCalledOnce)
    {
        if (!CallSite.CanInlineCallExpr(this, caller, n, callee, bigCaller, closureCalledOnce)) return false;
        var (parent, inner) = InlPos(n);
        // the call site itself appears among the positions it was inlined at: a recursive call
        for (int i = parent; i >= 0; i = _inlTree[i].Parent)
            if (SamePos(_inlTree[i].Pos, inner)) return false;
        for (int i = parent; i >= 0; i = _inlTree[i].Parent)
        {
            if (_inlTree[i].Fn == callee)
            {
                if (_opts.M > 1) _print?.Invoke(n.Pos, $" cannot inline {DiagName(callee)} into {Func.FuncName(caller)}: repeated recursive cycle");
                return false;
            }
        }
        return true;
    }

    private void Skip(string reason) => Skipped[reason] = Skipped.GetValueOrDefault(reason) + 1;

    /// <summary>Models inline.mkinlcall.</summary>
    private InlinedCallExpr? MkInlCall(Func caller, CallExpr n, Func fn, bool bigCaller, bool closureCalledOnce)
    {
        if (!CanInlineCallExprAt(caller, n, fn, bigCaller, closureCalledOnce)) return null;
        if (fn.Inl!.PristineBody == null) { Skip("callee has no pristine body"); return null; }

        var (parent, inner) = InlPos(n);
        _inlTree.Add(new InlinedCall(parent, inner, fn));
        int inlIndex = _inlTree.Count - 1;
        if (_opts.M != 0) _print?.Invoke(n.Pos, $" inlining call to {DiagName(fn)}");
        InlinedCalls?.Add(new InlinedCallRecord(n.Pos, Func.FuncName(caller), DiagName(fn)));
        var root = caller;
        while (root.ClosureParent != null) root = root.ClosureParent;
        _dirtyOracles.Add(root); // the caller's assignments changed: its reassignment oracle is rebuilt on next use
        return InlineCall(caller, n, fn, inlIndex);
    }

    /// <summary>
    /// Models noder.unifiedInlineCall: the OINLCALL for a call of fn. Its Init declares the callee's parameters as
    /// fresh locals of the caller assigned from the arguments (one OAS2, receiver first), zeroes the results unless
    /// they can be declared at the one return (CanDelayResults), and marks the inlining; its Body is a fresh copy of
    /// fn's pristine body where each return assigns the results and jumps to the ".iN" label at the end.
    /// </summary>
    private InlinedCallExpr InlineCall(Func caller, CallExpr call, Func fn, int inlIndex)
    {
        var info = fn.Inl!;
        var pos = call.Pos;
        int gen = _inlgen++;
        // the pristine names belong to the declaring package's Func (fn may be an importer's name for it)
        var copy = new BodyCopy(info.PristineOwner!, old => new Name(pos, LocalSym(old.Sym), old.Type, old.Class is Class.PPARAM or Class.PPARAMOUT ? Class.PAUTO : old.Class)
        {
            Curfn = caller,
            Addrtaken = old.Addrtaken,
            AutoTemp = old.AutoTemp,
            Esc = old.Esc,
        }, pos, l => new IrSym(l.Pkg, $"~{l.Name}·{gen}"))
        {
            OnCall = (o, c) => _inlPos[c] = (inlIndex, InnerOf(o)),
            Parent = caller,
            Subst = ClosureVarsOf(fn),
            ClosureSym = (lit, outer, n, range) => InlinedClosureSym(caller, fn, outer, n, range),
            OnClosure = NewClosures.Add,
        };

        var sig = fn.Signature;
        int endParams = (sig.Recv != null ? 1 : 0) + sig.Params.Count;
        int endResults = endParams + sig.Results.Count;
        var pdcl = info.PristineDcl!;
        var inlvars = new List<Name>(endParams);
        var retvars = new List<Name>(endResults - endParams);
        for (int i = 0; i < endResults; i++) (i < endParams ? inlvars : retvars).Add(copy.MapName(pdcl[i]));

        var body = copy.List(info.PristineBody!);
        copy.FixDefns();

        // caller's Dcl: the callee's declarations in order (params and results always, locals that the body uses)
        for (int i = 0; i < pdcl.Count; i++)
            if (i < endResults || copy.IsMapped(pdcl[i])) caller.Dcl.Add(copy.MapName(pdcl[i]));
        foreach (var extra in copy.MappedNotIn(pdcl)) caller.Dcl.Add(extra);

        int label = _labels.GetValueOrDefault(caller);
        _labels[caller] = label + 1;
        var retlabel = new IrSym(null, ".i" + label);
        bool delay = info.CanDelayResults;

        Func<Node, Node>? edit = null;
        edit = x =>
        {
            if (x is ReturnStmt ret) x = InlReturn(ret, retvars, retlabel, delay, pos);
            Edit.Children(x, edit!);
            return x;
        };
        for (int i = 0; i < body.Count; i++) body[i] = edit(body[i]);

        var init = new List<Node>(call.Init);
        call.Init.Clear();
        if (call.Op == Op.OCALLFUNC) CalleeEffects(init, call.Fun!);

        var as2 = new AssignListStmt(Op.OAS2, pos, [.. inlvars], [.. call.Args]) { Def = true };
        foreach (var name in inlvars)
        {
            if (name.IsBlank) continue;
            as2.Init.Add(new Decl(pos, name));
            name.Defn = as2;
        }
        init.Add(as2);
        if (!delay)
        {
            foreach (var name in retvars)
            {
                init.Add(new Decl(pos, name));
                init.Add(new AssignStmt(pos, name, null));
            }
        }
        init.Add(new InlineMarkStmt(pos, inlIndex));

        body.Add(new LabelStmt(pos, retlabel));
        var res = new InlinedCallExpr(pos, body, [.. retvars]) { Type = call.Type };
        res.Init.AddRange(init);
        return res;
    }

    /// <summary>An inlined closure's closure variables, each replaced by the caller's variable it captures
    /// (unifiedInlineCall: r.closureVars[i] = cv.Outer; inlCallee only offers closures whose variables are the caller's).</summary>
    private static Dictionary<Name, Name>? ClosureVarsOf(Func fn)
    {
        var owner = fn.Inl!.PristineOwner ?? fn;
        if (owner.ClosureVars.Count == 0) return null;
        var d = new Dictionary<Name, Name>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < owner.ClosureVars.Count; i++) d[owner.ClosureVars[i]] = fn.ClosureVars[i].Outer!;
        return d;
    }

    /// <summary>
    /// Models ir.closureName for a literal read in an inlined body (inlClosureFunc): one at the body's top level is
    /// named after the inlined function (InlTree.InlinedFuncName, its package), one nested in a copied literal after
    /// that literal (its position is not inline-adjusted); ".funcN" inside a declared function, ".N" inside a closure,
    /// "-rangeN" for range-over-func bodies. gc's "#hash#" suffix is left out (DiagName trims it).
    /// </summary>
    private static IrSym InlinedClosureSym(Func caller, Func inlined, Func outer, int gen, bool range)
    {
        var named = outer == caller ? inlined : outer;
        string suffix = range ? "-range" : outer.OClosure == null ? ".func" : ".";
        return new IrSym(named.Sym.Pkg, named.Sym.Name + suffix + gen.ToString(System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>
    /// The symbol of a copied name: the reader makes the names of unnamed parameters and results ("~r0", "~p0")
    /// with typecheck.LookupNum in the package being compiled, so they print unqualified; named ones keep their
    /// package ("bytes.b").
    /// </summary>
    private static IrSym LocalSym(IrSym sym)
        => sym.Name.StartsWith('~') && TypeFmt.Compiling is { } c && sym.Pkg is { } p && p.Path != c.Path ? sym with { Pkg = c } : sym;

    /// <summary>The innermost position of a call in a pristine body (itself a copy at the source's positions).</summary>
    private XPos InnerOf(CallExpr pristine) => pristine.Pos;

    /// <summary>Models reader.inlReturn: "return x, y" becomes "~r0, ~r1 = x, y; goto .iN".</summary>
    private static BlockStmt InlReturn(ReturnStmt ret, List<Name> retvars, IrSym retlabel, bool delay, XPos pos)
    {
        var block = new List<Node>(ret.Init);
        ret.Init.Clear();
        if (ret.Results.Count != 0)
        {
            // a multi-value call returned as is ("return f()") assigns like "a, b = f()" (typecheck.Stmt: OAS2FUNC)
            var op = ret.Results.Count == 1 && retvars.Count > 1 ? Op.OAS2FUNC : Op.OAS2;
            var as2 = new AssignListStmt(op, pos, [.. retvars], [.. ret.Results]);
            if (delay)
            {
                foreach (var name in retvars)
                {
                    block.Add(new Decl(pos, name));
                    name.Defn = as2;
                }
            }
            block.Add(as2);
        }
        block.Add(new BranchStmt(Op.OGOTO, pos, retlabel));
        return new BlockStmt(pos, block);
    }

    /// <summary>Models inline.CalleeEffects: the callee expression's side effects move to the inlined call's init.</summary>
    private static void CalleeEffects(List<Node> init, Node callee)
    {
        while (true)
        {
            init.AddRange(callee.Init);
            callee.Init.Clear();
            switch (callee)
            {
                case Name or ClosureExpr or SelectorExpr { Op: Op.OMETHEXPR }: return;
                case ConvExpr { Op: Op.OCONVNOP } conv: callee = conv.X; break;
                case ParenExpr p: callee = p.X; break;
                case InlinedCallExpr ic:
                    init.AddRange(ic.Body);
                    ic.Body.Clear();
                    callee = ic.SingleResult();
                    break;
                default: throw new InvalidOperationException($"unexpected callee expression: {callee}");
            }
        }
    }

    /// <summary>
    /// Keeps fn's body as CanInline saw it, for call-site inlining (gc re-reads the inline body from export data):
    /// a deep copy with its own names; its function literals are copied too (templates: no pass sees them).
    /// </summary>
    private static void KeepPristineBody(Func fn)
    {
        var copy = new BodyCopy(fn, old => new Name(old.Pos, old.Sym, old.Type, old.Class)
        {
            Curfn = fn,
            Addrtaken = old.Addrtaken,
            AutoTemp = old.AutoTemp,
            Esc = old.Esc,
        }, null, l => l);
        var dcl = fn.Dcl.ConvertAll(copy.MapName);
        var body = copy.List(fn.Body);
        copy.FixDefns();
        foreach (var extra in copy.MappedNotIn(fn.Dcl)) dcl.Add(extra);
        fn.Inl!.PristineDcl = dcl;
        fn.Inl.PristineBody = body;
        fn.Inl.PristineOwner = fn;
    }
}
