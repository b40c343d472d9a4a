using GoEscape.IR;

namespace GoEscape.Escape;

// Escape analysis, after gc 1.27's cmd/compile/internal/escape.
//
// Here we analyze functions to determine which Go variables (including implicit allocations such as calls
// to new or make, composite literals, etc.) can be allocated on the stack. The two key invariants we have
// to ensure are: (1) pointers to stack objects cannot be stored in the heap, and (2) pointers to a stack
// object cannot outlive that object (e.g., because the declaring function returned and destroyed the
// object's stack frame, or its space is reused across loop iterations for logically distinct variables).
//
// We implement this with a static data-flow analysis of the IR. First, we construct a directed weighted
// graph where vertices (termed "locations") represent variables allocated by statements and expressions,
// and edges represent assignments between variables (with weights representing addressing/dereference
// counts). Next, we walk the graph looking for assignment paths that might violate the invariants stated
// above. If a variable v's address is stored in the heap or elsewhere that may outlive it, then v is
// marked as requiring heap allocation. To support interprocedural analysis, we also record data-flow from
// each function's parameters to the heap and to its result parameters. This information is summarized as
// "parameter tags" (see Leaks), which are used at static call sites to improve escape analysis of
// function arguments.
//
// Constructing the location graph: every allocating statement (e.g., variable declaration) or expression
// (e.g., "new" or "make") is first mapped to a unique "location". We also model every Go assignment as a
// directed edge between locations; the number of dereference operations minus the number of addressing
// operations is recorded as the edge's weight ("derefs"):
//
//     p = &q    // -1
//     p = q     //  0
//     p = *q    //  1
//     p = **q   //  2
//     p = **&**&q  // 2
//
// Note that the & operator can only be applied to addressable expressions, and "&x" itself is not
// addressable, so derefs cannot go below -1. Every Go language construct is lowered into this
// representation, generally without sensitivity to flow, path, or context; and without distinguishing
// elements within a compound variable. For example, "var x struct { f, g *int }; var u []*int; x.f = u[0]"
// is modeled simply as "x = *u": that is, we don't distinguish x.f from x.g, or u[0] from u[1], u[2], etc.
// However, we do record the implicit dereference involved in indexing a slice.
//
// Files: Escape.cs (batch driver, tags, reports), Graph.cs (locations, edges, holes), Solve.cs (the
// walk over the graph and -m=2 explanations), Leaks.cs (param tag encoding), Expr.cs, Stmt.cs, Call.cs,
// Assign.cs (building the graph from IR), Utils.cs (heap-allocation reasons, self-assignment).

/// <summary>Settings mirroring gc's flags that affect escape analysis and its diagnostics.</summary>
public sealed record EscapeOptions
{
    /// <summary>-m level: 0 silent, 1 decisions, 2 flow explanations, 3+ tracing (not implemented).</summary>
    public int M { get; init; }
    /// <summary>-d=checkptr level (0 unless -race/-msan/-asan or set).</summary>
    public int Checkptr { get; init; }
    /// <summary>-d=zerocopy (on by default in gc).</summary>
    public int ZeroCopy { get; init; } = 1;
    /// <summary>-d=escapemutationscalls.</summary>
    public int EscapeMutationsCalls { get; init; }
    /// <summary>-d=escapedebug.</summary>
    public int EscapeDebug { get; init; }
    /// <summary>-smallframes: smaller stack size limits (64 KiB explicit, 16 KiB implicit variables).</summary>
    public bool SmallFrames { get; init; }
    /// <summary>Compiling package runtime: escaping variables are errors.</summary>
    public bool CompilingRuntime { get; init; }
    /// <summary>-N: optimizations off (no deadlocals pass).</summary>
    public bool NoOptimize { get; init; }
    /// <summary>-json=0,DIR given (gc's logopt.Enabled()): record the optimization log, explanations included.</summary>
    public bool LogOpt { get; init; }
    /// <summary>GoEscape's own report (-format): record <see cref="EscapeRecord"/>s with their explanations into
    /// EscapeLog.Records. Changes no decision and no -m line.</summary>
    public bool Record { get; init; }
}

/// <summary>
/// One entry of gc's optimization log (logopt.LoggedOpt): where, what ("escape", "leak", "escflow", ...), the first
/// target as gc prints it (fmt.Sprint), and for escape decisions the explanation (the -m=2 flow as "escflow"
/// entries). LastPos differs from Pos only for ranges (loopvar's "loop-modified-for").
/// </summary>
public sealed record LoggedOpt(XPos Pos, XPos LastPos, string What, string? Target, IReadOnlyList<LoggedOpt>? Explanation = null)
{
    /// <summary>For an "escflow" entry: the function of the flow's source location (ir.FuncName), where known; gc's
    /// log has no such field (GcJson does not write it), GoEscape's own report does.</summary>
    public string? Func { get; init; }
}

/// <summary>What one <see cref="EscapeRecord"/> says: the kind of its -m line.</summary>
public enum EscapeRecordKind
{
    /// <summary>"moved to heap: x".</summary>
    MovedToHeap,
    /// <summary>"E escapes to heap" (an allocation that is not a declared variable).</summary>
    EscapesToHeap,
    /// <summary>"E does not escape".</summary>
    DoesNotEscape,
    /// <summary>"leaking param: p" (Derefs 0; also a function without body: NoBody).</summary>
    LeakingParam,
    /// <summary>"leaking param content: p" (Derefs &gt; 0).</summary>
    LeakingParamContent,
    /// <summary>"leaking param: p to result r level=N".</summary>
    LeakingParamToResult,
    /// <summary>"p does not escape" (a parameter with pointers that leaks nowhere).</summary>
    ParamDoesNotEscape,
}

/// <summary>
/// One decision of escape analysis as a structured record (recorded when <see cref="EscapeLog.Records"/> is set, for
/// GoEscape's own report): the -m line it is (<see cref="Message"/>, without the position), the function it is in,
/// the node's op, and the explanation that forces it (the first "escflow" path logged for it: the same steps -m=2
/// prints), or the parameter's tag. Recorded exactly where batch.finish and paramTag print their -m lines, so there is
/// one record per such line, whatever the -m level.
/// </summary>
/// <param name="Op">The allocation's or variable's op (ONAME for variables and parameters).</param>
/// <param name="Tag">For parameters: the encoded escape tag (Leaks.Encode), "" for none.</param>
/// <param name="Derefs">For leaks: the tag's derefs (heap or the result's level).</param>
/// <param name="Result">For a leak to a result: the result's name.</param>
/// <param name="NoBody">A function without body (assembly, linkname): its tags are assumed, not analyzed.</param>
public sealed record EscapeRecord(XPos Pos, EscapeRecordKind Kind, string Subject, string Message, string Func, Op Op,
    IReadOnlyList<LoggedOpt>? Flow, string? Tag = null, int Derefs = 0, string? Result = null, bool NoBody = false);

/// <summary>One line of compiler output, in emission order. Text is the full line as gc prints it.</summary>
public sealed record EscapeMessage(XPos Pos, string Text, bool IsError = false)
{
    public override string ToString() => Text;
}

/// <summary>Where escape analysis writes its -m output (gc flushes each -m warning immediately, so order is emission order).</summary>
public sealed class EscapeLog
{
    public List<EscapeMessage> Messages { get; } = [];

    /// <summary>gc's optimization log (-json), in emission order; null when it is off.</summary>
    public List<LoggedOpt>? Opts { get; init; }

    /// <summary>Structured decisions for GoEscape's own report (see <see cref="EscapeRecord"/>); null when off.</summary>
    public List<EscapeRecord>? Records { get; init; }

    /// <summary>Models logopt.LogOpt / LogOptRange.</summary>
    public void LogOpt(XPos pos, string what, string? target = null, IReadOnlyList<LoggedOpt>? explanation = null, XPos? last = null)
        => Opts?.Add(new LoggedOpt(pos, last ?? pos, what, target, explanation));

    /// <summary>Models base.WarnfAt: "pos: msg".</summary>
    public void Warn(XPos pos, string msg) => Messages.Add(new EscapeMessage(pos, pos.IsKnown ? $"{pos}: {msg}" : msg));
    public void Error(XPos pos, string msg) => Messages.Add(new EscapeMessage(pos, pos.IsKnown ? $"{pos}: {msg}" : msg, true));
    /// <summary>Models fmt.Printf("%s:%s\n", pos, text) used for -m=2 explanation lines.</summary>
    public void Print(XPos pos, string rest) => Messages.Add(new EscapeMessage(pos, $"{pos}:{rest}"));

    public IEnumerable<string> Lines => Messages.Select(m => m.Text);
}

/// <summary>Entry point: escape analysis over a package's functions.</summary>
public static class EscapeAnalysis
{
    /// <summary>
    /// Models escape.Funcs: analyzes all functions (including function literals) bottom-up over the call graph,
    /// one SCC batch at a time, and tags each function's parameters (Field.Note) for its callers.
    /// </summary>
    public static void Funcs(IReadOnlyList<Func> all, EscapeOptions opts, EscapeLog log)
    {
        var oracles = new Dictionary<Func, ReassignOracle>(ReferenceEqualityComparer.Instance);
        Scc.VisitFuncsBottomUp(all, (list, _) =>
        {
            try
            {
                Batch(list, oracles, opts, log);
            }
            catch (Exception e)
            {
                // a failure of ours names the batch's first function; the driver adds the package
                throw InternalErrorException.Wrap(null, list.Count > 0 ? list[0].Sym.Name : null, e);
            }
        });
    }

    /// <summary>Models escape.Batch: analyzes one set of mutually recursive functions (plus their closures).</summary>
    public static void Batch(List<Func> fns, Dictionary<Func, ReassignOracle> oracles, EscapeOptions opts, EscapeLog log)
        => new Batch(oracles, opts, log).Run(fns);
}

/// <summary>State of one analysis batch (escape.batch).</summary>
internal sealed partial class Batch
{
    public readonly List<Location> AllLocs = [];
    public readonly List<(Hole K, ClosureExpr Clo)> Closures = [];
    public readonly Dictionary<Func, ReassignOracle> ReassignOracles;
    public readonly Location HeapLoc = new() { Attrs = LocAttr.All };
    public readonly Location MutatorLoc = new() { Attrs = LocAttr.Mutates };
    public readonly Location CalleeLoc = new() { Attrs = LocAttr.Calls };
    public readonly Location BlankLoc = new();
    public readonly EscapeOptions Opts;
    public readonly EscapeLog Log;
    /// <summary>Keep notes for explanations (base.Flag.LowerM >= 2 || logopt.Enabled()).</summary>
    public readonly bool Explain;

    public Batch(Dictionary<Func, ReassignOracle> oracles, EscapeOptions opts, EscapeLog log)
    {
        ReassignOracles = oracles;
        Opts = opts;
        Log = log;
        Record = opts.Record && log.Records != null;
        Explain = opts.M >= 2 || opts.LogOpt || Record;
    }

    /// <summary>Record the report's structured decisions (<see cref="EscapeOptions.Record"/>).</summary>
    public readonly bool Record;

    /// <summary>
    /// One of batch.finish's -m lines ("moved to heap: x", "E escapes to heap", "E does not escape"; an append is named
    /// "append") and, for the report, its record with the same message, where -m prints it.
    /// </summary>
    private void Decision(Node n, Location loc, EscapeRecordKind kind, List<LoggedOpt>? flow)
    {
        if (Opts.M == 0 && !Record) return;
        string subject = n.Op == Op.OAPPEND ? "append" : n.ToString()!;
        string msg = kind switch
        {
            EscapeRecordKind.MovedToHeap => "moved to heap: " + subject,
            EscapeRecordKind.EscapesToHeap => subject + " escapes to heap",
            _ => subject + " does not escape",
        };
        if (Opts.M != 0) Log.Warn(n.Pos, msg);
        if (Record) Log.Records!.Add(new EscapeRecord(n.Pos, kind, subject, msg, Func.FuncName(loc.Curfn), n.Op, flow));
    }

    public void Run(List<Func> fns)
    {
        // Construct data-flow graph from syntax trees.
        foreach (var fn in fns) InitFunc(fn);
        foreach (var fn in fns)
            if (!fn.IsClosure) With(fn).WalkFunc(fn);

        // We've walked the function bodies, so we've seen everywhere a variable might be reassigned or
        // have its address taken. Now we can decide whether closures should capture their free variables
        // by value or reference.
        foreach (var (k, clo) in Closures) FlowClosure(k, clo);
        Closures.Clear();

        for (int i = 0; i < AllLocs.Count; i++)
        {
            var loc = AllLocs[i];
            // Try to replace some non-constant expressions with literals.
            RewriteWithLiterals(loc.N, loc.Curfn);

            // Check if the node must be heap allocated for certain reasons such as OMAKESLICE for a large slice.
            var why = Utils.HeapAllocReason(loc.N, Opts.SmallFrames);
            if (why != "") Flow(HeapHole().Shift(-1).Note(loc.N!, why, Explain), loc);
        }

        WalkAll();
        Finish(fns);
    }

    public FuncWalker With(Func fn) => new(this, fn);

    private void InitFunc(Func fn)
    {
        var e = With(fn);
        if (fn.EscState != EscFuncState.Unknown) throw new InvalidOperationException($"unexpected node: {fn.Sym}");
        fn.EscState = EscFuncState.Planned;

        // Allocate locations for local variables.
        foreach (var n in fn.Dcl) e.NewLoc(n, true);

        // Also allocate locations for any variables captured by a closure that is not in this batch.
        if (fn.OClosure == null)
            foreach (var n in fn.ClosureVars) e.NewLoc(n.Canonical(), true);

        // Initialize resultIndex for result parameters.
        for (int i = 0; i < fn.Signature.Results.Count; i++)
            OldLoc(fn.Signature.Results[i].Nname!).ResultIndex = 1 + i;
    }

    /// <summary>Models batch.flowClosure: decides capture by value or reference, and records the flows.</summary>
    private void FlowClosure(Hole k, ClosureExpr clo)
    {
        foreach (var cv in clo.Func.ClosureVars)
        {
            var n = cv.Canonical();
            var loc = OldLoc(cv);
            if (!loc.Captured) throw new InvalidOperationException($"closure variable never captured: {cv.Sym}");

            // Capture by value for variables <= 128 bytes that are never reassigned.
            n.Byval = !loc.Addrtaken && !loc.Reassigned && n.Type!.Size <= 128;
            if (!n.Byval) n.Addrtaken = true;

            if (Opts.M > 1)
            {
                var how = n.Byval ? "value" : "ref";
                Log.Warn(n.Pos, $"{Func.FuncName(n.Curfn)} capturing by {how}: {n} (addr={Bool(loc.Addrtaken)} assign={Bool(loc.Reassigned)} width={n.Type!.Size})");
            }

            // Flow captured variables to closure.
            var kk = k;
            if (!cv.Byval) kk = kk.Shift(-1).Note(cv, "reference", Explain);
            Flow(kk.Note(cv, "captured by a closure", Explain), loc);
        }
    }

    private static string Bool(bool b) => b ? "true" : "false";

    private void Finish(List<Func> fns)
    {
        // Record parameter tags for package export data.
        foreach (var fn in fns)
        {
            fn.EscState = EscFuncState.Tagged;
            int i = 0;
            foreach (var param in fn.Signature.RecvParams())
            {
                param.Note = ParamTag(fn, 1 + i, param);
                i++;
            }
        }

        foreach (var loc in AllLocs)
        {
            var n = loc.N;
            if (n == null) continue;
            if (n is Name nm) nm.Opt = null;

            // Update n.Esc based on escape analysis results.
            bool goDeferWrapper = n is ClosureExpr ce && ce.Func.Wrapper;

            if (loc.HasAttr(LocAttr.Escapes))
            {
                if (n.Op == Op.ONAME)
                {
                    if (Opts.CompilingRuntime) Log.Error(n.Pos, $"{n} escapes to heap, not allowed in runtime");
                    Decision(n, loc, EscapeRecordKind.MovedToHeap, loc.EscapeFlow);
                }
                else
                {
                    if (!goDeferWrapper) Decision(n, loc, EscapeRecordKind.EscapesToHeap, loc.EscapeFlow);
                    if (Opts.LogOpt) Log.LogOpt(n.Pos, "escape");
                }
                n.Esc = Esc.Heap;
            }
            else
            {
                if (n.Op != Op.ONAME && !goDeferWrapper) Decision(n, loc, EscapeRecordKind.DoesNotEscape, null);
                n.Esc = Esc.None;
                if (!loc.HasAttr(LocAttr.Persists))
                {
                    switch (n)
                    {
                        case ClosureExpr c: c.Transient = true; break;
                        case SelectorExpr { Op: Op.OMETHVALUE } s: s.Transient = true; break;
                        case CompLitExpr { Op: Op.OSLICELIT } cl: cl.Transient = true; break;
                    }
                }
            }

            // If the result of a string->[]byte conversion is never mutated, then it can simply reuse the string's memory directly.
            if (Opts.ZeroCopy != 0 && n is ConvExpr { Op: Op.OSTR2BYTES } conv && !loc.HasAttr(LocAttr.Mutates))
            {
                if (Opts.M >= 1) Log.Warn(conv.Pos, "zero-copy string->[]byte conversion");
                conv.Op = Op.OSTR2BYTESTMP;
            }
        }
    }

    /// <summary>Models batch.inMutualBatch: whether fn is in the same batch (not yet tagged).</summary>
    public bool InMutualBatch(Name fn)
    {
        if (fn.Defn is Func f && f.EscState < EscFuncState.Tagged)
        {
            if (f.EscState == EscFuncState.Unknown) throw new InvalidOperationException($"graph inconsistency: {fn.Sym}");
            return true;
        }
        return false;
    }

    /// <summary>Models batch.paramTag: the escape tag of one parameter, reporting leaks at -m.</summary>
    private string ParamTag(Func fn, int narg, Field f)
    {
        string Name() => f.Nname != null ? f.Nname.Sym.Name : f.Sym != null ? f.Sym.Name : $"arg#{narg}";

        bool diagnose = Opts.M != 0 && !(fn.Wrapper || fn.Dupok);
        // the report's records: where -m prints a leak line (whatever the -m level)
        bool record = Record && !(fn.Wrapper || fn.Dupok);

        if (!fn.HasBody)
        {
            // Assume that uintptr arguments must be held live across the call. This is most important for
            // syscall.Syscall.
            fn.Pragma |= Pragma.UintptrKeepAlive;

            if (f.Type.IsUintptr)
            {
                if (diagnose) Log.Warn(f.Pos, $"assuming {Name()} is unsafe uintptr");
                return "";
            }
            if (!f.Type.HasPointers()) return ""; // don't bother tagging for scalars

            var esc = new Leaks();
            // External functions are assumed unsafe, unless //go:noescape is given before the declaration.
            if ((fn.Pragma & Pragma.Noescape) != 0)
            {
                if (diagnose && f.Sym != null) Log.Warn(f.Pos, $"{Name()} does not escape");
                esc.AddMutator(0);
                esc.AddCallee(0);
                if (record && f.Sym != null)
                    Log.Records!.Add(new EscapeRecord(f.Pos, EscapeRecordKind.ParamDoesNotEscape, Name(), $"{Name()} does not escape", Func.FuncName(fn), Op.ONAME, null, esc.Encode(), NoBody: true));
            }
            else
            {
                if (diagnose && f.Sym != null) Log.Warn(f.Pos, $"leaking param: {Name()}");
                esc.AddHeap(0);
                if (record && f.Sym != null)
                    Log.Records!.Add(new EscapeRecord(f.Pos, EscapeRecordKind.LeakingParam, Name(), $"leaking param: {Name()}", Func.FuncName(fn), Op.ONAME, null, esc.Encode(), NoBody: true));
            }
            return esc.Encode();
        }

        if ((fn.Pragma & Pragma.UintptrEscapes) != 0)
        {
            if (f.Type.IsUintptr)
            {
                if (diagnose) Log.Warn(f.Pos, $"marking {Name()} as escaping uintptr");
                return "";
            }
            if (f.IsDDD && f.Type.Elem!.IsUintptr)
            {
                // final argument is ...uintptr.
                if (diagnose) Log.Warn(f.Pos, $"marking {Name()} as escaping ...uintptr");
                return "";
            }
        }

        if (!f.Type.HasPointers()) return ""; // don't bother tagging for scalars

        // Unnamed parameters are unused and therefore do not escape.
        if (f.Sym == null || f.Sym.IsBlank || f.Nname == null) return new Leaks().Encode();

        var loc = OldLoc(f.Nname);
        var pe = loc.ParamEsc;
        pe.Optimize();
        loc.ParamEsc = pe;

        if ((diagnose || record) && !loc.HasAttr(LocAttr.Escapes)) ReportLeaks(f.Pos, Name(), pe, fn, loc, diagnose, record);
        return pe.Encode();
    }

    private void ReportLeaks(XPos pos, string name, Leaks esc, Func fn, Location loc, bool diagnose, bool record)
    {
        var sig = fn.Signature;
        string tag = record ? esc.Encode() : "";
        void Add(EscapeRecordKind kind, string msg, int derefs, int result, string? res)
            => Log.Records!.Add(new EscapeRecord(pos, kind, name, msg, Func.FuncName(fn), Op.ONAME, loc.LeakFlow(result, derefs), tag, derefs, res));
        bool warned = false;
        int x = esc.Heap;
        if (x >= 0)
        {
            string msg = x == 0 ? $"leaking param: {name}" : $"leaking param content: {name}";
            if (diagnose) Log.Warn(pos, msg);
            if (record) Add(x == 0 ? EscapeRecordKind.LeakingParam : EscapeRecordKind.LeakingParamContent, msg, x, -1, null);
            warned = true;
        }
        for (int i = 0; i < Leaks.NumEscResults; i++)
        {
            x = esc.Result(i);
            if (x >= 0)
            {
                var res = sig.Results[i].Nname?.Sym.Name ?? sig.Results[i].Sym?.Name ?? "";
                string msg = $"leaking param: {name} to result {res} level={x}";
                if (diagnose) Log.Warn(pos, msg);
                if (record) Add(EscapeRecordKind.LeakingParamToResult, msg, x, i, res);
                warned = true;
            }
        }

        if (Opts.EscapeMutationsCalls <= 0)
        {
            if (!warned)
            {
                if (diagnose) Log.Warn(pos, $"{name} does not escape");
                if (record) Add(EscapeRecordKind.ParamDoesNotEscape, $"{name} does not escape", 0, -2, null);
            }
            return;
        }
        if (!diagnose) return;
        if ((x = esc.Mutator) >= 0) { Log.Warn(pos, $"mutates param: {name} derefs={x}"); warned = true; }
        if ((x = esc.Callee) >= 0) { Log.Warn(pos, $"calls param: {name} derefs={x}"); warned = true; }
        if (!warned) Log.Warn(pos, $"{name} does not escape, mutate, or call");
    }

    /// <summary>
    /// Models batch.rewriteWithLiterals: make([]T, n) with n statically a non-negative constant (or len of a
    /// slice literal) gets a literal size; interface conversions of statically constant values get the literal.
    /// The original expression is kept for its side effects in a temp assignment in the node's Init.
    /// </summary>
    private void RewriteWithLiterals(Node? n, Func? fn)
    {
        if (n == null || fn == null) return;

        void AssignTemp(XPos pos, Node x, List<Node> init)
        {
            var tmp = Temps.TempAt(pos, fn, x.Type!);
            init.Add(new Decl(pos, tmp));
            init.Add(new AssignStmt(pos, tmp, x));
        }

        switch (n)
        {
            case MakeExpr { Op: Op.OMAKESLICE } mk:
            {
                bool useCap = mk.Cap != null;
                var r = useCap ? mk.Cap! : mk.Len!;
                if (r.Op == Op.OLITERAL) break;
                var ro = ReassignOracleFor(fn);
                var s = ro.StaticValue(r);
                switch (s)
                {
                    case BasicLit lit:
                        if (lit.Val.Kind != ConstKind.Int) throw new InvalidOperationException("unexpected BasicLit Kind");
                        if (lit.Val.IntValue >= 0)
                        {
                            AssignTemp(mk.Pos, r, mk.Init);
                            var nl = new BasicLit(mk.Pos, r.Type, lit.Val);
                            if (useCap) mk.Cap = nl; else mk.Len = nl;
                        }
                        break;
                    case UnaryExpr { Op: Op.OLEN } ln:
                        if (ro.StaticValue(ln.X) is CompLitExpr { Op: Op.OSLICELIT } sl)
                        {
                            AssignTemp(mk.Pos, r, mk.Init);
                            var nl = new BasicLit(mk.Pos, IrType.Int, IrConst.OfInt(sl.Len));
                            if (useCap) mk.Cap = nl; else mk.Len = nl;
                        }
                        break;
                }
                break;
            }
            case ConvExpr { Op: Op.OCONVIFACE } conv:
                if (conv.X.Op != Op.OLITERAL && !conv.X.Type!.IsInterface)
                {
                    var ro = ReassignOracleFor(fn);
                    var v = ro.StaticValue(conv.X);
                    if (v is BasicLit lit && IrUtil.ValidTypeForConst(conv.X.Type, lit.Val))
                    {
                        if (Opts.EscapeDebug >= 3)
                            Log.Warn(conv.Pos, $"rewriting OCONVIFACE value from {conv.X} ({conv.X.Type}) to {v} ({v.Type})");
                        AssignTemp(conv.Pos, conv.X, conv.Init);
                        conv.X = new BasicLit(conv.Pos, conv.X.Type, lit.Val);
                    }
                }
                break;
        }
    }

    /// <summary>Models batch.reassignOracle: one oracle per outermost function (closures share their parent's).</summary>
    public ReassignOracle ReassignOracleFor(Func fn)
    {
        if (ReassignOracles.TryGetValue(fn, out var ro)) return ro;
        var f = fn;
        while (f.ClosureParent != null && !f.ClosureParent.IsPackageInit) f = f.ClosureParent;
        if (f != fn && ReassignOracles.TryGetValue(f, out ro))
        {
            ReassignOracles[fn] = ro;
            return ro;
        }
        ro = new ReassignOracle(f);
        ReassignOracles[fn] = ro;
        if (f != fn) ReassignOracles[f] = ro;
        return ro;
    }
}
