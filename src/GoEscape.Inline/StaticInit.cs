using GoEscape.IR;
using GoEscape.IR.Lowering;

namespace GoEscape.Inline;

/// <summary>
/// Package initializers whose right side inlining turned into an OINLCALL, as pkginit.MakeTask's staticinit pass
/// sees them after inlining (staticinit.Schedule.tryStaticInit, StaticAssign's OINLCALL case,
/// staticAssignInlinedCall): "var ErrX = errors.New("x")" becomes static data, so escape analysis never sees the
/// allocation. The lowering already laid out the initializers that were static before inlining; this pass looks
/// only at the "global = inlined call" statements left in the init function, and replaces each that staticinit
/// would lay out by the assignments of its dynamic parts (none, usually).
/// </summary>
public static class StaticInit
{
    /// <summary>Models the part of pkginit.MakeTask's StaticInit loop that inlining changes.</summary>
    /// <param name="disableGlobalAddrs">obj.Link.IsFIPS: StaticAssign's OINLCALL case is off.</param>
    public static void InlinedCalls(Func init, bool disableGlobalAddrs)
    {
        if (disableGlobalAddrs) return;
        var body = new List<Node>(init.Body.Count);
        foreach (var n in init.Body)
        {
            if (n is AssignStmt { Op: Op.OAS, X: Name { Class: Class.PEXTERN } l, Y: { } y } a && StripConvNop(y) is InlinedCallExpr call)
            {
                var s = new Schedule(l);
                if (s.Probe(call))
                {
                    s.Commit(call, body, a.Pos);
                    continue;
                }
            }
            body.Add(n);
        }
        init.Body.Clear();
        init.Body.AddRange(body);
    }

    private static Node StripConvNop(Node r)
    {
        while (r is ConvExpr { Op: Op.OCONVNOP } c) r = c.X;
        return r;
    }

    private static bool AnySideEffects(Node n) => Walk.Any(n, Lowerer.IsSideEffect);

    /// <summary>Models staticinit.canRepeat.</summary>
    private static bool CanRepeat(Node n) => !Walk.Any(n, x => Lowerer.IsSideEffect(x) || x.Op is Op.OMAKECHAN or Op.OMAKEMAP
        or Op.OMAKESLICE or Op.OMAKESLICECOPY or Op.OMAPLIT or Op.ONEW or Op.OPTRLIT or Op.OSLICELIT or Op.OSTR2BYTES or Op.OSTR2RUNES);

    /// <summary>One initializer's StaticAssign: first probed without changes, then committed (the parameters of
    /// the inlined calls replaced by their arguments, as staticinit.subst does, and the dynamic parts assigned).</summary>
    private sealed class Schedule(Name l)
    {
        private readonly Dictionary<Name, Node> _args = new(ReferenceEqualityComparer.Instance);
        private List<Node>? _out;
        private XPos _pos;

        public bool Probe(InlinedCallExpr call) => AssignInlinedCall(call);

        public void Commit(InlinedCallExpr call, List<Node> output, XPos pos)
        {
            _out = output;
            _pos = pos;
            _args.Clear();
            if (!AssignInlinedCall(call)) throw new InvalidOperationException("staticinit: commit disagrees with probe");
        }

        /// <summary>The node with the inlined calls' parameters replaced by their arguments (staticinit.subst).</summary>
        private Node Subst(Node n)
        {
            if (n is Name nm) return _args.TryGetValue(nm, out var v) ? Subst(v) : n;
            if (_out == null) return n; // probing: Resolve looks through names as it goes
            Func<Node, Node>? edit = null;
            edit = x => x is Name xn && _args.TryGetValue(xn, out var a) ? a : Recurse(x, edit!);
            return Recurse(n, edit);

            static Node Recurse(Node x, Func<Node, Node> e)
            {
                Edit.Children(x, e);
                return x;
            }
        }

        /// <summary>Models Schedule.staticAssignInlinedCall (debug.InlStaticInit is on by default).</summary>
        private bool AssignInlinedCall(InlinedCallExpr call)
        {
            var init = call.Init;
            if (init.Count != 2 || init[0] is not AssignListStmt { Op: Op.OAS2 } as2init || init[1] is not InlineMarkStmt) return false;
            if (call.Body.Count != 2 || call.Body[0] is not BlockStmt block || call.Body[1] is not LabelStmt label) return false;
            var list = block.List;
            if (list.Count != 3 || list[0] is not Decl dcl || list[1] is not AssignListStmt { Op: Op.OAS2 } as2body
                || list[2] is not BranchStmt { Op: Op.OGOTO } br || !ReferenceEquals(br.Label, label.Label)) return false;
            if (as2body.Lhs.Count != 1 || !ReferenceEquals(as2body.Lhs[0], dcl.X) || as2body.Rhs.Count != 1) return false;
            foreach (var v in as2init.Lhs)
                if (v is Name { Addrtaken: true }) return false;
            foreach (var r in as2init.Rhs)
                if (AnySideEffects(Subst(r))) return false;
            var count = new Dictionary<Name, int>(ReferenceEqualityComparer.Instance);
            foreach (var x in as2init.Lhs)
                if (x is Name xn) count[xn] = 0;
            bool hasClosure = false;
            Walk.Visit(as2body.Rhs[0], n =>
            {
                if (n is Name nm && count.TryGetValue(nm, out int c)) count[nm] = c + 1;
                if (n is ClosureExpr clo) hasClosure |= clo.Func.IsClosure;
            });
            if (hasClosure) return false;
            for (int i = 0; i < as2init.Lhs.Count; i++)
                if (as2init.Lhs[i] is Name pn && count.GetValueOrDefault(pn) > 1 && !CanRepeat(as2init.Rhs[i])) return false;
            for (int i = 0; i < as2init.Lhs.Count; i++)
                if (as2init.Lhs[i] is Name { IsBlank: false } pn) _args[pn] = as2init.Rhs[i];
            // subst: a conversion of a literal must be truncated to the type, which this model does not do
            if (Walk.Any(as2body.Rhs[0], n => n is ConvExpr { Op: Op.OCONV } cv && Resolve(cv.X) is BasicLit)) return false;
            return StaticAssign(as2body.Rhs[0]);
        }

        private Node Resolve(Node n) => n is Name nm && _args.TryGetValue(nm, out var v) ? Resolve(v) : n;

        /// <summary>StaticAssign's assign: a part laid out statically, or assigned by code.</summary>
        private void Assign(Node v)
        {
            if (StaticAssign(v)) return;
            _out?.Add(new AssignStmt(_pos, l, Subst(v)));
        }

        /// <summary>Models Schedule.StaticAssign for the values an inlined body returns.</summary>
        private bool StaticAssign(Node r0)
        {
            var r = Resolve(StripConvNop(Resolve(r0)));
            switch (r)
            {
                case Name { Class: Class.PFUNC }:
                case NilExpr:
                case BasicLit:
                case SelectorExpr { Op: Op.OMETHEXPR }:
                    return true;
                case Name: // staticcopy of another global: not modelled; its code assigns no allocation
                    return false;
                case AddStringExpr add: // subst's addStr: constant strings only merge into one literal
                    return add.List.TrueForAll(x => Resolve(x) is BasicLit);
                case AddrExpr { Op: Op.OADDR } addr:
                    return Resolve(addr.X) is Name { Class: Class.PEXTERN };
                case AddrExpr { Op: Op.OPTRLIT } p when p.X.Op is Op.OARRAYLIT or Op.OSLICELIT or Op.OSTRUCTLIT or Op.OMAPLIT:
                    Assign(p.X);
                    return true;
                case ConvExpr { Op: Op.OSTR2BYTES } sb:
                    return Resolve(sb.X) is BasicLit;
                case CompLitExpr { Op: Op.OSLICELIT or Op.OARRAYLIT or Op.OSTRUCTLIT } lit:
                    foreach (var e in lit.List)
                    {
                        var x = Resolve(e switch { StructKeyExpr sk => sk.Value, KeyExpr { Value: { } kv } => kv, _ => e });
                        if (x is BasicLit or NilExpr) continue;
                        Assign(x);
                    }
                    return true;
                case ClosureExpr clo:
                    return !clo.Func.IsClosure;
                case ConvExpr { Op: Op.OCONVIFACE } conv:
                {
                    Node val = conv;
                    while (val is ConvExpr { Op: Op.OCONVIFACE } c) val = Resolve(c.X);
                    if (val.Type!.IsInterface) return val is NilExpr;
                    if (val.Type.IsShape) return false;
                    if (IrType.IsDirectIface(val.Type) && val is NilExpr) return true;
                    Assign(val);
                    return true;
                }
                case InlinedCallExpr ic:
                    return AssignInlinedCall(ic);
                default:
                    return false;
            }
        }
    }
}
