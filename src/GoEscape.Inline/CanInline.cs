using GoEscape.IR;

namespace GoEscape.Inline;

/// <summary>One inlinability decision (CanInline): the function, where gc reports it, and its cost or the reason it cannot be inlined.</summary>
public sealed record InlineDecision(XPos Pos, string Func, bool CanInline, int Cost, string? Reason);

/// <summary>One inlined call (where -m prints "inlining call to CALLEE"): the call's position, the function it was
/// inlined into (ir.FuncName) and the callee as -m names it.</summary>
public sealed record InlinedCallRecord(XPos Pos, string Caller, string Callee);

/// <summary>
/// Inlinability of a package's functions (models inline.CanInlineFuncs, CanInline, InlineImpossible, inlineBudget,
/// canDelayResults, pruneUnusedAutos, IsBigFunc). Reports go to <c>print(pos, rest)</c>, which writes
/// "POS:REST" as gc's fmt.Printf does, in gc's order (bottom-up over the call graph).
/// </summary>
public sealed partial class Inliner
{
    private readonly InlineOptions _opts;
    private readonly Action<XPos, string>? _print;
    private readonly Dictionary<Func, ReassignOracle> _oracles = new(ReferenceEqualityComparer.Instance);

    public Inliner(InlineOptions opts, Action<XPos, string>? print)
    {
        _opts = opts;
        _print = opts.M > 0 ? print : null;
    }

    public InlineOptions Options => _opts;

    /// <summary>When set, each inlinability decision is recorded here, where -m=2 prints its "can inline" or "cannot
    /// inline" line (whatever the -m level), for GoEscape's own report.</summary>
    public List<InlineDecision>? Decisions { get; init; }

    /// <summary>When set, each inlined call is recorded here (where -m prints "inlining call to"), for GoEscape's own
    /// report (goescape diff's "call no longer inlined").</summary>
    public List<InlinedCallRecord>? InlinedCalls { get; init; }

    /// <summary>The text after "as: " in -m=2's "can inline" line (gc's "%v { %v }" of the type and body).</summary>
    public Func<Func, string> BodyText { get; init; } = Fmt.InlineBody;

    /// <summary>Models inline.CanInlineFuncs: nothing with -l; else CanInline bottom-up over the SCCs.</summary>
    public void CanInlineFuncs(IReadOnlyList<Func> funcs)
    {
        if (_opts.LowerL == 0) return;
        Scc.VisitFuncsBottomUp(funcs, (list, _) =>
        {
            foreach (var fn in list)
            {
                try
                {
                    CanInline(fn);
                }
                catch (Exception e) when (e is not InternalErrorException)
                {
                    throw new InternalErrorException(null, fn.Sym.Name, e);
                }
            }
        });
    }

    /// <summary>Models inline.CanInline: sets fn.Inl when fn can be inlined, and reports either way.</summary>
    public void CanInline(Func fn)
    {
        string? reason = InlineImpossible(fn);
        if (reason != null)
        {
            CannotInline(fn, reason);
            return;
        }
        if (fn.InlinabilityChecked) return;
        fn.InlinabilityChecked = true;

        int cc = _opts.LowerL == 4 ? 1 : GoEscape.Inline.InlineBudget.ExtraCallCost;
        int budget = Budget(fn);
        var v = new HairyVisitor(this, fn, IsBigFunc(fn), budget, cc);
        if (v.TooHairy(fn))
        {
            CannotInline(fn, v.Reason!);
            return;
        }
        int cost = budget - v.Budget;
        fn.Inl = new InlineInfo
        {
            Cost = cost,
            Dcl = PruneUnusedAutos(fn.Dcl, v),
            CanDelayResults = CanDelayResults(fn),
        };
        if (_opts.CallSites) KeepPristineBody(fn);
        NoteInlinableFunc(fn, cost);
    }

    private void CannotInline(Func fn, string reason)
    {
        if (_opts.M > 1) _print?.Invoke(Line(fn), $" cannot inline {DiagName(fn)}: {reason}");
        Decisions?.Add(new InlineDecision(Line(fn), DiagName(fn), false, 0, reason));
    }

    /// <summary>Models inline.noteInlinableFunc.</summary>
    private void NoteInlinableFunc(Func fn, int cost)
    {
        Decisions?.Add(new InlineDecision(Line(fn), DiagName(fn), true, cost, null));
        if (_print == null) return;
        if (_opts.M > 1) _print(Line(fn), $" can inline {DiagName(fn)} with cost {cost} as: {BodyText(fn)}");
        else _print(Line(fn), $" can inline {DiagName(fn)}");
    }

    /// <summary>ir.Line(fn): where gc reports a function.</summary>
    private static XPos Line(Func fn) => fn.DeclPos.IsKnown ? fn.DeclPos : fn.Pos;

    /// <summary>Models ir.Name.DiagName: the symbol without the inlining hash.</summary>
    private static string DiagName(Func fn)
        => fn.Sym.Pkg is { } p && !TypeFmt.IsCompiling(p) && p != IrPkg.Builtin && p.Name.Length > 0 ? p.Name + "." + fn.Sym.Name : fn.Sym.Name;

    /// <summary>Models inline.inlineBudget (no PGO, no new inliner): 80, more for SIMD signatures, at least 800 for closures.</summary>
    private static int Budget(Func fn)
    {
        int budget = GoEscape.Inline.InlineBudget.MaxBudget;
        if (fn.ClosureParent != null) budget = Math.Max(budget, GoEscape.Inline.InlineBudget.ClosureCalledOnceCost);
        return budget;
    }

    /// <summary>Models inline.InlineImpossible: a reason fn can never be inlined, whatever its body, or null.</summary>
    public string? InlineImpossible(Func fn)
    {
        var p = fn.Pragma;
        if ((p & Pragma.Noinline) != 0) return "marked go:noinline";
        if (_opts.Race && (p & Pragma.Norace) != 0) return "marked go:norace with -race compilation";
        if (_opts.Checkptr != 0 && (p & Pragma.NoCheckPtr) != 0) return "marked go:nocheckptr";
        if ((p & Pragma.CgoUnsafeArgs) != 0) return "marked go:cgo_unsafe_args";
        if ((p & Pragma.UintptrKeepAlive) != 0) return "marked as having a keep-alive uintptr argument";
        if ((p & Pragma.UintptrEscapes) != 0) return "marked as having an escaping uintptr argument";
        if ((p & Pragma.Yeswritebarrierrec) != 0) return "marked go:yeswritebarrierrec";
        // A local function without a body (assembly, linkname) cannot be inlined; an imported one can when its
        // package exported an inline body (typecheck.HaveInlineBody).
        if (fn.Nname.Defn == fn ? !fn.HasBody : fn.Inl == null) return "no function body";
        return null;
    }

    /// <summary>Models inline.canDelayResults: exactly one return statement, not empty, and unnamed results.</summary>
    private static bool CanDelayResults(Func fn)
    {
        int nreturns = 0;
        Walk.VisitList(fn.Body, n =>
        {
            if (n is ReturnStmt r)
            {
                nreturns++;
                if (r.Results.Count == 0) nreturns++; // an empty return (#44355)
            }
        });
        if (nreturns != 1) return false;
        foreach (var res in fn.Signature.Results)
            if (res.Sym is { } s && !s.IsBlank && !s.Name.StartsWith('~')) return false;
        return true;
    }

    /// <summary>Models inline.pruneUnusedAutos: the Dcl entries the body still uses (params and results always).</summary>
    private static List<Name> PruneUnusedAutos(List<Name> dcl, HairyVisitor v)
    {
        var s = new List<Name>(dcl.Count);
        foreach (var n in dcl)
        {
            if (n.Class == Class.PAUTO && !v.UsedLocals.Contains(n)) continue;
            s.Add(n);
        }
        return s;
    }

    /// <summary>
    /// Models inline.IsBigFunc: more than 5,000 nodes, counting the "a, b = f()" temporaries of unified IR as the
    /// hairy visitor does.
    /// </summary>
    public static bool IsBigFunc(Func fn)
    {
        int budget = GoEscape.Inline.InlineBudget.BigFunctionNodes;
        return Walk.Any(fn, n =>
        {
            if (n is AssignListStmt { Op: Op.OAS2 } a && HairyVisitor.IsSpilledCallAssign(a)) budget += 4 * a.Lhs.Count + 1;
            budget--;
            return budget <= 0;
        });
    }

    /// <summary>The reassignment oracle of fn's outermost function (closures share their parent's).</summary>
    internal ReassignOracle Oracle(Func fn)
    {
        while (fn.ClosureParent != null) fn = fn.ClosureParent;
        if (_dirtyOracles.Remove(fn)) _oracles.Remove(fn);
        if (!_oracles.TryGetValue(fn, out var ro)) _oracles[fn] = ro = new ReassignOracle(fn);
        return ro;
    }
}
