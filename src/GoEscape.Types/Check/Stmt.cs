using GoEscape.Syntax;
using K = GoEscape.Types.Constant.Const;
using GoEscape.Types.Constant;

namespace GoEscape.Types;

// Statements and function bodies (models types2 stmt.go, range.go, labels.go, return.go).
public sealed partial class Checker
{
    [Flags]
    private enum StmtContext { None = 0, BreakOk = 1, ContinueOk = 2, FallthroughOk = 4, FinalSwitchCase = 8, InTypeSwitch = 16 }

    internal void FuncBody(DeclInfo? decl, string name, Signature sig, Scope sigScope, BlockStmt body, ConstValue? iota, Env? outer = null)
    {
        var saved = _env;
        _env = new Env
        {
            Decl = decl,
            Scope = sigScope,
            Iota = iota,
            Sig = sig,
            Version = outer?.Version ?? saved.Version,
        };
        try
        {
            StmtList(StmtContext.None, body.List);
            if (_env.HasLabel) Labels(body);
            if (sig.Results.Len > 0 && !IsTerminatingList(body.List, ""))
                Error(body.Rbrace, "missing return");
            Usage(sigScope);
        }
        finally
        {
            _env = saved;
        }
    }

    /// <summary>models types2.(*Checker).usage: reports unused local variables.</summary>
    private void Usage(Scope scope)
    {
        var unused = new List<(Var, Pos)>();
        void Collect(Scope s)
        {
            foreach (var n in s.Names())
            {
                if (s.Lookup(n) is Var v && v.Kind == VarKind.LocalVar && !_usedVars.Contains(v) && v.Name != "_")
                    unused.Add((v, _objPos.GetValueOrDefault(v)));
            }
            foreach (var c in s.Children) if (!c.IsFunc) Collect(c);
        }
        Collect(scope);
        unused.Sort((a, b) => a.Item2.CompareTo(b.Item2));
        foreach (var (v, p) in unused) SoftError(p, $"declared and not used: {v.Name}");
    }

    private void StmtList(StmtContext ctxt, List<Stmt> list)
    {
        bool ok = (ctxt & StmtContext.FallthroughOk) != 0;
        var inner = ctxt & ~(StmtContext.FallthroughOk | StmtContext.FinalSwitchCase);
        int n = list.Count;
        // trailing empty statements are permitted - skip them
        while (n > 0 && list[n - 1] is EmptyStmt) n--;
        for (int i = 0; i < list.Count; i++)
        {
            var s = list[i];
            var ic = inner;
            if (ok && i + 1 == n) ic |= StmtContext.FallthroughOk | (ctxt & StmtContext.FinalSwitchCase);
            StmtCheck(ic, s);
        }
    }

    private void SimpleStmtCheck(SimpleStmt? s)
    {
        if (s != null) StmtCheck(StmtContext.None, s);
    }

    private void StmtCheck(StmtContext ctxt, Stmt s)
    {
        int top = _delayed.Count;
        StmtInner(ctxt, s);
        ProcessDelayed(top);
    }

    private void StmtInner(StmtContext ctxt, Stmt s)
    {
        var inner = ctxt & ~(StmtContext.FallthroughOk | StmtContext.FinalSwitchCase | StmtContext.InTypeSwitch);
        switch (s)
        {
            case EmptyStmt:
                break;
            case DeclStmt ds:
                DeclStmtCheck(ds.DeclList);
                break;
            case LabeledStmt ls:
                _env.HasLabel = true;
                StmtCheck(ctxt, ls.Stmt);
                break;
            case ExprStmt es:
                {
                    var x = new Operand();
                    var kind = RawExpr(null, x, es.X, null, false);
                    string msg = "";
                    switch (x.Mode)
                    {
                        default:
                            if (kind == ExprKind.Statement) return;
                            msg = "is not used";
                            break;
                        case OperandMode.Builtin: msg = "must be called"; break;
                        case OperandMode.TypeExpr: msg = "is not an expression"; break;
                    }
                    Error(x, $"{OpString(x)} {msg}");
                    break;
                }
            case SendStmt ss:
                {
                    var ch = new Operand();
                    var val = new Operand();
                    EvalExpr(null, ch, ss.Chan);
                    EvalExpr(null, val, ss.Value);
                    if (ch.Mode == OperandMode.Invalid || val.Mode == OperandMode.Invalid) return;
                    var elem = ChanElem(s, ch, false);
                    if (elem != null) Assignment(val, elem, "send");
                    break;
                }
            case AssignStmt a:
                {
                    if (a.Rhs == null)
                    {
                        // x++ or x--
                        var x = new Operand();
                        EvalExpr(null, x, a.Lhs);
                        if (x.Mode == OperandMode.Invalid) return;
                        if (!AllNumeric(x.Type))
                        {
                            Error(a.Lhs, $"{InvalidOp}{ExprString(a.Lhs)}{a.Op.String()}{a.Op.String()} (non-numeric type {TS(x.Type)})");
                            return;
                        }
                        // go/types checks x++ as x += 1 with a literal 1 at x's position and records it
                        var start = AtPos(a.Lhs);
                        var one = new BasicLit { Value = "1", LitKind = LitKind.IntLit, Pos = start, End = start.Shift(1) };
                        var y = new Operand { Mode = OperandMode.Constant, Expr = one, Type = Universe.Typ[(int)BasicKind.UntypedInt], Val = K.MakeInt64(1) };
                        if (IsTypeParam(x.Type)) RecordTypeAndValue(one, ExprMode.Constant, x.Type, y.Val);
                        else if (IsTyped(x.Type) && RepresentableConst(y.Val, x.Type, out var oneVal))
                            RecordTypeAndValue(one, ExprMode.Constant, x.Type, oneVal);
                        AssignVar(a.Lhs, null, x, "assignment");
                        return;
                    }
                    var lhs = UnpackList(a.Lhs);
                    var rhs = UnpackList(a.Rhs);
                    switch (a.Op)
                    {
                        case Operator.None:
                            AssignVars(lhs, rhs);
                            return;
                        case Operator.Def:
                            ShortVarDecl(a.Pos, lhs, rhs);
                            return;
                    }
                    if (lhs.Count != 1 || rhs.Count != 1)
                    {
                        Error(a, $"assignment operation {a.Op.String()} requires single-valued expressions");
                        return;
                    }
                    var xx = new Operand();
                    Binary(xx, null, lhs[0], rhs[0], a.Op);
                    AssignVar(lhs[0], null, xx, "assignment operation");
                    break;
                }
            case CallStmt cs:
                {
                    string kind = cs.Tok == Token.Go ? "go" : "defer";
                    // models types2.suspendedCall
                    if (cs.Call is not CallExpr)
                    {
                        Error(cs.Call, $"expression in {kind} must be function call");
                        Use(cs.Call);
                        break;
                    }
                    var x = new Operand();
                    var k = RawExpr(null, x, cs.Call, null, false);
                    string? msg = k switch
                    {
                        ExprKind.Conversion => "requires function call, not conversion",
                        ExprKind.Expression => "discards result of",
                        _ => null,
                    };
                    if (msg != null) Error(x, $"{kind} {msg} {OpString(x)}");
                    break;
                }
            case ReturnStmt rs:
                {
                    var res = _env.Sig!.Results;
                    var results = UnpackList(rs.Results);
                    if (results.Count == 0)
                    {
                        if (res.Len > 0 && res.At(0).Name != "")
                        {
                            // named results: check shadowing
                            foreach (var v in res.Variables)
                            {
                                var alt = _env.LookupScope(v.Name).Obj;
                                if (alt != null && !ReferenceEquals(alt, v))
                                {
                                    Error(s, $"result parameter {v.Name} not in scope at return\n\t{_objPos.GetValueOrDefault(alt).Format()}: inner declaration of {v.Name}".Replace("\n\t: inner", "\n\tinner"));
                                }
                            }
                        }
                        else if (res.Len > 0)
                        {
                            Error(s, $"not enough return values\n\thave ()\n\twant {TupleString(res, false)}");
                        }
                    }
                    else
                    {
                        ReturnStmtCheck(rs, res, results);
                    }
                    break;
                }
            case BranchStmt bs:
                if (bs.Label != null) { _env.HasLabel = true; break; }
                switch (bs.Tok)
                {
                    case Token.Break:
                        if ((ctxt & StmtContext.BreakOk) == 0) Error(s, "break is not in a loop, switch, or select");
                        break;
                    case Token.Continue:
                        if ((ctxt & StmtContext.ContinueOk) == 0) Error(s, "continue is not in a loop");
                        break;
                    case Token.Fallthrough:
                        if ((ctxt & StmtContext.FallthroughOk) == 0)
                        {
                            string msg = "fallthrough statement out of place";
                            if ((ctxt & StmtContext.FinalSwitchCase) != 0) msg = "cannot fallthrough final case in switch";
                            else if ((ctxt & StmtContext.InTypeSwitch) != 0) msg = "cannot fallthrough in type switch";
                            Error(s, msg);
                        }
                        break;
                    case Token.Goto:
                        break;
                }
                break;
            case BlockStmt b:
                {
                    var saved = OpenScope(b, "block");
                    StmtList(inner, b.List);
                    CloseScope(saved);
                    break;
                }
            case IfStmt ifs:
                {
                    var saved = OpenScope(ifs, "if");
                    SimpleStmtCheck(ifs.Init);
                    var x = new Operand();
                    if (ifs.Cond != null)
                    {
                        EvalExpr(null, x, ifs.Cond);
                        if (x.Mode != OperandMode.Invalid && !AllBoolean(x.Type))
                            Error(ifs.Cond, "non-boolean condition in if statement");
                    }
                    StmtCheck(inner, ifs.Then);
                    if (ifs.Else != null) StmtCheck(inner, ifs.Else);
                    CloseScope(saved);
                    break;
                }
            case SwitchStmt sw:
                inner |= StmtContext.BreakOk;
                if (sw.Tag is TypeSwitchGuard g) TypeSwitchStmtCheck(inner | StmtContext.InTypeSwitch, sw, g);
                else SwitchStmtCheck(inner, sw);
                break;
            case SelectStmt sel:
                inner |= StmtContext.BreakOk;
                foreach (var clause in sel.Body)
                {
                    bool valid = false;
                    // types2 stmt (select): the rhs, if any, must be a receive operation, possibly parenthesized
                    Expr? rhs = null;
                    switch (clause.Comm)
                    {
                        case null or SendStmt: valid = true; break;
                        case AssignStmt asg:
                            if (asg.Rhs is not ListExpr) rhs = asg.Rhs;
                            break;
                        case ExprStmt es:
                            rhs = es.X;
                            break;
                    }
                    if (rhs != null && Unparen(rhs) is Operation { Op: Operator.Recv, Y: null }) valid = true;
                    if (!valid)
                    {
                        Error(clause.Comm!, "select case must be send or receive (possibly with assignment)");
                        continue;
                    }
                    var saved = OpenScope(clause, "case");
                    if (clause.Comm != null) StmtCheck(inner, clause.Comm);
                    StmtList(inner, clause.Body);
                    CloseScope(saved);
                }
                break;
            case ForStmt fs:
                inner |= StmtContext.BreakOk | StmtContext.ContinueOk;
                if (fs.Init is RangeClause rc)
                {
                    RangeStmtCheck(inner, fs, rc);
                    break;
                }
                {
                    var saved = OpenScope(fs, "for");
                    SimpleStmtCheck(fs.Init);
                    if (fs.Cond != null)
                    {
                        var x = new Operand();
                        EvalExpr(null, x, fs.Cond);
                        if (x.Mode != OperandMode.Invalid && !AllBoolean(x.Type))
                            Error(fs.Cond, "non-boolean condition in for statement");
                    }
                    SimpleStmtCheck(fs.Post);
                    if (fs.Post is AssignStmt { Op: Operator.Def } post)
                    {
                        Error(post, "cannot declare in post statement of for loop");
                        Use(post.Lhs);
                    }
                    StmtCheck(inner, fs.Body);
                    CloseScope(saved);
                    break;
                }
            default:
                Error(s, "invalid statement");
                break;
        }
    }

    private void ReturnStmtCheck(ReturnStmt rs, Tuple res, List<Expr> results)
    {
        var lhs = res.Variables;
        if (results.Count == lhs.Count && !(results.Count == 1 && Unparen(results[0]) is CallExpr))
        {
            for (int i = 0; i < results.Count; i++)
            {
                var x = new Operand();
                EvalExpr(new Target(lhs[i].Type!, "return"), x, results[i]);
                Assignment(x, lhs[i].Type, "return statement");
            }
            return;
        }
        if (results.Count == 1)
        {
            var vals = MultiExpr(results[0], false);
            if (vals.Count == lhs.Count)
            {
                for (int i = 0; i < vals.Count; i++) Assignment(vals[i], lhs[i].Type, "return statement");
                return;
            }
            if (vals[0].Mode != OperandMode.Invalid) ReturnError(rs, results, vals, res);
            return;
        }
        var ops = new List<Operand>();
        foreach (var r in results) { var x = new Operand(); EvalExpr(null, x, r); ops.Add(x); }
        ReturnError(rs, results, ops, res);
    }

    private void SwitchStmtCheck(StmtContext inner, SwitchStmt s)
    {
        var saved = OpenScope(s, "switch");
        SimpleStmtCheck(s.Init);
        var x = new Operand();
        if (s.Tag != null)
        {
            EvalExpr(null, x, s.Tag);
            Assignment(x, null, "switch expression");
            if (x.Mode != OperandMode.Invalid && !Comparable(x.Type) && !HasNil(x.Type))
            {
                Error(x, $"cannot switch on {OpString(x)} ({TS(x.Type)} is not comparable)");
                x.Mode = OperandMode.Invalid;
            }
        }
        else
        {
            x.Mode = OperandMode.Constant;
            x.Type = Universe.Typ[(int)BasicKind.Bool];
            x.Val = K.MakeBool(true);
            var n = new Name(s.Body.Count > 0 ? s.Body[0].Pos : s.Pos, "true");
            x.Expr = n;
        }
        bool seenDefault = false;
        var seen = new Dictionary<object, List<(Pos Pos, GoType Type)>>();
        for (int i = 0; i < s.Body.Count; i++)
        {
            var clause = s.Body[i];
            if (clause.Cases == null)
            {
                if (seenDefault) Error(clause, "multiple defaults in switch");
                seenDefault = true;
            }
            else CaseValues(x, UnpackList(clause.Cases), seen);
            var cs = OpenScope(clause, "case");
            var ic = inner;
            if (i + 1 < s.Body.Count) ic |= StmtContext.FallthroughOk;
            else ic |= StmtContext.FinalSwitchCase;
            StmtList(ic, clause.Body);
            CloseScope(cs);
        }
        CloseScope(saved);
    }

    /// <summary>models types2.(*Checker).caseValues (seen: types2's valueMap, per switch statement)</summary>
    private void CaseValues(Operand x, List<Expr> values, Dictionary<object, List<(Pos Pos, GoType Type)>> seen)
    {
        foreach (var e in values)
        {
            var v = new Operand();
            EvalExpr(null, v, e);
            if (x.Mode == OperandMode.Invalid || v.Mode == OperandMode.Invalid) continue;
            ConvertUntyped(v, x.Type);
            if (v.Mode == OperandMode.Invalid) continue;
            var res = v.Clone();
            Comparison(res, x, Operator.Eql, true);
            if (res.Mode == OperandMode.Invalid) continue;
            if (v.Mode != OperandMode.Constant) continue;
            var val = GoVal(v.Val);
            if (val == null) continue;
            if (!seen.TryGetValue(val, out var list)) seen[val] = list = new();
            bool dup = false;
            foreach (var vt in list)
            {
                if (GoTypes.Identical(v.Type, vt.Type))
                {
                    Error(v, $"duplicate case {OpString(v)} in expression switch\n\t{vt.Pos.Format()}: previous case");
                    dup = true;
                    break;
                }
            }
            if (!dup) list.Add((v.Expr!.Pos, v.Type));
        }
    }

    /// <summary>models types2.goVal: the Go value of integer, float and string constants (gc checks duplicates only
    /// for those), else null</summary>
    private static object? GoVal(ConstValue? val)
    {
        if (val == null) return null;
        switch (val.Kind)
        {
            case ConstKind.Int:
                {
                    var (i, ok) = K.Int64Val(val);
                    if (ok) return i;
                    var (u, ok2) = K.Uint64Val(val);
                    if (ok2) return u;
                    break;
                }
            case ConstKind.Float:
                {
                    var (f, ok) = K.Float64Val(val);
                    if (ok) return f;
                    break;
                }
            case ConstKind.String:
                return System.Text.Encoding.Latin1.GetString(K.StringVal(val));
        }
        return null;
    }

    private void TypeSwitchStmtCheck(StmtContext inner, SwitchStmt s, TypeSwitchGuard guard)
    {
        var saved = OpenScope(s, "type switch");
        SimpleStmtCheck(s.Init);
        var lhs = guard.Lhs;
        if (lhs != null)
        {
            if (lhs.Value == "_") { Error(lhs, "no new variable on left side of :="); lhs = null; }
            else RecordDef(lhs, null);
        }
        var sx = new Operand();
        EvalExpr(null, sx, guard.X);
        if (sx.Mode == OperandMode.Invalid) { CloseScope(saved); return; }
        if (IsTypeParam(sx.Type))
        {
            Error(sx, $"cannot use type switch on type parameter value {OpString(sx)}");
            CloseScope(saved);
            return;
        }
        if (sx.Type.Underlying() is not Interface)
        {
            Error(sx, $"{OpString(sx)} is not an interface");
            CloseScope(saved);
            return;
        }
        var lhsVars = new List<Var>();
        bool seenDefault = false;
        var seenCases = new List<(GoType? Type, Expr At)>();
        foreach (var clause in s.Body)
        {
            List<Expr> cases = clause.Cases == null ? new List<Expr>() : UnpackList(clause.Cases);
            if (clause.Cases == null)
            {
                if (seenDefault) Error(clause, "multiple defaults in switch");
                seenDefault = true;
            }
            // models types2.(*Checker).caseTypes: duplicates (identical types, or nil twice) across the switch
            GoType? T = null;
            foreach (var e in cases)
            {
                GoType? tt;
                if (e is Name { Value: "nil" } nn && _env.LookupScope("nil").Obj is Nil)
                {
                    tt = null;
                    RecordUse(nn, Universe.NilObj);
                    RecordTypeAndValue(e, ExprMode.NilValue, Universe.Typ[(int)BasicKind.UntypedNil], null);
                }
                else
                {
                    tt = VarType(e);
                    if (!IsValidType(tt)) { T = Universe.Invalid; continue; }
                }
                T = tt;
                int dup = seenCases.FindIndex(c => c.Type == null ? tt == null : tt != null && GoTypes.Identical(tt, c.Type));
                if (dup >= 0)
                {
                    Error(e, $"duplicate case {(tt == null ? "nil" : TS(tt))} in type switch\n\t{AtPos(seenCases[dup].At).Format()}: previous case");
                    continue;
                }
                seenCases.Add((tt, e));
                if (tt != null && !IsInterface(tt)) TypeAssertion(e, sx, tt, true);
            }
            var cs = OpenScope(clause, "case");
            if (lhs != null)
            {
                if (cases.Count != 1 || T == null) T = sx.Type;
                var obj = new Var(VarKind.LocalVar, ToSourcePos(lhs.Pos), _pkg, lhs.Value, T);
                _objPos[obj] = lhs.Pos;
                var scopePos = clause.Colon.IsKnown ? clause.Colon : clause.Pos;
                if (clause.Body.Count > 0) { }
                Declare(_env.Scope!, null, obj, scopePos);
                RecordImplicit(clause, obj);
                lhsVars.Add(obj);
            }
            StmtList(inner, clause.Body);
            CloseScope(cs);
        }
        if (lhs != null)
        {
            bool used = false;
            foreach (var v in lhsVars) if (_usedVars.Contains(v)) { used = true; }
            foreach (var v in lhsVars) _usedVars.Add(v);
            if (!used) SoftError(lhs, $"{lhs.Value} declared and not used");
        }
        CloseScope(saved);
    }

    /// <summary>models types2.(*Checker).rangeStmt</summary>
    /// <summary>models types2.(*Checker).rangeStmt (without the types2-only constant record of array range expressions)</summary>
    private void RangeStmtCheck(StmtContext inner, ForStmt s, RangeClause rc)
    {
        Expr? sKey = rc.Lhs, sValue = null, sExtra = null;
        if (sKey is ListExpr p)
        {
            if (p.ElemList.Count < 2) { Error(s, "invalid lhs in range clause"); return; }
            sKey = p.ElemList[0];
            sValue = p.ElemList[1];
            if (p.ElemList.Count > 2) sExtra = p.ElemList[2];
        }
        bool isDef = rc.Def;
        var x = new Operand();
        EvalExpr(null, x, rc.X);
        GoType? key = null, val = null;
        if (x.Mode != OperandMode.Invalid)
        {
            var (k, v, cause, ok) = RangeKeyVal(x);
            if (!ok && cause != "") SoftError(x.Expr!, $"cannot range over {OpString(x)}: {cause}");
            else if (!ok) SoftError(x.Expr!, $"cannot range over {OpString(x)}");
            else if (k == null && sKey != null) SoftError(sKey, $"range over {OpString(x)} permits no iteration variables");
            else if (v == null && sValue != null) SoftError(sValue, $"range over {OpString(x)} permits only one iteration variable");
            else if (sExtra != null) SoftError(sExtra, "range clause permits at most two iteration variables");
            key = k; val = v;
        }
        var saved = OpenScope(s, "range");
        var lhs = new[] { sKey, sValue };
        var rhs = new[] { key, val };
        bool rangeOverInt = x.Mode != OperandMode.Invalid && IsInteger(x.Type);
        if (isDef)
        {
            var vars = new List<Var>();
            for (int i = 0; i < 2; i++)
            {
                var lh = lhs[i];
                if (lh == null) continue;
                Var obj;
                if (lh is Name ident)
                {
                    obj = new Var(VarKind.LocalVar, ToSourcePos(ident.Pos), _pkg, ident.Value, null);
                    _objPos[obj] = ident.Pos;
                    RecordDef(ident, obj);
                    if (ident.Value != "_") vars.Add(obj);
                }
                else
                {
                    Error(lh, $"cannot declare {ExprString(lh)}");
                    obj = new Var(VarKind.LocalVar, ToSourcePos(AtPos(lh)), _pkg, "_", null);
                }
                var typ = rhs[i];
                if (typ == null || !IsValidType(typ)) { obj.Type = Universe.Invalid; _usedVars.Add(obj); continue; }
                if (rangeOverInt) InitVar(obj, x, "range clause");
                else InitVar(obj, new Operand { Mode = OperandMode.Value, Expr = lh, Type = typ }, "assignment");
            }
            if (vars.Count > 0)
            {
                var scopePos = s.Body.Pos;
                foreach (var obj in vars) Declare(_env.Scope!, null, obj, scopePos);
            }
            else Error(s, "no new variables on left side of :=");
        }
        else if (sKey != null)
        {
            for (int i = 0; i < 2; i++)
            {
                var lh = lhs[i];
                if (lh == null) continue;
                var typ = rhs[i];
                if (typ == null || !IsValidType(typ)) continue;
                if (rangeOverInt)
                {
                    AssignVar(lh, null, x, "range clause");
                    if (x.Mode != OperandMode.Invalid && !IsInteger(x.Type))
                        SoftError(lh, $"cannot use iteration variable of type {TS(x.Type)}");
                }
                else AssignVar(lh, null, new Operand { Mode = OperandMode.Value, Expr = lh, Type = typ }, "assignment");
            }
        }
        else if (rangeOverInt)
        {
            Assignment(x, null, "range clause");
        }
        StmtCheck(inner, s.Body);
        CloseScope(saved);
    }

    /// <summary>models types2.rangeKeyVal</summary>
    private (GoType? Key, GoType? Val, string Cause, bool Ok) RangeKeyVal(Operand x)
    {
        static (GoType?, GoType?, string, bool) Bad(string cause) => (Universe.Invalid, Universe.Invalid, cause, false);
        var orig = x.Type;
        var (rtyp, err) = CommonUnder(orig, (t, u) => u is Chan { Dir: ChanDir.SendOnly } ? $"receive from send-only channel {TS(t!)}" : null);
        if (rtyp == null) return Bad(err ?? "");
        var typ = rtyp is Pointer { Elem: var pe } && pe.Underlying() is Array pa ? pa : rtyp;
        switch (typ)
        {
            case Basic b:
                if (IsString(b)) return (Universe.Typ[(int)BasicKind.Int], Universe.RuneType, "", true);
                if (IsInteger(b))
                {
                    if (!AllowVersion(GoVersions.Go1_22)) return Bad("requires go1.22 or later");
                    return (orig, null, "", true);
                }
                break;
            case Array a: return (Universe.Typ[(int)BasicKind.Int], a.Elem, "", true);
            case Slice sl: return (Universe.Typ[(int)BasicKind.Int], sl.Elem, "", true);
            case Map m: return (m.Key, m.Elem, "", true);
            case Chan c: return (c.Elem, null, "", true);
            case Signature sig:
                {
                    if (!AllowVersion(GoVersions.Go1_23)) return Bad("requires go1.23 or later");
                    if (sig.Params.Len != 1) return Bad("func must be func(yield func(...) bool): wrong argument count");
                    if (sig.Results.Len != 0) return Bad("func must be func(yield func(...) bool): unexpected results");
                    var (cu, cerr) = CommonUnder(sig.Params.At(0).Type!);
                    var cb = cu as Signature;
                    if (cb == null)
                    {
                        if (cerr != null) return Bad($"func must be func(yield func(...) bool): in yield type, {cerr}");
                        return Bad("func must be func(yield func(...) bool): argument is not func");
                    }
                    if (cb.Params.Len > 2) return Bad("func must be func(yield func(...) bool): yield func has too many parameters");
                    if (cb.Results.Len != 1 || !GoTypes.Identical(cb.Results.At(0).Type!, Universe.Typ[(int)BasicKind.Bool]))
                    {
                        if (cb.Results.Len == 1 && IsBoolean(cb.Results.At(0).Type!))
                            return Bad("func must be func(yield func(...) bool): yield func returns user-defined boolean, not bool");
                        return Bad("func must be func(yield func(...) bool): yield func does not return bool");
                    }
                    if (cb.Variadic) return Bad($"yield func of type {TS(cb)} cannot be variadic");
                    GoType? k = cb.Params.Len >= 1 ? cb.Params.At(0).Type : null;
                    GoType? v = cb.Params.Len >= 2 ? cb.Params.At(1).Type : null;
                    return (k, v, "", true);
                }
        }
        return (null, null, "", false);
    }

    // ------------------------------------------------------------------------------------------------
    // Labels (simplified models of types2 labels.go: declared-and-not-used labels and undefined labels)

    private void Labels(BlockStmt body)
    {
        var all = new Dictionary<string, (Label Obj, Pos Pos)>();
        var uses = new List<BranchStmt>();
        void Walk(Stmt? s)
        {
            switch (s)
            {
                case null: return;
                case LabeledStmt ls:
                    {
                        var name = ls.Label.Value;
                        if (name != "_")
                        {
                            var lbl = new Label(ToSourcePos(ls.Label.Pos), _pkg, name);
                            if (all.TryGetValue(name, out var alt))
                                Error(ls.Label, $"label {name} already declared\n\t{alt.Pos.Format()}: other declaration of {name}");
                            else
                            {
                                all[name] = (lbl, ls.Label.Pos);
                                RecordDef(ls.Label, lbl);
                            }
                        }
                        Walk(ls.Stmt);
                        break;
                    }
                case BranchStmt bs when bs.Label != null:
                    uses.Add(bs);
                    break;
                case BlockStmt b: foreach (var x in b.List) Walk(x); break;
                case IfStmt i: Walk(i.Then); Walk(i.Else); break;
                case ForStmt f: Walk(f.Body); break;
                case SwitchStmt sw: foreach (var c in sw.Body) foreach (var x in c.Body) Walk(x); break;
                case SelectStmt sel: foreach (var c in sel.Body) foreach (var x in c.Body) Walk(x); break;
            }
        }
        foreach (var s in body.List) Walk(s);
        foreach (var bs in uses)
        {
            var name = bs.Label!.Value;
            if (all.TryGetValue(name, out var l))
            {
                l.Obj.Used = true;
                RecordUse(bs.Label, l.Obj);
            }
            else
            {
                string msg = $"label {name} not declared";
                if (bs.Tok == Token.Goto) msg = $"label {name} not defined";
                Error(bs.Label, msg);
            }
        }
        foreach (var (name, (obj, pos)) in all)
            if (!obj.Used) SoftError(pos, $"label {name} declared and not used");
    }

    // ------------------------------------------------------------------------------------------------
    // Terminating statements (models types2 return.go)

    private bool IsTerminating(Stmt? s, string label)
    {
        switch (s)
        {
            case null: return false;
            case ReturnStmt: return true;
            case BranchStmt b: return b.Tok is Token.Goto or Token.Fallthrough;
            case ExprStmt es:
                if (Unparen(es.X) is CallExpr call && IsPanicCall(call)) return true;
                return false;
            case LabeledStmt ls: return IsTerminating(ls.Stmt, ls.Label.Value);
            case BlockStmt b: return IsTerminatingList(b.List, "");
            case IfStmt i: return i.Else != null && IsTerminating(i.Then, "") && IsTerminating(i.Else, "");
            case SwitchStmt sw: return IsTerminatingSwitch(sw.Body, label);
            case SelectStmt sel:
                foreach (var cc in sel.Body)
                    if (!IsTerminatingList(cc.Body, "") || HasBreakList(cc.Body, label, true)) return false;
                return true;
            case ForStmt f:
                if (f.Init is RangeClause) return false;
                return f.Cond == null && !HasBreak(f.Body, label, true);
        }
        return false;
    }

    private bool IsPanicCall(CallExpr call)
    {
        var fun = Unparen(call.Fun);
        return fun is Name n && Info.Uses.TryGetValue(n, out var o) && o is Builtin { Kind: BuiltinId.Panic };
    }

    private bool IsTerminatingList(List<Stmt> list, string label)
    {
        int i = list.Count - 1;
        while (i >= 0 && list[i] is EmptyStmt) i--;
        return i >= 0 && IsTerminating(list[i], label);
    }

    private bool IsTerminatingSwitch(List<CaseClause> body, string label)
    {
        bool hasDefault = false;
        foreach (var cc in body)
        {
            if (cc.Cases == null) hasDefault = true;
            if (!IsTerminatingList(cc.Body, "") || HasBreakList(cc.Body, label, true)) return false;
        }
        return hasDefault;
    }

    private static bool HasBreakList(List<Stmt> list, string label, bool implicitly)
    {
        foreach (var s in list) if (HasBreak(s, label, implicitly)) return true;
        return false;
    }

    private static bool HasBreak(Stmt? s, string label, bool implicitly)
    {
        switch (s)
        {
            case null: return false;
            case LabeledStmt ls: return HasBreak(ls.Stmt, label, implicitly);
            case BranchStmt b:
                if (b.Tok == Token.Break)
                {
                    if (b.Label == null) return implicitly;
                    if (b.Label.Value == label) return true;
                }
                return false;
            case BlockStmt b: return HasBreakList(b.List, label, implicitly);
            case IfStmt i: return HasBreak(i.Then, label, implicitly) || HasBreak(i.Else, label, implicitly);
            case SwitchStmt sw:
                if (label == "") return false;
                foreach (var cc in sw.Body) if (HasBreakList(cc.Body, label, false)) return true;
                return false;
            case SelectStmt sel:
                if (label == "") return false;
                foreach (var cc in sel.Body) if (HasBreakList(cc.Body, label, false)) return true;
                return false;
            case ForStmt f:
                if (label == "") return false;
                return HasBreak(f.Body, label, false);
        }
        return false;
    }
}
