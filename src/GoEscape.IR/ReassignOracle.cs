namespace GoEscape.IR;

/// <summary>
/// Models ir.ReassignOracle: which locals of a function (and its closures) are assigned exactly once, so that
/// their static value can be looked through; and which func-typed locals have only known function assignments.
/// </summary>
public sealed class ReassignOracle
{
    private readonly Dictionary<Name, Node> _singleDef = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Name, List<AssignStmt>?> _funcAssigns = new(ReferenceEqualityComparer.Instance);

    public ReassignOracle(Func fn)
    {
        var sig = fn.Signature;
        int numParams = (sig.Recv != null ? 1 : 0) + sig.NumParams;
        for (int i = 0; i < numParams && i < fn.Dcl.Count; i++)
        {
            var param = fn.Dcl[i];
            if (param.IsBlank) continue;
            _singleDef[param] = fn;
        }

        bool FindLocals(Node n)
        {
            if (n is Name nn)
            {
                if (nn.Class == Class.PAUTO && !nn.Addrtaken)
                {
                    bool isFunc = nn.Type!.Kind == Kind.TFUNC;
                    if (nn.Defn == null)
                    {
                        if (isFunc) _funcAssigns[nn] = null;
                    }
                    else if (nn.Defn is AssignStmt)
                    {
                        _singleDef[nn] = nn.Defn;
                        if (isFunc) _funcAssigns[nn] = null;
                    }
                    else _singleDef[nn] = nn.Defn;
                }
            }
            else if (n is ClosureExpr c) Walk.Any(c.Func, FindLocals);
            return false;
        }
        Walk.Any(fn, FindLocals);

        static Name? OuterName(Node? x) => x == null ? null : IrUtil.OuterValue(x) is Name n ? n.Canonical() : null;

        void PruneIfNeeded(Node? nn, Node asn)
        {
            var oname = OuterName(nn);
            if (oname == null) return;
            if (_singleDef.TryGetValue(oname, out var defn))
            {
                bool paramAssigned = oname.Class == Class.PPARAM;
                bool localAssigned = oname.Class == Class.PAUTO && asn != defn;
                if (paramAssigned || localAssigned) _singleDef.Remove(oname);
            }
            if (_funcAssigns.TryGetValue(oname, out var list))
            {
                if (asn is AssignStmt { Op: Op.OAS } a)
                {
                    if (!IsNilAssign(a)) (_funcAssigns[oname] = list ?? []).Add(a);
                }
                else _funcAssigns.Remove(oname);
            }
        }

        bool Do(Node n)
        {
            switch (n)
            {
                case AssignStmt { Op: Op.OAS } a: PruneIfNeeded(a.X, n); break;
                case AssignListStmt al: foreach (var p in al.Lhs) PruneIfNeeded(p, n); break;
                case AssignOpStmt ao: PruneIfNeeded(ao.X, n); break;
                case RangeStmt r: PruneIfNeeded(r.Key, n); PruneIfNeeded(r.Value, n); break;
                case ClosureExpr c: Walk.Any(c.Func, Do); break;
            }
            return false;
        }
        Walk.Any(fn, Do);
    }

    private static bool IsNilAssign(AssignStmt a)
    {
        if (a.Y == null) return true;
        var y = a.Y;
        while (y is ConvExpr { Op: Op.OCONVNOP } c) y = c.X;
        return IrUtil.IsNil(y);
    }

    /// <summary>Models ReassignOracle.StaticValue: looks through single-assignment locals and no-op conversions.</summary>
    public Node StaticValue(Node n)
    {
        while (true)
        {
            if (n is ConvExpr { Op: Op.OCONVNOP } c) { n = c.X; continue; }
            if (n is InlinedCallExpr ic) { n = ic.SingleResult(); continue; }
            if (n is ParenExpr p) { n = p.X; continue; }
            var n1 = StaticValue1(n);
            if (n1 == null) return n;
            n = n1;
        }
    }

    private Node? StaticValue1(Node nn)
    {
        if (nn is not Name name) return null;
        var n = name.Canonical();
        if (n.Class != Class.PAUTO || n.Defn == null) return null;
        Node? rhs;
        switch (n.Defn)
        {
            case AssignStmt { Op: Op.OAS } a: rhs = a.Y; break;
            case AssignListStmt { Op: Op.OAS2 } al:
                rhs = null;
                for (int i = 0; i < al.Lhs.Count; i++)
                    if (al.Lhs[i] == n) { rhs = al.Rhs[i]; break; }
                if (rhs == null) throw new InvalidOperationException($"{n.Sym} missing from LHS of its Defn");
                break;
            default: return null;
        }
        if (rhs == null) return null; // "var x T" zero-valued Defn: gc fatals; be lenient
        return _singleDef.ContainsKey(n) ? rhs : null;
    }

    /// <summary>Models ReassignOracle.Reassigned.</summary>
    public bool Reassigned(Name n) => !_singleDef.ContainsKey(n);

    /// <summary>Models ReassignOracle.FuncAssignments: all (non-nil) assignments of a func-typed local, or null when unknown.</summary>
    public IReadOnlyList<AssignStmt>? FuncAssignments(Name name)
        => _funcAssigns.TryGetValue(name.Canonical(), out var l) ? (IReadOnlyList<AssignStmt>?)l ?? [] : null;
}
