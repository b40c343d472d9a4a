using GoEscape.Types;
using GoFunc = GoEscape.Types.Func;

namespace GoEscape.IR.Lowering;

// Static devirtualization, after gc 1.27's cmd/compile/internal/devirtualize (devirtualize.go StaticCall), which the
// interleaved devirtualize-and-inline pass runs over every function even with -l, before escape analysis:
//
//     var x M = v   // v of concrete type T (the only type ever assigned to x)
//     x.M()         // becomes x.(T).M(): a static call of T.M, with T.M's parameter tags
//
// It needs the method sets of concrete types, which only the Go types have: so it runs here, on the lowered IR,
// with the lowering's type bridge.

public sealed partial class Lowerer
{
    /// <summary>
    /// Models interleaved.DevirtualizeAndInlinePackage with inlining off: for each function (Target.Funcs order), each
    /// call site in post-order (inlClosureState.mark) is offered to devirtualize.StaticCall. <paramref name="warn"/>
    /// receives the -m messages ("devirtualizing x.M to T", "partially devirtualizing ...").
    /// </summary>
    public void Devirtualize(LoweredPackage pkg, Action<XPos, string>? warn)
    {
        var state = new DevirtState();
        foreach (var fn in TargetFuncs.Order(pkg.Funcs))
        {
            // (A go/defer call marked GoDefer is the call of its gowrap/deferwrap closure, never OCALLINTER; the
            // interface call inside the wrapper is devirtualized. Method wrappers are generated after this stage.)
            if (fn.Wrapper && fn.OClosure == null || !fn.HasBody) continue;
            try
            {
                foreach (var n in fn.Body) DevirtCalls(n, state, warn);
            }
            catch (Exception e)
            {
                throw Failure(fn.Sym.Name, e);
            }
        }
    }

    /// <summary>
    /// Models devirtualize.State as interleaved.DevirtualizeAndInlinePackage uses it with inlining on: each call is
    /// offered to <see cref="StaticCall(CallExpr)"/> as the inliner resolves it (calls in inlined bodies too), and
    /// <see cref="InlinedCall"/> updates the concrete-type analysis for each inlined call.
    /// </summary>
    public sealed class Devirtualizer
    {
        private readonly Lowerer _lowerer;
        private readonly DevirtState _state = new();
        private readonly Action<XPos, string>? _warn;

        internal Devirtualizer(Lowerer lowerer, Action<XPos, string>? warn)
        {
            _lowerer = lowerer;
            _warn = warn;
        }

        /// <summary>Models devirtualize.StaticCall.</summary>
        public void StaticCall(CallExpr call)
        {
            if (call.Op != Op.OCALLINTER) return;
            try { _lowerer.StaticCall(_state, call, _warn); }
            catch (Exception e) { throw _lowerer.Failure("devirtualize", e); }
        }

        /// <summary>Models State.InlinedCall: the inlined body's assignments join the analysis of fn (if it was
        /// analyzed), and assignments from the call's interface results now come from its result variables.</summary>
        public void InlinedCall(Func fn, CallExpr orig, InlinedCallExpr inlined)
        {
            if (!_state.Analyzed.Contains(fn)) return;
            Analyze(_state, inlined.Init);
            Analyze(_state, inlined.Body);
            if (!_state.CallAssigns.Remove(orig, out var refs)) return;
            foreach (var (name, index, result) in refs)
                _state.Assignments[name][index] = inlined.ReturnVars[result];
        }
    }

    /// <summary>A devirtualizer for the interleaved pass (the <see cref="Devirtualize"/> pre-pass is then not run).</summary>
    public Devirtualizer NewDevirtualizer(Action<XPos, string>? warn) => new(this, warn);

    private void DevirtCalls(Node n, DevirtState s, Action<XPos, string>? warn)
    {
        Walk.DoChildren(n, c => { DevirtCalls(c, s, warn); return false; });
        if (n is CallExpr { Op: Op.OCALLINTER } call)
        {
            StaticCall(s, call, warn);
        }
    }

    /// <summary>Models devirtualize.StaticCall (go126ImprovedConcreteTypeAnalysis).</summary>
    private void StaticCall(DevirtState s, CallExpr call, Action<XPos, string>? warn)
    {
        if (call.Fun is not SelectorExpr { Op: Op.ODOTINTER } sel || sel.X.Type is not { } ifaceT) return;
        var typ = ConcreteType(s, sel.X);
        if (typ == null || typ.IsShape) return;
        if (GoTypeOf(typ) is not { } gt || GoTypeOf(ifaceT) is not { } gi) return;
        if (gi.Underlying() is not Interface iface) return;
        // Don't create type assertions that would be impossible at compile time (typecheck.Implements).
        if (GoTypes.MissingMethod(gt, iface, true).Method != null) return;

        // x.(typ), then the method selected on it (typecheck.XDotMethod).
        GoFunc? im = null;
        foreach (var m in iface.AllMethods)
            if (m.Name == sel.Sel.Name && (m.Exported || m.Pkg?.Path == sel.Sel.Pkg?.Path)) { im = m; break; }
        if (im == null) return;
        var selection = GoTypes.LookupSelection(gt, false, im.Pkg, im.Name);
        if (selection is not { Kind: SelectionKind.MethodVal } || selection.Obj is not GoFunc method) return;

        Node x = new TypeAssertExpr(Op.ODOTTYPE, call.Pos, sel.X) { Type = typ };
        GoType cur = gt;
        var idx = selection.Index;
        for (int i = 0; i < idx.Count - 1; i++) x = DotField(sel.Pos, x, ref cur, idx[i], true);

        string what = $"{Fmt.Node(sel)} to {TypeFmt.Format(typ)}";
        if (GoTypes.IsInterface(cur))
        {
            // Promoted method from an embedded interface-typed field (#42279): still an interface call.
            var dot = new SelectorExpr(Op.ODOTINTER, sel.Pos, x, sel.Sel)
            {
                Type = T(method.Type!),
                Selection = new Field(sel.Sel, T(method.Type!)),
            };
            warn?.Invoke(call.Pos, "partially devirtualizing " + what);
            call.Fun = dot;
            return;
        }

        if (method.Signature!.Recv?.Type is { } recv && IsPtrTo(cur, recv))
        {
            x = new StarExpr(sel.Pos, x) { Type = T(recv), Implicit = true };
            cur = recv;
        }
        var fun = MethodExpr(sel.Pos, T(cur), method, FuncName(method));
        warn?.Invoke(call.Pos, "devirtualizing " + what);
        // typecheck.FixMethodCall: OCALLFUNC of the method expression, receiver first.
        call.Op = Op.OCALLFUNC;
        call.Fun = fun;
        call.Args.Insert(0, x);
    }

    /// <summary>The Go type behind an IR type: as lowered, or a pointer built by the lowering itself (new(T), &amp;x).</summary>
    private GoType? GoTypeOf(IrType t)
    {
        if (_types.GoTypeOf(t) is { } g) return g;
        if (t is { IsPtr: true, Sym: null, Elem: { } e } && GoTypeOf(e) is { } ge) return new Pointer(ge);
        return null;
    }

    /// <summary>Per-package state of the concrete-type analysis (devirtualize.State).</summary>
    private sealed class DevirtState
    {
        /// <summary>Assignments to interface-typed local variables: an IrType (concrete type), a Node, or null (unknown).</summary>
        public readonly Dictionary<Name, List<object?>> Assignments = new(ReferenceEqualityComparer.Instance);
        public readonly HashSet<Func> Analyzed = new(ReferenceEqualityComparer.Instance);
        /// <summary>State.ifaceCallExprAssigns: assignments of a call's interface result (name, assignment index,
        /// result index), replaced by the result variable if the call is inlined.</summary>
        public readonly Dictionary<CallExpr, List<(Name, int, int)>> CallAssigns = new(ReferenceEqualityComparer.Instance);
    }

    private static readonly object NoType = new();

    /// <summary>Models devirtualize.concreteType: the only concrete type n can hold, or null.</summary>
    private static IrType? ConcreteType(DevirtState s, Node n)
    {
        var t = ConcreteType1(s, n, new HashSet<Name>(ReferenceEqualityComparer.Instance));
        return t as IrType;
    }

    /// <summary>Models devirtualize.concreteType1: an IrType, <see cref="NoType"/> (nil or self-assignment only), or null.</summary>
    private static object? ConcreteType1(DevirtState s, Node n, HashSet<Name> seen)
    {
        while (true)
        {
            if (n.Type is not { IsInterface: true }) return n.Type;
            switch (n)
            {
                case ConvExpr { Op: Op.OCONVNOP or Op.OCONVIFACE } c: n = c.X; continue;
                case ParenExpr p: n = p.X; continue;
                case TypeAssertExpr ta: n = ta.X; continue;
                case InlinedCallExpr ic: n = ic.SingleResult(); continue;
            }
            break;
        }
        if (n is not Name nm) return null;
        var name = nm.Canonical();
        if (name.Class != Class.PAUTO || name.Curfn == null) return null;
        if (name.Addrtaken) return null; // conservatively assume it's reassigned with a different type indirectly
        if (!seen.Add(name)) return NoType;

        IrType? typ = null;
        foreach (var a in Assignments(s, name))
        {
            object? t = a switch
            {
                IrType it => it,
                Node v => ConcreteType1(s, v, seen),
                _ => null,
            };
            if (t == NoType) continue;
            if (t is not IrType tt) return null; // unknown concrete type
            if (typ != null && !IrUtil.Identical(typ, tt)) return null; // assigned with a different type
            typ = tt;
        }
        return typ ?? NoType; // declared with its zero value, or only assigned nil
    }

    /// <summary>Models State.assignments: every assignment to the interface variable n in its function.</summary>
    private static List<object?> Assignments(DevirtState s, Name n)
    {
        var fn = n.Curfn!;
        if (s.Analyzed.Add(fn)) Analyze(s, fn.Body);
        return s.Assignments.GetValueOrDefault(n) ?? [];
    }

    /// <summary>Models State.analyze: records assignments to interface-typed locals (closures included).</summary>
    private static void Analyze(DevirtState s, List<Node> nodes)
    {
        Name? Assign(Node? lhs, object? value)
        {
            if (lhs is not Name n || n.IsBlank || n.Curfn == null) return null;
            if (n.Type is not { IsInterface: true }) return null;
            n = n.Canonical();
            if (n.Class != Class.PAUTO) return null;
            switch (value)
            {
                case IrType { IsInterface: true }: value = null; break; // non-concrete type
                case NilExpr: return null; // nil assignments are ignored
            }
            if (!s.Assignments.TryGetValue(n, out var list)) s.Assignments[n] = list = [];
            list.Add(value);
            return n;
        }

        // an interface result of a call: replaced by the result variable if the call is inlined later
        void CallResult(CallExpr call, Node lhs, IrType t, int result)
        {
            if (Assign(lhs, t) is { } n && t.IsInterface)
            {
                if (!s.CallAssigns.TryGetValue(call, out var refs)) s.CallAssigns[call] = refs = [];
                refs.Add((n, s.Assignments[n].Count - 1, result));
            }
        }

        static Node Unparen(Node n) { while (n is ParenExpr p) n = p.X; return n; }

        void Do(Node n)
        {
            switch (n)
            {
                case AssignStmt { Y: { } y } a:
                    y = Unparen(y);
                    if (y is CallExpr { Fun: { Type: { } ft } } call && ft.Results.Count > 0) CallResult(call, a.X, ft.Results[0].Type, 0);
                    else Assign(a.X, y);
                    break;
                case AssignListStmt { Op: Op.OAS2 } a:
                    for (int i = 0; i < a.Lhs.Count && i < a.Rhs.Count; i++) Assign(a.Lhs[i], a.Rhs[i]);
                    break;
                case AssignListStmt { Op: Op.OAS2DOTTYPE } a:
                    Assign(a.Lhs[0], a.Rhs[0]);
                    Assign(a.Lhs[1], null);
                    break;
                case AssignListStmt { Op: Op.OAS2MAPR or Op.OAS2RECV or Op.OSELRECV2 } a:
                    Assign(a.Lhs[0], a.Rhs[0].Type);
                    Assign(a.Lhs[1], null);
                    break;
                case AssignListStmt { Op: Op.OAS2FUNC } a:
                    if (Unparen(a.Rhs[0]) is CallExpr { Fun: { Type: { } ft2 } } call2)
                        for (int i = 0; i < a.Lhs.Count && i < ft2.Results.Count; i++) CallResult(call2, a.Lhs[i], ft2.Results[i].Type, i);
                    else if (Unparen(a.Rhs[0]) is InlinedCallExpr ic)
                        for (int i = 0; i < a.Lhs.Count; i++) Assign(a.Lhs[i], ic.ReturnVars[i]);
                    else
                        foreach (var l in a.Lhs) Assign(l, null);
                    break;
                case RangeStmt r:
                {
                    var xt = r.X.Type;
                    if (xt is { IsPtr: true, Elem.IsArray: true }) xt = xt.Elem;
                    if (xt is { IsArray: true } or { IsSlice: true }) { Assign(r.Key, null); Assign(r.Value, xt.Elem); }
                    else if (xt is { IsChan: true }) Assign(r.Key, xt.Elem);
                    else if (xt is { IsMap: true }) { Assign(r.Key, xt.Key); Assign(r.Value, xt.Elem); }
                    else { Assign(r.Key, null); Assign(r.Value, null); }
                    break;
                }
                case SwitchStmt { Tag: TypeSwitchGuard guard } sw:
                    foreach (var c in sw.Cases)
                        if (c.Var != null) Assign(c.Var, guard.X);
                    break;
                case ClosureExpr clo:
                    if (s.Analyzed.Add(clo.Func))
                        foreach (var b in clo.Func.Body) Walk.Visit(b, Do);
                    break;
            }
        }

        foreach (var n in nodes) Walk.Visit(n, Do);
    }
}
