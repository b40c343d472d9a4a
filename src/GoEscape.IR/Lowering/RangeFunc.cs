using GoEscape.Types;
using Syn = GoEscape.Syntax;

namespace GoEscape.IR.Lowering;

/// <summary>
/// Range-over-func loops, lowered to the IR gc's escape analysis sees after cmd/compile/internal/rangefunc rewrote
/// them on the syntax tree (models rangefunc.rewriter with the default -d=rangefunccheck=1):
/// <code>
///   { var #next int; var #defers = runtime.deferrangefunc()   // outermost loop only, when needed
///     var #stateN = RF_READY
///     #yieldK := func(x T) (#r bool) {                       // closure "F-rangeK"
///         #tmpState := #stateN; #stateN = RF_PANIC; if #tmpState != RF_READY { runtime.panicrangestate(#tmpState) }
///         body (break/continue/return/goto/defer rewritten)
///         #stateN = RF_READY; return true                     // dropped when the body terminates
///     }
///     X(#yieldK)
///     if #stateN == RF_PANIC { runtime.panicrangestate(RF_MISSING_PANIC) }; #stateN = RF_EXHAUSTED
///     checks of #next }
/// </code>
/// The variables gc creates keep its names and positions (#next, #defers and #yieldK have none; #stateN the
/// loop's; unnamed results renamed #rvN keep the result's), since escape analysis reports them.
/// </summary>
public sealed partial class Lowerer
{
    // abi.RF_State values
    private const int RfDone = 0, RfReady = 1, RfPanic = 2, RfExhausted = 3, RfMissingPanic = 4;
    private const int PerLoopStep = 2;

    /// <summary>Models rangefunc.rewriter: the state of one function (declared function or literal) with range-over-func loops.</summary>
    private sealed class RangeFuncRewriter(Func outer)
    {
        public Func Outer { get; } = outer;
        public List<RangeFuncLoop> ForStack { get; } = [];
        /// <summary>#next and #defers of the current outermost loop, in declaration order, with their initializers.</summary>
        public List<(Name Name, Node? Init)> OuterDecls { get; } = [];
        public Var? Next;
        public Var? Defers;
        public int StateVarCount;
        public int BodyClosureCount;
        public Dictionary<string, Syn.ForStmt?>? LabelLoop;
        public readonly Dictionary<(Syn.Token, string), int> BranchNext = [];
        public List<(Var Var, Name Name)>? Results;
    }

    /// <summary>Models rangefunc.forLoop.</summary>
    private sealed class RangeFuncLoop(Syn.ForStmt nfor, int depth)
    {
        public Syn.ForStmt For { get; } = nfor;
        public int Depth { get; } = depth;
        public Var StateVar = null!;
        public bool CheckRet, CheckBreak, CheckContinue;
        public readonly List<(Syn.Token Tok, string Label)> CheckBranch = [];
    }

    private readonly Dictionary<Func, RangeFuncRewriter> _rfRewriters = new(ReferenceEqualityComparer.Instance);
    /// <summary>Loop body closures, with their loop.</summary>
    private readonly Dictionary<Func, RangeFuncLoop> _rfBodies = new(ReferenceEqualityComparer.Instance);
    /// <summary>ir.Func.rangeLitGen: "-rangeN" closures are counted apart from "funcN" literals.</summary>
    private readonly Dictionary<Func, int> _rangeLitCount = new(ReferenceEqualityComparer.Instance);

    private bool IsRangeFunc(Syn.RangeClause rc)
    {
        var xt = TypeOf(rc.X);
        return (GoTypes.CoreType(xt) ?? xt.Underlying()) is Signature;
    }

    private bool IsRangeFuncLoop(Syn.Node n) => n is Syn.ForStmt { Init: Syn.RangeClause rc } && IsRangeFunc(rc);

    /// <summary>The rewriter of the function whose body _fn is part of (loop body closures belong to their function).</summary>
    private RangeFuncRewriter RangeFuncRewriterOf(Func fn)
    {
        while (_rfBodies.ContainsKey(fn)) fn = fn.ClosureParent!;
        if (!_rfRewriters.TryGetValue(fn, out var r)) _rfRewriters[fn] = r = new RangeFuncRewriter(fn);
        return r;
    }

    /// <summary>The innermost range-over-func loop whose body is being lowered (null outside of loop bodies).</summary>
    private RangeFuncLoop? CurrentRangeFuncLoop => _rfBodies.Count != 0 && _rfBodies.TryGetValue(_fn, out var l) ? l : null;

    // ---------------------------------------------------------------- helpers

    private static readonly IrPkg RuntimePkg = IrPkg.GoRuntime;

    private Var NewSyntheticVar(string name, IrType t, XPos pos, Func curfn, Class cls = Class.PAUTO)
    {
        var v = new Var(VarKind.LocalVar, default, _info.Package, name, null);
        _locals[v] = new Name(pos, LocalVarSym(name), t, cls) { Curfn = curfn };
        return v;
    }

    private Name SynName(Var v) => _locals[v];

    /// <summary>The symbol of a local variable or parameter the rewrite introduces: as DeclareLocal's (keep them
    /// alike: instantiated generic bodies print their locals qualified by the origin package).</summary>
    private IrSym LocalVarSym(string name) => new(_symPkg, name);

    private static BasicLit IntLit(XPos pos, int v) => new(pos, IrType.Int, IrConst.OfInt(v));
    private static BasicLit BoolLit(XPos pos, bool v) => new(pos, IrType.Bool, IrConst.OfBool(v));

    private Node SetVar(Var v, Syn.Pos pos, int val) => new AssignStmt(Pos(pos), LocalRef(v, pos), IntLit(Pos(pos), val));

    private static ReturnStmt ReturnBool(XPos pos, bool v) => new(pos, [BoolLit(pos, v)]);

    /// <summary>A call of a runtime helper (runtime.panicrangestate, runtime.deferrangefunc), as typecheck.LookupRuntime names it.</summary>
    private static CallExpr RuntimeCall(XPos pos, string name, IrType sig, List<Node> args, IrType? result)
    {
        var fn = new Name(default, new IrSym(RuntimePkg, name), sig, Class.PFUNC);
        _ = new Func(default, fn, local: false);
        return new CallExpr(Op.OCALLFUNC, pos, fn, args) { Type = result };
    }

    private static Node PanicRangeState(XPos pos, Node state)
        => RuntimeCall(pos, "panicrangestate", IrType.NewSignature(null, [new Field(new IrSym(null, "state"), IrType.Int)], []), [state], null);

    /// <summary>"if #v op c { thens }" (rewriter.ifNext and the state checks).</summary>
    private Node IfVar(Var v, Syn.Pos pos, Op op, int c, List<Node> thens)
        => new IfStmt(Pos(pos), new BinaryExpr(op, Pos(pos), LocalRef(v, pos), IntLit(Pos(pos), c)) { Type = IrType.Bool }, thens, []);

    /// <summary>Declares a local of the current function: var x = init (ODCL plus defining assignment).</summary>
    private Node DeclareSynthetic(Name n, XPos pos, Node? init)
    {
        n.Curfn!.Dcl.Add(n);
        var asn = new AssignStmt(pos, n, init) { Def = init != null };
        if (init != null) n.Defn = asn;
        asn.Init.Add(new Decl(pos, n));
        return asn;
    }

    /// <summary>Models rewriter.next: #next, declared with the outermost loop.</summary>
    private Var NextVar(RangeFuncRewriter rw)
    {
        if (rw.Next == null)
        {
            rw.Next = NewSyntheticVar("#next", IrType.Int, default, rw.Outer);
            rw.OuterDecls.Add((SynName(rw.Next), null));
        }
        return rw.Next;
    }

    // ---------------------------------------------------------------- the loop

    /// <summary>Lowers a range-over-func loop (models rewriter.startLoop/bodyFunc/endLoop).</summary>
    private void RangeFunc(Syn.ForStmt fs, Syn.RangeClause rc, List<Node> out1)
    {
        var rw = RangeFuncRewriterOf(_fn);
        bool outermost = rw.ForStack.Count == 0;
        if (outermost) rw.LabelLoop = null;
        var loop = new RangeFuncLoop(fs, rw.ForStack.Count + 1);
        var start = Pos(fs);
        var endSyn = fs.Body.Rbrace;
        var end = Pos(endSyn);
        loop.StateVar = NewSyntheticVar("#state" + ++rw.StateVarCount, IrType.Int, start, _fn);
        rw.ForStack.Add(loop);
        try
        {
            var xt = TypeOf(rc.X);
            var rfunc = (Signature)(GoTypes.CoreType(xt) ?? xt.Underlying());
            var yieldParamType = rfunc.Params.At(0).Type!;
            var ftyp = (Signature)(GoTypes.CoreType(yieldParamType) ?? yieldParamType.Underlying());

            var clo = BodyFunc(fs, rc, loop, ftyp, start);
            int yieldIndex = ++rw.BodyClosureCount; // counted as loops end (inner loops first)

            // Outside the body: declarations, the call of the iterator, the checks.
            // (#next exists by now if the outermost loop's checks need it: the edits that set CheckRet or
            // CheckBranch created it.)
            var list = new List<Node>();
            if (outermost)
            {
                foreach (var (n, init) in rw.OuterDecls) list.Add(DeclareSynthetic(n, start, init));
                rw.OuterDecls.Clear();
            }
            list.Add(DeclareSynthetic(SynName(loop.StateVar), start, IntLit(start, RfReady)));
            var yield = new Name(default, LocalVarSym("#yield" + yieldIndex), clo.Type, Class.PAUTO) { Curfn = _fn };
            list.Add(DeclareSynthetic(yield, start, clo));

            Node arg = yield;
            if (GoTypes.Unalias(yieldParamType) is Named) arg = new ConvExpr(Op.OCONVNOP, start, T(yieldParamType), yield) { Implicit = true };
            list.Add(IteratorCall(rc.X, fs.Pos, arg));

            list.Add(IfVar(loop.StateVar, endSyn, Op.OEQ, RfPanic, [PanicRangeState(end, IntLit(end, RfMissingPanic))]));
            list.Add(SetVar(loop.StateVar, endSyn, RfExhausted));
            list.AddRange(Checks(rw, loop, endSyn));
            if (outermost)
            {
                rw.Next = null;
                rw.Defers = null;
            }
            out1.AddRange(list);
        }
        finally
        {
            rw.ForStack.RemoveAt(rw.ForStack.Count - 1);
        }
    }

    /// <summary>
    /// X(#yieldK): the writer lowers the call like any other, so a method value X (range b.Each) becomes a method
    /// call with the receiver as first argument, and a callee with calls in it is spilled (RewriteNonNameCall).
    /// </summary>
    private Node IteratorCall(Syn.Expr x, Syn.Pos pos, Node arg)
    {
        var fun = Unparen(x);
        CallExpr call;
        if (fun is Syn.SelectorExpr se && _info.SelectionOf(se) is { Kind: SelectionKind.MethodVal })
        {
            call = (CallExpr)Call(new Syn.CallExpr { Fun = x, Pos = pos }, null);
            call.Args.Add(arg);
        }
        else call = new CallExpr(Op.OCALLFUNC, Pos(pos), Expr(x), [arg]);
        RewriteNonNameCall(call);
        return call;
    }

    /// <summary>Models rewriter.bodyFunc: the loop body as a closure func(params) (#r bool).</summary>
    private ClosureExpr BodyFunc(Syn.ForStmt fs, Syn.RangeClause rc, RangeFuncLoop loop, Signature ftyp, XPos start)
    {
        _rangeLitCount.TryGetValue(_fn, out int k);
        _rangeLitCount[_fn] = ++k;
        var nname = new Name(start, new IrSym(_types.LocalPkg, _fn.Sym.Name + "-range" + k), null, Class.PFUNC);
        var fn = new Func(start, nname) { ClosureParent = _fn, Dupok = _fn.Dupok }; // ir.NewClosureFunc: a closure of a dupok function is dupok

        var lhs = rc.Lhs == null ? [] : rc.Lhs is Syn.ListExpr le ? le.ElemList : [rc.Lhs];
        var pars = new List<Field>();
        var assigns = new List<(Syn.Expr Lhs, Name Param, GoType Type)>();
        for (int i = 0; i < ftyp.Params.Len; i++)
        {
            var pt = ftyp.Params.At(i).Type!;
            Var? pv = null;
            XPos ppos = start;
            string pname;
            if (i < lhs.Count && rc.Def && Unparen(lhs[i]) is Syn.Name ln)
            {
                // Reuse the range variable as the parameter.
                pv = _info.DefOf(ln) as Var;
                ppos = Pos(ln);
                pname = pv?.Name ?? ln.Value;
            }
            else pname = "#p" + (i + 1);
            bool anon = pname is "" or "_";
            var irName = anon ? "~p" + i : pname;
            var t = T(pt);
            var n = new Name(ppos, LocalVarSym(irName), t, Class.PPARAM) { Curfn = fn };
            fn.Dcl.Add(n);
            if (pv != null) _locals[pv] = n;
            pars.Add(new Field(pname.Length == 0 ? null : new IrSym(null, pname), t, ppos) { Nname = n });
            if (!(i < lhs.Count && rc.Def) && i < lhs.Count) assigns.Add((lhs[i], n, pt));
        }
        var r = new Name(start, LocalVarSym("#r"), IrType.Bool, Class.PPARAMOUT) { Curfn = fn };
        fn.Dcl.Add(r);
        nname.Type = IrType.NewSignature(null, pars, [new Field(new IrSym(null, "#r"), IrType.Bool, start) { Nname = r }]);
        _resultTypes[fn] = [Universe.Typ[(int)BasicKind.Bool]];
        var clo = new ClosureExpr(start, fn) { Type = nname.Type };
        fn.OClosure = clo;
        _funcs.Add(fn);
        _rfBodies[fn] = loop;

        var saved = _fn;
        _fn = fn;
        try
        {
            // for expr1, expr2 = range f: the body starts with expr1, expr2 = #p1, #p2 (one assignment each).
            foreach (var (lx, p, pt) in assigns)
            {
                var pos = Pos(lx);
                var ux = Unparen(lx);
                if (ux is Syn.Name { Value: "_" }) continue;
                var dst = Expr(ux);
                var dt = TypeOf(ux);
                Node src = p;
                if (!GoTypes.Identical(pt, dt)) src = Conv(pos, p, pt, dt, true);
                fn.Body.Add(new AssignStmt(pos, dst, src));
            }
            // #tmpState := #stateN (no position); #stateN = RF_PANIC; if #tmpState != RF_READY { panicrangestate(#tmpState) }
            var tmp = NewSyntheticVar("#tmpState", IrType.Int, default, fn);
            fn.Body.Add(DeclareSynthetic(SynName(tmp), default, LocalRef(loop.StateVar, default)));
            fn.Body.Add(SetVar(loop.StateVar, fs.Pos, RfPanic));
            fn.Body.Add(IfVar(tmp, fs.Pos, Op.ONE, RfReady, [PanicRangeState(start, LocalRef(tmp, fs.Pos))]));

            fn.Body.AddRange(Block(fs.Body.List));

            // writer.stmts drops the trailing "#stateN = RF_READY; return true" after a terminating body.
            if (!BlockTerminates(fs.Body.List))
            {
                fn.Body.Add(SetVar(loop.StateVar, fs.Body.Rbrace, RfReady));
                fn.Body.Add(ReturnBool(Pos(fs.Body.Rbrace), true));
            }
        }
        finally { _fn = saved; }
        return clo;
    }

    /// <summary>Whether writer.stmts ends a statement list in dead code (so statements appended to it are dropped).</summary>
    private bool BlockTerminates(List<Syn.Stmt> stmts) => LiveStmts(stmts, null);

    /// <summary>Models rewriter.checks: what to do after the iterator returned, by #next.</summary>
    private List<Node> Checks(RangeFuncRewriter rw, RangeFuncLoop loop, Syn.Pos pos)
    {
        var list = new List<Node>();
        var xpos = Pos(pos);
        var seen = new HashSet<(Syn.Token, string)>();
        foreach (var br in loop.CheckBranch)
        {
            if (!seen.Add(br)) continue;
            var op = br.Tok switch { Syn.Token.Break => Op.OBREAK, Syn.Token.Continue => Op.OCONTINUE, _ => Op.OGOTO };
            list.Add(IfVar(NextVar(rw), pos, Op.OEQ, rw.BranchNext[br],
                [SetVar(NextVar(rw), pos, 0), new BranchStmt(op, xpos, LabelSym(br.Label))]));
        }
        int curLoop = loop.Depth - 1, curLoopIndex = curLoop - 1;
        if (rw.ForStack.Count == 1)
        {
            if (loop.CheckRet) list.Add(IfVar(NextVar(rw), pos, Op.OEQ, -1, [new ReturnStmt(xpos, [])]));
            return list;
        }
        var outerState = rw.ForStack[curLoopIndex].StateVar;
        if (loop.CheckRet)
            list.Add(IfVar(NextVar(rw), pos, Op.OLT, 0, [SetVar(outerState, pos, RfDone), ReturnBool(xpos, false)]));
        int depthStep = PerLoopStep * curLoop;
        list.Add(IfVar(NextVar(rw), pos, Op.OGT, depthStep, [PanicRangeState(xpos, IntLit(xpos, RfDone))]));
        if (loop.CheckContinue)
            list.Add(IfVar(NextVar(rw), pos, Op.OEQ, depthStep - 1,
                [SetVar(NextVar(rw), pos, 0), SetVar(outerState, pos, RfReady), ReturnBool(xpos, true)]));
        if (loop.CheckBreak)
            list.Add(IfVar(NextVar(rw), pos, Op.OEQ, depthStep,
                [SetVar(NextVar(rw), pos, 0), SetVar(outerState, pos, RfDone), ReturnBool(xpos, false)]));
        if (loop.CheckContinue || loop.CheckBreak)
            list.Add(IfVar(NextVar(rw), pos, Op.OGT, 0, [SetVar(outerState, pos, RfDone), ReturnBool(xpos, false)]));
        return list;
    }

    // ---------------------------------------------------------------- statements of loop bodies

    /// <summary>
    /// Models rewriter.editStmt for statements directly in a loop body (not in function literals in it): returns,
    /// branches leaving the body and defers. Returns false for statements lowered as usual.
    /// </summary>
    private bool RangeFuncStmt(Syn.Stmt s, List<Node> out1)
    {
        if (CurrentRangeFuncLoop == null) return false;
        var rw = RangeFuncRewriterOf(_fn);
        switch (s)
        {
            case Syn.ReturnStmt r:
                RangeFuncReturn(rw, r, out1);
                return true;
            case Syn.BranchStmt br:
                return RangeFuncBranch(rw, br, out1);
        }
        return false;
    }

    /// <summary>Models rewriter.editDefer: the defer is attached to the function's frame through #defers.</summary>
    private void RangeFuncDefer(Syn.CallStmt cs, GoDeferStmt g)
    {
        if (cs.Tok != Syn.Token.Defer || CurrentRangeFuncLoop == null) return;
        var rw = RangeFuncRewriterOf(_fn);
        if (rw.Defers == null)
        {
            rw.Defers = NewSyntheticVar("#defers", IrType.Any, default, rw.Outer);
            var init = RuntimeCall(default, "deferrangefunc", IrType.NewSignature(null, [], [new Field(new IrSym(null, "extra"), IrType.Any)]), [], IrType.Any);
            rw.OuterDecls.Add((SynName(rw.Defers), init));
        }
        g.DeferAt = LocalRef(rw.Defers, cs.Pos);
    }

    /// <summary>Models rewriter.editReturn: results are assigned to the (named) results, then #next = -1.</summary>
    private void RangeFuncReturn(RangeFuncRewriter rw, Syn.ReturnStmt r, List<Node> out1)
    {
        var pos = Pos(r);
        if (r.Results != null)
        {
            var results = OuterResults(rw);
            var exprs = r.Results is Syn.ListExpr le ? le.ElemList : [r.Results];
            var lhs = new List<Node>();
            foreach (var (v, _) in results) lhs.Add(LocalRef(v, r.Pos));
            var types = _resultTypes.TryGetValue(rw.Outer, out var rt) ? rt : [];
            var rs = MultiExpr(pos, i => i < types.Count ? types[i] : null, exprs, lhs.Count);
            AssignNodes(pos, [], lhs, rs, out1);
        }
        foreach (var l in rw.ForStack) l.CheckRet = true;
        out1.Add(SetVar(NextVar(rw), r.Pos, -1));
        out1.Add(SetVar(rw.ForStack[^1].StateVar, r.Pos, RfDone));
        out1.Add(ReturnBool(pos, false));
    }

    /// <summary>
    /// The results of the function with the loops, unnamed and blank ones renamed #rvN as
    /// types2.Signature.RenameResult does (its signature shows the new names too).
    /// </summary>
    private List<(Var, Name)> OuterResults(RangeFuncRewriter rw)
    {
        if (rw.Results != null) return rw.Results;
        var res = new List<(Var, Name)>();
        var fields = rw.Outer.Nname.Type!.Results;
        var byName = new Dictionary<Name, Var>(ReferenceEqualityComparer.Instance);
        foreach (var (v, n) in _locals) if (n.Curfn == rw.Outer && n.Class == Class.PPARAMOUT) byName[n] = v;
        for (int i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            var n = f.Nname ?? throw new NotSupportedException("range-over-func return: result without a name");
            if (f.Sym == null || f.Sym.IsBlank)
            {
                var sym = "#rv" + (i + 1);
                n.Sym = n.Sym with { Name = sym };
                f.Sym = new IrSym(null, sym);
            }
            res.Add((byName[n], n));
        }
        return rw.Results = res;
    }

    /// <summary>Models rewriter.editBranch; false when the branch stays as it is.</summary>
    private bool RangeFuncBranch(RangeFuncRewriter rw, Syn.BranchStmt x, List<Node> out1)
    {
        if (!RangeFuncBranchRewritten(rw, x)) return false;
        var stack = rw.ForStack;
        var targ = x.Target;
        int i = stack.Count - 1;
        while (i >= 0 && stack[i].For != targ) i--;
        int exitFrom = i + 1;
        int next;
        var pos = Pos(x);
        if (x.Tok == Syn.Token.Goto || i < 0)
        {
            var label = x.Label!.Value;
            var targLoop = LabelLoop(rw).GetValueOrDefault(label);
            next = BranchNext(rw, x.Tok, label);
            i = stack.Count - 1;
            while (i >= 0 && stack[i].For != targLoop) i--;
            exitFrom = i + 1;
            stack[exitFrom].CheckBranch.Add((x.Tok, label));
            for (int j = exitFrom + 1; j < stack.Count; j++) stack[j].CheckRet = true;
        }
        else
        {
            if (exitFrom == stack.Count)
            {
                // A break or continue of the innermost loop: return false/true.
                bool cont = x.Tok == Syn.Token.Continue;
                out1.Add(SetVar(stack[^1].StateVar, x.Pos, cont ? RfReady : RfDone));
                out1.Add(ReturnBool(pos, cont));
                return true;
            }
            if (x.Tok == Syn.Token.Continue) stack[exitFrom].CheckContinue = true;
            else
            {
                exitFrom = i;
                stack[exitFrom].CheckBreak = true;
            }
            for (int j = exitFrom + 1; j < stack.Count; j++) stack[j].CheckBreak = true;
            next = PerLoopStep * (i + 1);
            if (x.Tok == Syn.Token.Continue) next--;
        }
        out1.Add(SetVar(NextVar(rw), x.Pos, next));
        out1.Add(SetVar(stack[^1].StateVar, x.Pos, RfDone));
        out1.Add(ReturnBool(pos, false));
        return true;
    }

    /// <summary>Whether editBranch rewrites the branch (it then ends in a return: writer.terminates sees that).</summary>
    private bool RangeFuncBranchRewritten(RangeFuncRewriter rw, Syn.BranchStmt x)
    {
        if (x.Tok == Syn.Token.Fallthrough) return false;
        var stack = rw.ForStack;
        var targ = x.Target;
        if (x.Label == null && stack[^1].For != targ) return false;
        int i = stack.Count - 1;
        while (i >= 0 && stack[i].For != targ) i--;
        if (x.Tok == Syn.Token.Goto || i < 0)
            return stack[^1].For != LabelLoop(rw).GetValueOrDefault(x.Label!.Value);
        return true;
    }

    /// <summary>Hook for Terminates: a break/continue rewritten to a return terminates.</summary>
    private bool RangeFuncBranchTerminates(Syn.BranchStmt br)
        => CurrentRangeFuncLoop != null && RangeFuncBranchRewritten(RangeFuncRewriterOf(_fn), br);

    private int BranchNext(RangeFuncRewriter rw, Syn.Token tok, string label)
    {
        // The values only need to be distinct (gc numbers the labels in order: -4, -3, -2 for the first one...).
        if (!rw.BranchNext.TryGetValue((tok, label), out int v))
            rw.BranchNext[(tok, label)] = v = -4 - rw.BranchNext.Count;
        return v;
    }

    /// <summary>Models computeBranchNext's labelLoop: each label's innermost enclosing range-over-func loop (null: none).</summary>
    private Dictionary<string, Syn.ForStmt?> LabelLoop(RangeFuncRewriter rw)
    {
        if (rw.LabelLoop != null) return rw.LabelLoop;
        var map = new Dictionary<string, Syn.ForStmt?>(StringComparer.Ordinal);
        void Scan(Syn.Node root, Syn.ForStmt? cur)
        {
            Syn.Walker.Inspect(root, n =>
            {
                if (!ReferenceEquals(n, root) && IsRangeFuncLoop(n))
                {
                    Scan(n, (Syn.ForStmt)n);
                    return false;
                }
                if (n is Syn.LabeledStmt ls) map.TryAdd(ls.Label.Value, cur);
                return true;
            });
        }
        var top = rw.ForStack[0].For;
        Scan(top, top);
        return rw.LabelLoop = map;
    }
}
