using GoEscape.IR;

namespace GoEscape.Inline;

/// <summary>Call-site rules shared by the cost model and call-site inlining (inl.go).</summary>
internal static class CallSite
{
    /// <summary>
    /// Models inline.inlCallee: the function a call's target statically denotes (through single-assignment locals),
    /// or null. resolveOnly skips computing the inlinability of a closure target.
    /// </summary>
    public static Func? InlCallee(Inliner inl, Func caller, Node fn, bool resolveOnly)
    {
        fn = inl.Oracle(caller).StaticValue(fn);
        switch (fn)
        {
            case SelectorExpr { Op: Op.OMETHEXPR } me:
                {
                    var n = IrUtil.MethodExprName(me);
                    // Check that the receiver type matches fn.X (implicit dereference is not handled).
                    if (n?.Type?.Recv == null || !Identical(n.Type.Recv.Type, me.X.Type)) return null;
                    return n.Func;
                }
            case Name { Class: Class.PFUNC } name:
                return name.Func;
            case ClosureExpr c:
                {
                    var cf = c.Func;
                    // the inliner doesn't support inlining across closure frames
                    if (cf.ClosureVars.Count != 0 && cf.ClosureVars[0].Outer?.Curfn != caller) return null;
                    if (!resolveOnly) inl.CanInline(cf);
                    return cf;
                }
        }
        return null;
    }

    /// <summary>
    /// types.Identical for a method's receiver type (T or *T, T declared at package level): each package's lowering
    /// has its own IR types, so a named type is identified by its package path and name (with type arguments), not
    /// by reference as within one package (IrUtil.Identical).
    /// </summary>
    internal static bool Identical(IrType? a, IrType? b)
    {
        if (a?.Sym != null && b?.Sym != null) return a.Kind == b.Kind && a.Sym.Name == b.Sym.Name && a.Sym.Pkg?.Path == b.Sym.Pkg?.Path;
        if (a is { Kind: Kind.TPTR, Sym: null } && b is { Kind: Kind.TPTR, Sym: null }) return Identical(a.Elem, b.Elem);
        return IrUtil.Identical(a, b);
    }

    /// <summary>
    /// Models inline.canInlineCallExpr before any inlining (the cost model's use): the callee is inlinable, cheap
    /// enough for this call site (inlineCostOK), and not a direct recursion. (Instrumented builds and -d=checkptr's
    /// runtime exclusions apply with those flags.)
    /// </summary>
    public static bool CanInlineCallExpr(Inliner inl, Func caller, CallExpr n, Func callee, bool bigCaller, bool closureCalledOnce)
    {
        if (callee.Inl == null) return false;
        if (!InlineCostOK(callee, bigCaller, closureCalledOnce)) return false;
        var opts = inl.Options;
        string calleePkg = callee.Sym.Pkg?.Path ?? "";
        if (opts.Race && IsNoInstrumentPkg(calleePkg)) return false;
        if (opts.Checkptr != 0 && IsRuntimePkg(calleePkg)) return false;
        return true;
    }

    /// <summary>Models inline.inlineCostOK without PGO: the callee's cost against 80 (20 in a big caller), doubled for
    /// closures, at least 800 for a closure called once.</summary>
    public static bool InlineCostOK(Func callee, bool bigCaller, bool closureCalledOnce)
    {
        int maxCost = bigCaller ? InlineBudget.BigFunctionMaxCost : InlineBudget.MaxBudget;
        if (callee.ClosureParent != null)
        {
            maxCost *= 2; // favor inlining closures
            if (closureCalledOnce) maxCost = Math.Max(maxCost, InlineBudget.ClosureCalledOnceCost);
        }
        return callee.Inl!.Cost <= maxCost;
    }

    /// <summary>types.IsNoInstrumentPkg (base.NoInstrumentPkgs).</summary>
    private static bool IsNoInstrumentPkg(string path) => path is "runtime" or "internal/runtime/atomic" or "internal/runtime/exithook"
        or "internal/runtime/gc" or "internal/runtime/maps" or "internal/runtime/math" or "internal/runtime/strconv"
        or "internal/runtime/sys" or "internal/runtime/syscall" or "runtime/race" or "runtime/msan" or "runtime/asan"
        or "internal/cpu" or "internal/abi" or "internal/goarch" or "internal/godebugs" or "internal/goexperiment"
        or "internal/goos" or "internal/bytealg" or "internal/byteorder" or "internal/chacha8rand" or "internal/coverage/rtcov"
        or "internal/stringslite";

    /// <summary>types.IsRuntimePkg.</summary>
    private static bool IsRuntimePkg(string path) => path == "runtime";
}
