using GoEscape.Types;
using Tuple = GoEscape.Types.Tuple;
using GoArray = GoEscape.Types.Array;
using GoSlice = GoEscape.Types.Slice;
using CConst = GoEscape.Types.Constant.Const;
using Syn = GoEscape.Syntax;

namespace GoEscape.IR.Lowering;

public sealed partial class Lowerer
{
    /// <summary>gc's ir.BlankNode: the "_" name.</summary>
    private static Name NewBlank() => new(default, new IrSym(null, "_"), null, Class.Pxxx);

    /// <summary>Models writer.stmts: statements after a terminating statement (and after the last label) are dropped.</summary>
    private List<Node> Block(List<Syn.Stmt> stmts)
    {
        var out1 = new List<Node>();
        LiveStmts(stmts, s => Stmt(s, out1));
        return out1;
    }

    /// <summary>
    /// writer.stmts' dead-code rule: calls <paramref name="keep"/> on each statement the writer keeps (none after a
    /// terminating statement, except labels and what follows the last label); returns whether the list ends dead.
    /// </summary>
    private bool LiveStmts(List<Syn.Stmt> stmts, Action<Syn.Stmt>? keep)
    {
        int lastLabel = -1;
        for (int i = 0; i < stmts.Count; i++) if (stmts[i] is Syn.LabeledStmt) lastLabel = i;
        bool dead = false;
        for (int i = 0; i < stmts.Count; i++)
        {
            var s = stmts[i];
            if (dead && i > lastLabel && s is not Syn.LabeledStmt) continue;
            keep?.Invoke(s);
            dead = Terminates(s);
        }
        return dead;
    }

    /// <summary>Models pkgWriter.staticBool: +1/-1 for a statically true/false condition (possibly narrowing it to a
    /// sub-expression, as gc's writer does), 0 otherwise.</summary>
    private int StaticBool(ref Syn.Expr e)
    {
        if (_info.ValueOf(e) is { } v && v.Kind == GoEscape.Types.Constant.ConstKind.Bool)
            return CConst.BoolVal(v) ? 1 : -1;
        if (e is Syn.Operation op)
        {
            switch (op.Op)
            {
                case Syn.Operator.Not:
                {
                    var x = op.X;
                    return StaticBool(ref x);
                }
                case Syn.Operator.AndAnd when op.Y != null:
                {
                    var x = op.X;
                    int xs = StaticBool(ref x);
                    if (xs < 0) { e = x; return xs; }
                    var y = op.Y;
                    int ys = StaticBool(ref y);
                    if (xs > 0 || ys < 0)
                    {
                        if (_info.ValueOf(op.X) != null) e = y;
                        return ys;
                    }
                    break;
                }
                case Syn.Operator.OrOr when op.Y != null:
                {
                    var x = op.X;
                    int xs = StaticBool(ref x);
                    if (xs > 0) { e = x; return xs; }
                    var y = op.Y;
                    int ys = StaticBool(ref y);
                    if (xs < 0 || ys > 0)
                    {
                        if (_info.ValueOf(op.X) != null) e = y;
                        return ys;
                    }
                    break;
                }
            }
        }
        return 0;
    }

    /// <summary>Models pkgWriter.terminates.</summary>
    private bool Terminates(Syn.Stmt? s)
    {
        switch (s)
        {
            case Syn.BranchStmt br: return br.Tok == Syn.Token.Goto || RangeFuncBranchTerminates(br);
            case Syn.ReturnStmt: return true;
            case Syn.ExprStmt es:
                return Unparen(es.X) is Syn.CallExpr call && _info.IsBuiltin(Unparen(call.Fun))
                       && Unparen(call.Fun) is Syn.Name { Value: "panic" };
            case Syn.IfStmt ifs:
            {
                var c = ifs.Cond!;
                int cond = StaticBool(ref c);
                return (cond < 0 || Terminates(ifs.Then)) && (cond > 0 || Terminates(ifs.Else));
            }
            case Syn.BlockStmt b:
            {
                Syn.Stmt? last = null;
                for (int i = b.List.Count - 1; i >= 0; i--) if (b.List[i] is not Syn.EmptyStmt) { last = b.List[i]; break; }
                return Terminates(last);
            }
        }
        return false;
    }

    private Node? SimpleStmt(Syn.SimpleStmt? s)
    {
        if (s == null) return null;
        var l = new List<Node>();
        Stmt(s, l);
        return l.Count switch
        {
            0 => null,
            1 => l[0],
            _ => new BlockStmt(l[0].Pos, l),
        };
    }

    private void Stmt(Syn.Stmt s, List<Node> out1)
    {
        if (s is Syn.ReturnStmt or Syn.BranchStmt && RangeFuncStmt(s, out1)) return; // see RangeFunc.cs
        switch (s)
        {
            case Syn.EmptyStmt: return;
            case Syn.BlockStmt b:
                out1.AddRange(Block(b.List)); // reader: stmtBlock appends the block's statements
                return;
            case Syn.ExprStmt e:
                out1.Add(Expr(e.X));
                return;
            case Syn.SendStmt snd:
            {
                var ch = Expr(snd.Chan);
                var ct = (Chan)(GoTypes.CoreType(TypeOf(snd.Chan)) ?? TypeOf(snd.Chan).Underlying());
                out1.Add(new SendStmt(Pos(snd), ch, ConvTo(ct.Elem, snd.Value)));
                return;
            }
            case Syn.DeclStmt d:
                foreach (var decl in d.DeclList)
                    if (decl is Syn.VarDecl vd) VarDecl(vd, out1);
                return;
            case Syn.AssignStmt a:
                Assign(a, out1);
                return;
            case Syn.BranchStmt br:
            {
                var op = br.Tok switch
                {
                    Syn.Token.Break => Op.OBREAK, Syn.Token.Continue => Op.OCONTINUE,
                    Syn.Token.Goto => Op.OGOTO, _ => Op.OFALL,
                };
                out1.Add(new BranchStmt(op, Pos(br), br.Label == null ? null : LabelSym(br.Label.Value)));
                return;
            }
            case Syn.CallStmt cs:
            {
                var op = cs.Tok == Syn.Token.Go ? Op.OGO : Op.ODEFER;
                var pos = Pos(cs);
                var call = Expr(cs.Call);
                var g = new GoDeferStmt(op, pos, call);
                g.Call = NormalizeGoDefer(pos, op, call, g.Init);
                RangeFuncDefer(cs, g);
                out1.Add(g);
                return;
            }
            case Syn.ReturnStmt r:
            {
                var sig = _fn.Signature;
                var rs = new List<Node>();
                if (r.Results != null)
                {
                    var exprs = r.Results is Syn.ListExpr le ? le.ElemList : [r.Results];
                    var resVars = ResultVars();
                    rs = MultiExpr(Pos(r), i => i < resVars.Count ? resVars[i] : null, exprs);
                }
                out1.Add(new ReturnStmt(Pos(r), rs));
                return;
            }
            case Syn.LabeledStmt ls:
                out1.Add(new LabelStmt(Pos(ls), LabelSym(ls.Label.Value)));
                Stmt(ls.Stmt, out1);
                return;
            case Syn.IfStmt ifs:
                if (If(ifs) is { } ifn) out1.Add(ifn);
                return;
            case Syn.ForStmt fs:
                For(fs, out1);
                return;
            case Syn.SwitchStmt sw:
                out1.Add(Switch(sw));
                return;
            case Syn.SelectStmt sel:
                out1.Add(Select(sel));
                return;
            default:
                throw new NotSupportedException("statement " + s.Kind);
        }
    }

    private readonly Dictionary<string, IrSym> _labelSyms = new(StringComparer.Ordinal);

    /// <summary>Label symbols are interned (gc's types.Sym): escape analysis keys its label states by reference.</summary>
    private IrSym LabelSym(string name)
    {
        if (!_labelSyms.TryGetValue(name, out var s)) _labelSyms[name] = s = new IrSym(_symPkg, name);
        return s;
    }

    /// <summary>Go types of the current function's results (for return statement conversions).</summary>
    private List<GoType> ResultVars()
    {
        var l = new List<GoType>();
        foreach (var kv in _resultTypes.TryGetValue(_fn, out var rt) ? rt : []) l.Add(kv);
        return l;
    }

    private readonly Dictionary<Func, List<GoType>> _resultTypes = new(ReferenceEqualityComparer.Instance);

    private void SetResultTypes(Func fn, Signature sig)
    {
        var l = new List<GoType>();
        foreach (var v in sig.Results.Variables) l.Add(_subst(v.Type!));
        _resultTypes[fn] = l;
    }

    // ---- declarations and assignments

    private void VarDecl(Syn.VarDecl vd, List<Node> out1)
    {
        var pos = Pos(vd.NameList[0]);
        if (vd.Values == null)
        {
            foreach (var nm in vd.NameList)
            {
                if (_info.DefOf(nm) is not Var v) continue;
                var n = v.Name == "_" ? NewBlank() : DeclareLocal(v, nm.Pos);
                var asn = new AssignStmt(pos, n, null);
                if (v.Name != "_") asn.Init.Add(new Decl(pos, n));
                out1.Add(asn);
            }
            return;
        }
        var rhs = vd.Values is Syn.ListExpr le ? le.ElemList : [vd.Values];
        var names = new List<Name>();
        var lhs = new List<Node>();
        var dst = new List<GoType?>();
        foreach (var nm in vd.NameList)
        {
            var v = _info.DefOf(nm) as Var;
            if (v == null || v.Name == "_") { lhs.Add(NewBlank()); dst.Add(null); continue; }
            var n = DeclareLocal(v, nm.Pos);
            names.Add(n);
            lhs.Add(n);
            dst.Add(v.Type is { } vt ? _subst(vt) : null);
        }
        var rs = MultiExpr(pos, i => i < dst.Count ? dst[i] : null, rhs, dst.Count);
        AssignNodes(pos, names, lhs, rs, out1);
    }

    private void AssignNodes(XPos pos, List<Name> names, List<Node> lhs, List<Node> rhs, List<Node> out1)
    {
        Node asn;
        if (lhs.Count == 1 && rhs.Count == 1) asn = new AssignStmt(pos, lhs[0], rhs[0]) { Def = names.Count > 0 };
        else
        {
            var a2 = new AssignListStmt(Op.OAS2, pos, lhs, rhs) { Def = names.Count > 0 };
            asn = a2;
        }
        // reader.initDefn
        foreach (var n in names)
        {
            n.Defn = asn;
            asn.Init.Add(new Decl(n.Pos, n));
        }
        out1.Add(asn);
    }

    private void Assign(Syn.AssignStmt a, List<Node> out1)
    {
        var pos = Pos(a);
        if (a.Rhs == null)
        {
            // x++ / x--
            var x = Expr(a.Lhs);
            var one = new BasicLit(pos, x.Type, IrConst.OfInt(1));
            out1.Add(new AssignOpStmt(pos, a.Op == Syn.Operator.Add ? Op.OADD : Op.OSUB, x, one) { IncDec = true });
            return;
        }
        if (a.Op != Syn.Operator.None && a.Op != Syn.Operator.Def)
        {
            var x = Expr(a.Lhs);
            Node y;
            if (a.Op is Syn.Operator.Shl or Syn.Operator.Shr) y = Expr(a.Rhs);
            else y = ConvTo(TypeOf(Unparen(a.Lhs)), a.Rhs);
            var op = a.Op switch
            {
                Syn.Operator.Add => Op.OADD, Syn.Operator.Sub => Op.OSUB, Syn.Operator.Or => Op.OOR, Syn.Operator.Xor => Op.OXOR,
                Syn.Operator.Mul => Op.OMUL, Syn.Operator.Div => Op.ODIV, Syn.Operator.Rem => Op.OMOD, Syn.Operator.And => Op.OAND,
                Syn.Operator.AndNot => Op.OANDNOT, Syn.Operator.Shl => Op.OLSH, Syn.Operator.Shr => Op.ORSH,
                _ => throw new NotSupportedException("assign op " + a.Op),
            };
            if (y is BasicLit bl && x.Type != null && a.Op is not (Syn.Operator.Shl or Syn.Operator.Shr)) bl.Type = x.Type;
            out1.Add(new AssignOpStmt(pos, op, x, y));
            return;
        }
        var lhsExprs = a.Lhs is Syn.ListExpr ll ? ll.ElemList : [a.Lhs];
        var rhsExprs = a.Rhs is Syn.ListExpr rl ? rl.ElemList : [a.Rhs];
        var (names, lhs, dst) = AssignList(lhsExprs, a.Op == Syn.Operator.Def);
        var rs = MultiExpr(pos, i => i < dst.Count ? dst[i] : null, rhsExprs, dst.Count);
        AssignNodes(pos, names, lhs, rs, out1);
    }

    /// <summary>Models reader.assignList: new variables of := are declared; blanks become ir.BlankNode.</summary>
    private (List<Name> Names, List<Node> Lhs, List<GoType?> Dst) AssignList(List<Syn.Expr> exprs, bool def)
    {
        var names = new List<Name>();
        var lhs = new List<Node>();
        var dst = new List<GoType?>();
        foreach (var e0 in exprs)
        {
            var e = Unparen(e0);
            if (e is Syn.Name nm)
            {
                if (nm.Value == "_") { lhs.Add(NewBlank()); dst.Add(null); continue; }
                if (def && _info.DefOf(nm) is Var nv)
                {
                    var n = DeclareLocal(nv, nm.Pos);
                    names.Add(n);
                    lhs.Add(n);
                    dst.Add(nv.Type is { } nvt ? _subst(nvt) : null);
                    continue;
                }
            }
            lhs.Add(Expr(e));
            dst.Add(TypeOf(e));
        }
        return (names, lhs, dst);
    }

    // ---- control flow

    /// <summary>Models writer/reader ifStmt: a statically decided condition keeps only the live branch, flattened into a
    /// block (with "_ = cond" for a non-constant condition).</summary>
    private Node? If(Syn.IfStmt ifs)
    {
        var condExpr = ifs.Cond!;
        int sc = StaticBool(ref condExpr);
        var init = new List<Node>();
        if (ifs.Init != null) Stmt(ifs.Init, init);
        var cond = Expr(condExpr);
        var then = sc >= 0 ? Block(ifs.Then.List) : [];
        var els = new List<Node>();
        if (sc <= 0)
        {
            if (ifs.Else is Syn.IfStmt ei) { if (If(ei) is { } en) els.Add(en); }
            else if (ifs.Else is Syn.BlockStmt eb) els.AddRange(Block(eb.List));
        }
        if (sc != 0)
        {
            if (cond is not BasicLit) init.Add(new AssignStmt(Pos(ifs), NewBlank(), cond));
            init.AddRange(then);
            init.AddRange(els);
            return init.Count switch { 0 => null, 1 => init[0], _ => new BlockStmt(init[0].Pos, init) };
        }
        var n = new IfStmt(Pos(ifs), cond, then, els);
        n.Init.AddRange(init);
        return n;
    }

    private bool DistinctVars()
        => _fileVersion.Length == 0 || CompareVersion(_fileVersion, "go1.22") >= 0;

    private static int CompareVersion(string a, string b)
    {
        static int[] Parse(string v)
        {
            var parts = v.StartsWith("go", StringComparison.Ordinal) ? v[2..].Split('.') : v.Split('.');
            var r = new int[3];
            for (int i = 0; i < parts.Length && i < 3; i++)
            {
                var digits = new string(parts[i].TakeWhile(char.IsAsciiDigit).ToArray());
                r[i] = digits.Length == 0 ? 0 : int.Parse(digits, System.Globalization.CultureInfo.InvariantCulture);
            }
            return r;
        }
        var x = Parse(a);
        var y = Parse(b);
        for (int i = 0; i < 3; i++) if (x[i] != y[i]) return x[i].CompareTo(y[i]);
        return 0;
    }

    private void For(Syn.ForStmt fs, List<Node> out1)
    {
        if (fs.Init is Syn.RangeClause rc)
        {
            if (IsRangeFunc(rc)) RangeFunc(fs, rc, out1);
            else out1.Add(Range(fs, rc));
            return;
        }
        var init = new List<Node>();
        var condExpr = fs.Cond;
        bool alwaysFalse = condExpr != null && StaticBool(ref condExpr) < 0;
        if (fs.Init != null) Stmt(fs.Init, init);
        Node? cond = condExpr == null ? null : Expr(condExpr);
        var post = alwaysFalse ? null : SimpleStmt(fs.Post);
        var body = alwaysFalse ? [] : Block(fs.Body.List);
        if (cond is BasicLit { Val.Kind: ConstKind.Bool } bl && !(bool)bl.Val.Value)
        {
            out1.AddRange(init); // "for false {...}": only the init remains
            return;
        }
        var f = new ForStmt(Pos(fs), cond, post, body) { DistinctVars = DistinctVars() };
        f.Init.AddRange(init);
        out1.Add(f);
    }

    private Node Range(Syn.ForStmt fs, Syn.RangeClause rc)
    {
        var xt = TypeOf(rc.X);
        var core = GoTypes.CoreType(xt) ?? xt.Underlying();
        if (core is Signature) throw new NotSupportedException("range over func");
        var lhsExprs = rc.Lhs == null ? [] : rc.Lhs is Syn.ListExpr le ? le.ElemList : [rc.Lhs];
        var (names, lhs, _) = AssignList(lhsExprs, rc.Def);
        var x = Expr(rc.X);
        var body = Block(fs.Body.List);
        var r = new RangeStmt(Pos(rc), x, lhs.Count > 0 ? lhs[0] : null, lhs.Count > 1 ? lhs[1] : null, body)
        {
            DistinctVars = DistinctVars(),
        };
        foreach (var n in names)
        {
            n.Defn = r;
            r.Init.Add(new Decl(n.Pos, n));
        }
        return r;
    }

    private Node Switch(Syn.SwitchStmt sw)
    {
        var init = new List<Node>();
        if (sw.Init != null) Stmt(sw.Init, init);
        Node? tag = null;
        GoType? tagType = null;
        TypeSwitchGuard? guard = null;
        if (sw.Tag is Syn.TypeSwitchGuard g)
        {
            var x = Expr(g.X);
            guard = new TypeSwitchGuard(Pos(g), g.Lhs == null ? null : new IrSym(_symPkg, g.Lhs.Value), x);
            tag = guard;
        }
        IReadOnlyList<Syn.CaseClause> clauses = sw.Body;
        Syn.CaseClause? onlyClause = null;
        if (guard == null && ConstSwitchTarget(sw) is var (folded, target) && folded)
        {
            // the switch becomes "switch { default: target body }" (or empty) with no tag
            clauses = target == null ? [] : [target];
            onlyClause = target;
        }
        else if (guard == null && sw.Tag != null)
        {
            tagType = TypeOf(Unparen(sw.Tag));
            tag = Expr(sw.Tag);
        }
        var cases = new List<CaseClause>();
        foreach (var cc in clauses)
        {
            var list = new List<Node>();
            IReadOnlyList<Syn.Expr> exprs = cc.Cases == null || cc == onlyClause ? [] : cc.Cases is Syn.ListExpr le ? le.ElemList : [cc.Cases];
            foreach (var ce in exprs)
            {
                if (guard != null)
                {
                    if (_info.IsType(ce)) list.Add(new TypeNode(Pos(ce), T(TypeOf(ce))));
                    else list.Add(new NilExpr(Pos(ce), null));
                }
                else list.Add(tagType != null ? ConvTo(tagType, ce) : Expr(ce));
            }
            Name? cvar = null;
            if (guard != null && g2(sw) is { Lhs: not null } && _info.ImplicitOf(cc) is Var v)
            {
                cvar = DeclareLocal(v, exprs.Count != 0 ? TypeExprEndPos(exprs[^1]) : cc.Pos);
                cvar.Defn = guard;
            }
            var body = Block(cc.Body);
            cases.Add(new CaseClause(Pos(cc), list, body) { Var = cvar });
        }
        var n = new SwitchStmt(Pos(sw), tag, cases);
        n.Init.AddRange(init);
        return n;

        static Syn.TypeSwitchGuard? g2(Syn.SwitchStmt s) => s.Tag as Syn.TypeSwitchGuard;
    }

    /// <summary>
    /// Models writer.switchStmt's constant folding: a switch whose tag is constant (or absent, i.e. true) and whose case
    /// values are all constant keeps only the clause it always branches to (unless that ends in fallthrough), or none.
    /// Returns (false, null) when the switch is left alone.
    /// </summary>
    private (bool Folded, Syn.CaseClause? Target) ConstSwitchTarget(Syn.SwitchStmt sw)
    {
        var tagValue = sw.Tag == null ? CConst.MakeBool(true) : _info.ValueOf(sw.Tag);
        if (tagValue == null) return (false, null);
        Syn.CaseClause? target = null;
        foreach (var clause in sw.Body)
        {
            if (clause.Cases == null) target = clause;
            bool hit = false;
            foreach (var cas in Syn.Parser.UnpackListExpr(clause.Cases))
            {
                if (_info.ValueOf(cas) is not { } cv) return (false, null); // non-constant case; give up
                if (CConst.Compare(tagValue, GoEscape.Types.Constant.CompareOperator.Eql, cv)) { hit = true; break; }
            }
            if (hit) { target = clause; break; }
        }
        if (target != null)
        {
            Syn.Stmt? last = null;
            foreach (var st in target.Body) if (st is not Syn.EmptyStmt) last = st;
            if (last is Syn.BranchStmt { Tok: Syn.Token.Fallthrough }) return (false, null); // fallthrough is tricky
        }
        return (true, target);
    }

    /// <summary>
    /// Models noder's typeExprEndPos (quirks.go): a type switch clause variable is positioned at the last type of its
    /// case list, at that type's innermost element type name (*T, []T at T; pkg.T at pkg).
    /// </summary>
    private static Syn.Pos TypeExprEndPos(Syn.Expr e)
    {
        while (true)
        {
            switch (e)
            {
                case Syn.SelectorExpr se: return se.X.Pos;
                case Syn.ParenExpr pe: e = pe.X; break;
                case Syn.Operation op when op.Y == null: e = op.X; break;
                case Syn.ArrayType at: e = at.Elem; break;
                case Syn.ChanType ct: e = ct.Elem; break;
                case Syn.DotsType dt: e = dt.Elem; break;
                case Syn.MapType mt: e = mt.Value; break;
                case Syn.SliceType st: e = st.Elem; break;
                case Syn.InterfaceType it when it.MethodList.Count != 0: e = it.MethodList[^1].Type; break;
                case Syn.FuncType ft when ft.ResultList.Count != 0: e = ft.ResultList[^1].Type; break;
                case Syn.FuncType ft when ft.ParamList.Count != 0: e = ft.ParamList[^1].Type; break;
                case Syn.IndexExpr ix: e = Syn.Parser.UnpackListExpr(ix.Index)[^1]; break;
                default: return e.Pos; // Name, StructType, empty interface/func types, nil
            }
        }
    }

    /// <summary>
    /// typecheck.tcSelect's rewrite of a receive case: "&lt;-c" becomes "_, _ = &lt;-c" and "x = &lt;-c" (or :=)
    /// becomes "x, _ = &lt;-c" (OSELRECV2), dropping an implicit conversion of the received value.
    /// </summary>
    private static Node SelRecv(Node n)
    {
        AssignListStmt Recv2(Node dst, Node recv, bool def)
        {
            var s = new AssignListStmt(Op.OSELRECV2, n.Pos, [dst, NewBlank()], [recv]) { Def = def };
            s.Init.AddRange(n.Init);
            n.Init.Clear();
            if (def && dst is Name d && d.Defn == n) d.Defn = s;
            return s;
        }
        switch (n)
        {
            case UnaryExpr { Op: Op.ORECV } r:
                return Recv2(NewBlank(), r, false);
            case AssignStmt { Op: Op.OAS, Y: { } y } a:
                if (y is ConvExpr { Op: Op.OCONVNOP, Implicit: true } c) y = c.X;
                return y.Op == Op.ORECV ? Recv2(a.X, y, a.Def) : n;
            default:
                return n;
        }
    }

    private Node Select(Syn.SelectStmt sel)
    {
        var cases = new List<CommClause>();
        foreach (var cc in sel.Body)
        {
            Node? comm = null;
            if (cc.Comm != null)
            {
                if (cc.Comm is Syn.AssignStmt { Rhs: not null } a && a.Lhs is Syn.ListExpr)
                {
                    var lhsExprs = ((Syn.ListExpr)a.Lhs).ElemList;
                    var (names, lhs, _) = AssignList(lhsExprs, a.Op == Syn.Operator.Def);
                    var recv = Expr(a.Rhs!);
                    var s2 = new AssignListStmt(Op.OSELRECV2, Pos(a), lhs, [recv]) { Def = names.Count > 0 };
                    foreach (var n in names) { n.Defn = s2; s2.Init.Add(new Decl(n.Pos, n)); }
                    comm = s2;
                }
                else
                {
                    var l = new List<Node>();
                    Stmt(cc.Comm, l);
                    comm = l.Count == 1 ? SelRecv(l[0]) : new BlockStmt(Pos(cc), l);
                }
            }
            cases.Add(new CommClause(Pos(cc), comm, Block(cc.Body)));
        }
        return new SelectStmt(Pos(sel), cases);
    }
}
