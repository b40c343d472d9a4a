namespace GoEscape.Inline;

// Inlining, after gc 1.27's cmd/compile/internal/inline (inl.go) and inline/interleaved.
//
// gc decides inlinability once per function, before any call is inlined (inline.CanInlineFuncs): bottom-up over
// the static call graph's strongly connected components, each function's body is walked by the "hairy visitor",
// which charges one unit per IR node, with adjustments per op (a call costs 57 more unless the callee is itself
// inlinable, when it costs the callee's own cost; a panic 1 more; a closure 15 more; a conversion that makes no
// code nothing; ...), and gives up at once on what it cannot inline (recover, go, defer, calls of
// GetCallerPC/GetCallerSP, ...). A function whose cost stays within the budget of 80 gets an ir.Inline with that
// cost; importers read it from export data, so the cost of a call into another package depends on the callee's
// cost as its own package computed it.
//
// Because the cost is counted in gc's IR nodes, it is only right when our IR has exactly gc's nodes for each
// construct (implicit conversions, temporaries, init lists, the empty block of an empty body, ...): the lowering
// (GoEscape.IR.Lowering) builds that shape; `tools/differential --inline` measures the agreement over std.
//
// Files:
//   Inline.cs        this essay, the options and gc's constants
//   CanInline.cs     CanInlineFuncs, CanInline, InlineImpossible, canDelayResults, IsBigFunc (inl.go)
//   HairyVisitor.cs  the cost model (inl.go hairyVisitor.doNode)
//   CallSite.cs      inlCallee, inlineCostOK, canInlineCallExpr (inl.go)
//   Interleaved.cs   call-site inlining: DevirtualizeAndInlinePackage's worklist (inline/interleaved), inlineCallCheck,
//                    TryInlineCall, mkinlcall (inl.go), unifiedInlineCall and inlReturn (noder/reader.go)
//   BodyCopy.cs      a body copied with fresh names (what gc gets by re-reading an inline body from export data)
//   Edit.cs          ir.EditChildren
//   Intrinsics.cs    the calls the SSA back end replaces with instructions (ssagen.IsIntrinsicCall)

/// <summary>The flags that change inlining decisions, as gc reads them.</summary>
public sealed record InlineOptions
{
    /// <summary>
    /// gc's Flag.LowerL after its normalization in gc.Main: 1 by default (inlining on), 0 with -l (off); -l=2 and -l=3
    /// are on as 1 is; -l=4 charges 1 instead of 57 for a call that is not inlined.
    /// </summary>
    public int LowerL { get; init; } = 1;
    /// <summary>-m level: 0 silent, 1 "can inline F", 2 with costs, bodies and reasons.</summary>
    public int M { get; init; }
    /// <summary>-d=checkptr.</summary>
    public int Checkptr { get; init; }
    /// <summary>-race.</summary>
    public bool Race { get; init; }
    /// <summary>-d=inlfuncswithclosures (1 by default: functions containing closures may be inlined).</summary>
    public int InlFuncsWithClosures { get; init; } = 1;
    /// <summary>Call-site inlining (the interleaved pass) runs after CanInlineFuncs: inlinable functions keep a
    /// pristine copy of their body.</summary>
    public bool CallSites { get; init; }
    /// <summary>GOARCH, for the intrinsics table and for the loads that can be merged (CanMergeLoads).</summary>
    public string GoArch { get; init; } = "amd64";
}

/// <summary>gc 1.27's inlining constants (inl.go).</summary>
public static class InlineBudget
{
    public const int MaxBudget = 80;
    public const int ExtraAppendCost = 0;
    /// <summary>The extra cost of a call that is not inlined (inlineExtraCallCost).</summary>
    public const int ExtraCallCost = 57;
    /// <summary>Calling a parameter costs only this much extra (inlineParamCallCost).</summary>
    public const int ParamCallCost = 17;
    public const int ExtraPanicCost = 1;
    public const int ExtraThrowCost = MaxBudget;
    public const int BigFunctionNodes = 5000;
    public const int BigFunctionMaxCost = 20;
    public const int ClosureCalledOnceCost = 10 * MaxBudget;
}
