using GoEscape.IR;

namespace GoEscape.Inline;

/// <summary>
/// The inlining cost model (models inline.hairyVisitor: tooHairy and doNode). Each IR node costs 1, with gc's
/// adjustments per op; the walk stops at the first construct that makes the function impossible to inline. With
/// -m=2 gc keeps counting past the budget to print the full cost ("cost 1444 exceeds budget 80"), and so do we.
/// </summary>
internal sealed class HairyVisitor
{
    private readonly Inliner _inl;
    private readonly Func _curFunc;
    private readonly bool _isBigFunc;
    private readonly int _maxBudget;
    private readonly int _extraCallCost;
    private readonly Func<Node, bool> _do;

    public HairyVisitor(Inliner inl, Func curFunc, bool isBigFunc, int budget, int extraCallCost)
    {
        _inl = inl;
        _curFunc = curFunc;
        _isBigFunc = isBigFunc;
        Budget = budget;
        _maxBudget = budget;
        _extraCallCost = extraCallCost;
        _do = DoNode;
    }

    public int Budget { get; private set; }
    public string? Reason { get; private set; }
    public HashSet<Name> UsedLocals { get; } = new(ReferenceEqualityComparer.Instance);

    /// <summary>Models hairyVisitor.tooHairy.</summary>
    public bool TooHairy(Func fn)
    {
        if (DoChildren(fn)) return true;
        if (Budget < 0)
        {
            Reason = $"function too complex: cost {_maxBudget - Budget} exceeds budget {_maxBudget}";
            return true;
        }
        return false;
    }

    /// <summary>
    /// Models ir.DoChildren as the visitor sees it: the visible children only (gc's doChildren, not
    /// doChildrenWithHidden: a conversion's or call's RType is not charged), plus the identifier node gc keeps for the
    /// tag of a type switch guard ("switch v := x.(type)").
    /// </summary>
    private bool DoChildren(Node n)
    {
        switch (n)
        {
            case CallExpr c:
                foreach (var x in c.Init) if (_do(x)) return true;
                if (c.Fun != null && _do(c.Fun)) return true;
                foreach (var x in c.Args) if (_do(x)) return true;
                foreach (var x in c.KeepAlive) if (_do(x)) return true;
                return false;
            case BinaryExpr b:
                foreach (var x in b.Init) if (_do(x)) return true;
                return _do(b.X) || _do(b.Y);
            case TypeSwitchGuard g:
                if (g.Tag != null && Charge()) return true; // the ONONAME Ident of the tag
                return _do(g.X);
            default:
                return Walk.DoChildren(n, _do);
        }
    }

    /// <summary>Charges one node that our IR does not materialize (default cost, no children).</summary>
    private bool Charge()
    {
        Budget--;
        return TooExpensive();
    }

    private bool TooExpensive()
    {
        // When debugging (-m=2), don't stop early, to get the full cost of inlining this function.
        if (Budget < 0 && _inl.Options.M < 2)
        {
            Reason = "too expensive";
            return true;
        }
        return false;
    }

    /// <summary>Models hairyVisitor.doNode: charges n, returns true when n makes the function too hairy to inline.</summary>
    private bool DoNode(Node n)
    {
        switch (n.Op)
        {
            case Op.OCALLFUNC:
                {
                    var call = (CallExpr)n;
                    var r = CallCost(call);
                    if (r == CallVerdict.Hairy) return true;
                    break;
                }
            case Op.OCALLMETH:
                throw new InvalidOperationException("OCALLMETH missed by typecheck");
            case Op.OCALL or Op.OCALLINTER:
                Budget -= _extraCallCost;
                break;
            case Op.OPANIC:
                {
                    var u = (UnaryExpr)n;
                    // Hack to keep reflect.flag.mustBe inlinable for TestIntendedInlining.
                    if (u.X is ConvExpr { Op: Op.OCONVIFACE, Implicit: true }) Budget++;
                    Budget -= InlineBudget.ExtraPanicCost;
                    break;
                }
            case Op.ORECOVER:
                Reason = "call to recover";
                return true;
            case Op.OCLOSURE:
                if (_inl.Options.InlFuncsWithClosures == 0)
                {
                    Reason = "not inlining functions with closures";
                    return true;
                }
                Budget -= 15;
                break;
            case Op.OGO or Op.ODEFER or Op.OTAILCALL:
                Reason = "unhandled op " + OpName(n.Op);
                return true;
            case Op.OAPPEND:
                Budget -= InlineBudget.ExtraAppendCost;
                break;
            case Op.OADDR:
                {
                    // Make "&s.f" cost 0 when f's offset is zero.
                    var a = (AddrExpr)n;
                    if (a.X is SelectorExpr { Op: Op.ODOT or Op.ODOTPTR } dot && dot.X is Name && FieldOffset(dot) == 0)
                        Budget += 2; // undo OADDR+ODOT/ODOTPTR
                    break;
                }
            case Op.ODEREF:
                {
                    // *(*X)(unsafe.Pointer(&x)) is low-cost
                    var ptr = ((StarExpr)n).X;
                    while (ptr is ConvExpr { Op: Op.OCONVNOP } c) ptr = c.X;
                    if (ptr.Op == Op.OADDR) Budget += 1; // undo half of default cost of ODEREF+OADDR
                    break;
                }
            case Op.OCONVNOP:
                // This doesn't produce code, but the children might.
                Budget++; // undo default cost
                break;
            case Op.OFALL or Op.OTYPE:
                // These nodes don't produce code; omit from inlining budget.
                return false;
            case Op.OIF:
                {
                    var s = (IfStmt)n;
                    if (s.Cond is BasicLit { Val.Kind: ConstKind.Bool } lit)
                    {
                        // This if and the condition cost nothing.
                        foreach (var x in s.Init) if (_do(x)) return true;
                        foreach (var x in (bool)lit.Val.Value ? s.Body : s.Else) if (_do(x)) return true;
                        return false;
                    }
                    break;
                }
            case Op.ONAME:
                if (n is Name { Class: Class.PAUTO } local) UsedLocals.Add(local);
                break;
            case Op.OBLOCK:
                // The only OBLOCK we should see at this point is an empty one. The ++ undoes the -- below.
                Budget++;
                break;
            case Op.OMETHVALUE or Op.OSLICELIT:
                Budget--; // Hack for toolstash -cmp.
                break;
            case Op.OMETHEXPR:
                Budget++; // Hack for toolstash -cmp.
                break;
            case Op.OAS2:
                {
                    // Unified IR rewrites "a, b = f()" into "DCL tmp1; DCL tmp2; tmp1, tmp2 = f(); a, b = tmp1, tmp2"
                    // to insert implicit conversions; gc compensates so that the cost stays what it was.
                    var a = (AssignListStmt)n;
                    if (IsSpilledCallAssign(a)) Budget += 4 * a.Lhs.Count + 1;
                    break;
                }
            case Op.OSLICE or Op.OSLICEARR or Op.OSLICESTR or Op.OSLICE3 or Op.OSLICE3ARR:
                {
                    var s = (SliceExpr)n;
                    // Ignore superfluous slicing.
                    if (s.Low is BasicLit low && low.Val.TryInt64(out long lo) && lo == 0) Budget++;
                    if (s.High is UnaryExpr { Op: Op.OLEN } h && h.X == s.X) Budget += 2;
                    break;
                }
        }

        Budget--;
        if (TooExpensive()) return true;
        return DoChildren(n);
    }

    private enum CallVerdict { Charged, Hairy }

    /// <summary>The OCALLFUNC case of hairyVisitor.doNode.</summary>
    private CallVerdict CallCost(CallExpr n)
    {
        bool cheap = false;
        var opts = _inl.Options;
        if (n.Fun is Name { Class: Class.PFUNC } name)
        {
            var s = name.Sym;
            string fn = s.Name;
            string path = s.Pkg?.Path ?? "";
            if (s.Pkg is { IsGoRuntime: true })
            {
                switch (fn)
                {
                    case "throw":
                        // runtime.throw is a "cheap call" like panic in normal code.
                        Budget -= InlineBudget.ExtraThrowCost;
                        return CallVerdict.Charged;
                    case "panicrangestate":
                        cheap = true;
                        break;
                    case "deferrangefunc":
                        Reason = "defer call in range func";
                        return CallVerdict.Hairy;
                }
            }
            else if (path == "internal/abi")
            {
                // NoEscape only converts to appease escape analysis; EscapeNonString[T] is an escape intrinsic.
                if (fn == "NoEscape" || fn.StartsWith("EscapeNonString[", StringComparison.Ordinal)) cheap = true;
            }
            else if (path == "internal/runtime/sys" && fn is "GetCallerPC" or "GetCallerSP")
            {
                // Users expect the PC/SP of the logical caller, but these return the physical caller's.
                Reason = "call to " + fn;
                return CallVerdict.Hairy;
            }
            // (coverage counter updates cost nothing: coverage is not modelled)
        }
        if (n.Fun is { Op: Op.OMETHEXPR } && IrUtil.MethodExprName(n.Fun)?.Func is { } meth)
        {
            var s = meth.Sym;
            // runtime.heapBits.next may call the slow-path nextArena
            if (s.Pkg?.Path == "runtime" && s.Name == "heapBits.nextArena") cheap = true;
            // On architectures that can do unaligned loads, encoding/binary's methods are cheap (issue 42958).
            if (CanMergeLoads(opts.GoArch) && s.Pkg?.Path == "encoding/binary" && IsBinaryCheap(s.Name)) cheap = true;
        }

        // A call to a parameter is optimistically a cheap call: if it's a constant function, it may inline.
        int extraCost = _extraCallCost;
        if (n.Fun is Name fname)
        {
            if (fname.Class == Class.PFUNC && CanMergeLoads(opts.GoArch) && fname.Sym.Pkg?.Path == "internal/byteorder"
                && IsByteorderCheap(fname.Sym.Name))
                cheap = true;
            if (fname.Class == Class.PPARAM || fname.Class == Class.PAUTOHEAP && fname.IsClosureVar)
                extraCost = Math.Min(extraCost, InlineBudget.ParamCallCost);
        }

        if (cheap) return CallVerdict.Charged; // treat like any other node, that is, cost of 1
        if (Intrinsics.IsIntrinsicCall(n, opts)) return CallVerdict.Charged; // treat like any other node

        if (CallSite.InlCallee(_inl, _curFunc, n.Fun!, resolveOnly: false) is { } callee && callee.Inl != null)
        {
            // Would mkinlcall inline this call? Then the call costs what the inlined body will.
            if (CallSite.CanInlineCallExpr(_inl, _curFunc, n, callee, _isBigFunc, closureCalledOnce: false))
            {
                Budget -= callee.Inl.Cost;
                return CallVerdict.Charged;
            }
        }
        // Call cost for non-leaf inlining.
        Budget -= extraCost;
        return CallVerdict.Charged;
    }

    /// <summary>
    /// Unified IR's "a, b = f()": the call's init holds the assignment to the temporaries (the hairyVisitor and
    /// IsBigFunc test: the first RHS has exactly one init statement, an assignment list).
    /// </summary>
    internal static bool IsSpilledCallAssign(AssignListStmt a)
        => a.Rhs.Count > 0 && a.Rhs[0].Init.Count == 1 && a.Rhs[0].Init[0] is AssignListStmt;

    private static long FieldOffset(SelectorExpr dot)
    {
        var t = dot.X.Type;
        if (dot.Op == Op.ODOTPTR) t = t?.Elem;
        if (t == null || t.Kind != Kind.TSTRUCT || dot.Selection == null) return -1;
        var fields = t.Fields;
        // the selection may be a copy of the field: field names are unique within a struct
        for (int i = 0; i < fields.Count; i++)
            if (ReferenceEquals(fields[i], dot.Selection) || fields[i].Sym?.Name == dot.Sel.Name) return t.FieldOffsets()[i];
        return -1;
    }

    /// <summary>sys.Arch.CanMergeLoads (cmd/internal/sys/arch.go).</summary>
    private static bool CanMergeLoads(string arch) => arch is "386" or "amd64" or "arm64" or "loong64" or "ppc64" or "ppc64le" or "s390x";

    private static bool IsBinaryCheap(string name) => name is
        "littleEndian.Uint64" or "littleEndian.Uint32" or "littleEndian.Uint16" or
        "bigEndian.Uint64" or "bigEndian.Uint32" or "bigEndian.Uint16" or
        "littleEndian.PutUint64" or "littleEndian.PutUint32" or "littleEndian.PutUint16" or
        "bigEndian.PutUint64" or "bigEndian.PutUint32" or "bigEndian.PutUint16" or
        "littleEndian.AppendUint64" or "littleEndian.AppendUint32" or "littleEndian.AppendUint16" or
        "bigEndian.AppendUint64" or "bigEndian.AppendUint32" or "bigEndian.AppendUint16";

    private static bool IsByteorderCheap(string name) => name is
        "LEUint64" or "LEUint32" or "LEUint16" or "BEUint64" or "BEUint32" or "BEUint16" or
        "LEPutUint64" or "LEPutUint32" or "LEPutUint16" or "BEPutUint64" or "BEPutUint32" or "BEPutUint16" or
        "LEAppendUint64" or "LEAppendUint32" or "LEAppendUint16" or "BEAppendUint64" or "BEAppendUint32" or "BEAppendUint16";

    /// <summary>ir.Op's String (the enum name without its O), as "unhandled op DEFER" prints it.</summary>
    private static string OpName(Op op) => op.ToString()[1..];
}
