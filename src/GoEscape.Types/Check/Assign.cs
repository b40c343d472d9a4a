using GoEscape.Syntax;
using GoEscape.Types.Constant;

namespace GoEscape.Types;

// Assignments (models types2 assignments.go).
public sealed partial class Checker
{
    /// <summary>models types2.(*Checker).assignment: x must be assignable to T (null T: default type of untyped x).</summary>
    internal void Assignment(Operand x, GoType? T, string context)
    {
        SingleValue(x);
        switch (x.Mode)
        {
            case OperandMode.Invalid: return;
            case OperandMode.NoValue: Error(x, $"{OpString(x)} used as value"); x.Mode = OperandMode.Invalid; return;
            case OperandMode.Builtin: Error(x, $"{OpString(x)} must be called"); x.Mode = OperandMode.Invalid; return;
            case OperandMode.TypeExpr: Error(x, $"{OpString(x)} is not an expression"); x.Mode = OperandMode.Invalid; return;
        }
        if (IsUntyped(x.Type))
        {
            var target = T;
            if (T == null || IsNonTypeParamInterface(T))
            {
                if (T == null && x.Type is Basic { Kind: BasicKind.UntypedNil })
                {
                    Error(x, $"use of untyped nil in {context}");
                    x.Mode = OperandMode.Invalid;
                    return;
                }
                target = Default(x.Type);
            }
            var (newType, val, code) = ImplicitTypeAndValue(x, target!);
            if (code != 0)
            {
                string msg = $"cannot use {OpString(x)} as {TS(target!)} value in {context}";
                if (code == CodeTruncatedFloat) msg += " (truncated)";
                else if (code == CodeNumericOverflow) msg += " (overflows)";
                Error(x, msg);
                x.Mode = OperandMode.Invalid;
                return;
            }
            if (val != null)
            {
                x.Val = val;
                UpdateExprVal(x.Expr!, val);
            }
            if (!ReferenceEquals(newType, x.Type))
            {
                x.Type = newType!;
                UpdateExprType(x.Expr!, newType!, false);
            }
        }
        if (x.Type is Signature sig && sig.TypeParams.Len > 0)
        {
            // generic function value: infer from target (reverse type inference)
            if (T != null && T.Underlying() is Signature tsig)
            {
                var targs = InferFromTarget(sig, tsig);
                if (targs != null)
                {
                    var inst = InstantiateSignature(x.Pos(), x.Expr!, sig, targs, null);
                    x.Type = inst;
                    RecordTypeAndValue(x.Expr!, ExprMode.Value, inst, null);
                }
                else
                {
                    Error(x, $"cannot use generic function {ExprString(x.Expr!)} without instantiation");
                    x.Mode = OperandMode.Invalid;
                    return;
                }
            }
            else
            {
                Error(x, $"cannot use generic function {ExprString(x.Expr!)} without instantiation");
                x.Mode = OperandMode.Invalid;
                return;
            }
        }
        if (T == null) return;
        string? cause = "";
        if (!AssignableTo(x, T, ref cause))
        {
            if (!string.IsNullOrEmpty(cause)) Error(x, $"cannot use {OpString(x)} as {TS(T)} value in {context}: {cause}");
            else Error(x, $"cannot use {OpString(x)} as {TS(T)} value in {context}");
            x.Mode = OperandMode.Invalid;
            return;
        }
        if (x.Expr != null && IsInterface(T) && !IsInterface(x.Type) && !x.IsNil) RecordImplicitConversion(x.Expr, T);
    }

    private GoType[]? InferFromTarget(Signature sig, Signature target)
    {
        try
        {
            var r = Inference.Infer(sig.TypeParams.List, new List<GoType?>(), new Tuple(P(sig)), new[] { new InferArg(target, false, "") }, true, AllowVersion(GoVersions.Go1_21), Qf, _ctxt);
            return r.Ok ? r.Inferred : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    internal void InitConst(Const lhs, Operand x)
    {
        if (x.Mode == OperandMode.Invalid || !IsValidType(x.Type) || !IsValidType(lhs.Type ?? Universe.Typ[(int)BasicKind.UntypedInt]))
        {
            lhs.Type ??= Universe.Invalid;
            return;
        }
        if (x.Mode != OperandMode.Constant)
        {
            Error(x, $"{OpString(x)} is not constant");
            lhs.Type ??= Universe.Invalid;
            return;
        }
        lhs.Type ??= x.Type;
        Assignment(x, lhs.Type, "constant declaration");
        if (x.Mode == OperandMode.Invalid) return;
        lhs.Val = x.Val!;
    }

    internal GoType? InitVar(Var lhs, Operand x, string context)
    {
        if (x.Mode == OperandMode.Invalid || !IsValidType(x.Type) || (lhs.Type != null && !IsValidType(lhs.Type)))
        {
            lhs.Type ??= Universe.Invalid;
            x.Mode = OperandMode.Invalid;
            return null;
        }
        if (lhs.Type == null)
        {
            var typ = x.Type;
            if (IsUntyped(typ))
            {
                if (typ is Basic { Kind: BasicKind.UntypedNil })
                {
                    Error(x, $"use of untyped nil in {context}");
                    lhs.Type = Universe.Invalid;
                    x.Mode = OperandMode.Invalid;
                    return null;
                }
                typ = Default(typ);
            }
            lhs.Type = typ;
        }
        Assignment(x, lhs.Type, context);
        return x.Mode != OperandMode.Invalid ? x.Type : null;
    }

    /// <summary>models types2.(*Checker).initVars</summary>
    internal void InitVars(IReadOnlyList<Var> lhs, List<Expr> orig_rhs, Node? returnStmt)
    {
        var context = returnStmt != null ? "return statement" : "assignment";
        int l = lhs.Count, r = orig_rhs.Count;
        bool isCall = false;
        if (r == 1) isCall = Unparen(orig_rhs[0]) is CallExpr;
        if (l == r && !isCall)
        {
            for (int i = 0; i < l; i++)
            {
                var x = new Operand();
                EvalExpr(lhs[i].Type != null ? new Target(lhs[i].Type!, lhs[i].Name) : null, x, orig_rhs[i]);
                InitVar(lhs[i], x, context);
            }
            return;
        }
        if (r != 1)
        {
            foreach (var v in lhs) v.Type ??= Universe.Invalid;
            Use(orig_rhs.ToArray());
            AssignError(orig_rhs, l, r, returnStmt);
            return;
        }
        var rhs = MultiExpr(orig_rhs[0], l == 2 && returnStmt == null);
        r = rhs.Count;
        if (l == r)
        {
            for (int i = 0; i < l; i++) InitVar(lhs[i], rhs[i], context);
            if (rhs.Count == 2 && rhs[0].Mode != OperandMode.Invalid && (rhs[0].Mode is OperandMode.MapIndex or OperandMode.CommaOk or OperandMode.CommaErr) || (l == 2 && rhs.Count == 2 && rhs[1].Expr == rhs[0].Expr && rhs[0].Type is not Tuple && !(Unparen(orig_rhs[0]) is CallExpr)))
                RecordCommaOkTypes(orig_rhs[0], rhs[0], rhs[1]);
            return;
        }
        if (rhs[0].Mode != OperandMode.Invalid) AssignError(orig_rhs, l, r, returnStmt);
        foreach (var v in lhs) v.Type ??= Universe.Invalid;
    }

    private void AssignError(List<Expr> rhs, int l, int r, Node? returnStmt)
    {
        string vars = l == 1 ? "1 variable" : $"{l} variables";
        string vals = r == 1 ? "1 value" : $"{r} values";
        var rhs0 = rhs[0];
        if (rhs.Count == 1 && Unparen(rhs0) is CallExpr call)
        {
            Error(rhs0, $"assignment mismatch: {vars} but {ExprString(call.Fun)} returns {vals}");
            return;
        }
        Error(rhs0, $"assignment mismatch: {vars} but {vals}");
    }

    private void ReturnError(Node at, List<Expr> rhs, List<Operand> vals, Tuple results)
    {
        string qualifier = vals.Count < results.Len ? "not enough" : "too many";
        Node pos = at;
        if (vals.Count > 0 && vals.Count > results.Len) pos = vals[results.Len].Expr!;
        else if (vals.Count > 0) pos = vals[^1].Expr!;
        Error(pos, $"{qualifier} return values\n\thave {TupleTypesOf(vals)}\n\twant {TupleString(results, false)}");
    }

    /// <summary>models types2.(*Checker).lhsVar</summary>
    private GoType? LhsVar(Expr lhs)
    {
        var ident = Unparen(lhs) as Name;
        if (ident != null && ident.Value == "_")
        {
            RecordDef(ident, null);
            return null;
        }
        Var? v = null;
        bool vUsed = false;
        if (ident != null)
        {
            var obj = _env.LookupScope(ident.Value).Obj;
            if (obj is Var w && ReferenceEquals(w.Pkg, _pkg)) { v = w; vUsed = _usedVars.Contains(w); }
        }
        var x = new Operand();
        EvalExpr(null, x, lhs);
        if (v != null && !vUsed) _usedVars.Remove(v);
        if (x.Mode == OperandMode.Invalid) return Universe.Invalid;
        switch (x.Mode)
        {
            case OperandMode.Invalid: return Universe.Invalid;
            case OperandMode.Variable or OperandMode.MapIndex: break;
            default:
                if (x.Expr is SelectorExpr sel)
                {
                    var op = new Operand();
                    EvalExpr(null, op, sel.X);
                    if (op.Mode == OperandMode.MapIndex)
                    {
                        Error(x, $"cannot assign to struct field {ExprString(x.Expr)} in map");
                        return Universe.Invalid;
                    }
                }
                Error(x, $"cannot assign to {ExprString(x.Expr!)} (neither addressable nor a map index expression)");
                return Universe.Invalid;
        }
        return x.Type;
    }

    /// <summary>models types2.(*Checker).assignVar</summary>
    private void AssignVar(Expr lhs, Expr? rhs, Operand? x, string context)
    {
        var T = LhsVar(lhs);
        if (T != null && !IsValidType(T))
        {
            if (x != null) x.Mode = OperandMode.Invalid;
            else Use(rhs);
            return;
        }
        if (x == null)
        {
            x = new Operand();
            EvalExpr(T != null ? new Target(T, ExprString(lhs)) : null, x, rhs!);
        }
        if (T == null && context == "assignment") context = "assignment to _ identifier";
        Assignment(x, T, context);
    }

    /// <summary>models types2.(*Checker).assignVars</summary>
    private void AssignVars(List<Expr> lhs, List<Expr> orig_rhs)
    {
        int l = lhs.Count, r = orig_rhs.Count;
        bool isCall = r == 1 && Unparen(orig_rhs[0]) is CallExpr;
        if (l == r && !isCall)
        {
            for (int i = 0; i < l; i++) AssignVar(lhs[i], orig_rhs[i], null, "assignment");
            return;
        }
        if (r != 1)
        {
            UseLHS(lhs.ToArray());
            Use(orig_rhs.ToArray());
            AssignError(orig_rhs, l, r, null);
            return;
        }
        var rhs = MultiExpr(orig_rhs[0], l == 2);
        r = rhs.Count;
        if (l == r)
        {
            for (int i = 0; i < l; i++) AssignVar(lhs[i], null, rhs[i], "assignment");
            if (r == 2 && rhs[0].Type is not Tuple && !isCall) RecordCommaOkTypes(orig_rhs[0], rhs[0], rhs[1]);
            return;
        }
        if (rhs[0].Mode != OperandMode.Invalid) AssignError(orig_rhs, l, r, null);
        UseLHS(lhs.ToArray());
    }

    /// <summary>models types2.(*Checker).shortVarDecl</summary>
    private void ShortVarDecl(Pos pos, List<Expr> lhs, List<Expr> rhs)
    {
        int top = _delayed.Count;
        var scope = _env.Scope!;
        var lhsVars = new List<Var>(lhs.Count);
        var newVars = new List<Var>();
        bool hasErr = false;
        var seen = new HashSet<string>();
        foreach (var lh in lhs)
        {
            if (lh is not Name ident)
            {
                UseLHS(lh);
                Error(lh, $"non-name {ExprString(lh)} on left side of :=");
                hasErr = true;
                continue;
            }
            var name = ident.Value;
            if (name != "_")
            {
                if (!seen.Add(name))
                {
                    Error(lh, $"{ExprString(lh)} repeated on left side of :=");
                    hasErr = true;
                    continue;
                }
            }
            var alt = scope.Lookup(name);
            if (alt != null)
            {
                RecordUse(ident, alt);
                if (alt is Var av) { lhsVars.Add(av); }
                else { Error(lh, $"cannot assign to {ExprString(lh)}"); hasErr = true; }
                continue;
            }
            var obj = new Var(VarKind.LocalVar, ToSourcePos(ident.Pos), _pkg, name, null);
            _objPos[obj] = ident.Pos;
            lhsVars.Add(obj);
            if (name != "_") newVars.Add(obj);
            RecordDef(ident, obj);
        }
        foreach (var v in lhsVars) { }
        if (hasErr)
        {
            foreach (var v in lhsVars) v.Type ??= Universe.Invalid;
            Use(rhs.ToArray());
            return;
        }
        InitVars(lhsVars, rhs, null);
        // process function literals in rhs expressions before the scope changes
        ProcessDelayed(top);
        var scopePos = EndOf(rhs[^1]);
        foreach (var obj in newVars)
        {
            scope.Insert(obj);
            obj.ScopePos = ToSourcePos(scopePos);
        }
        if (newVars.Count == 0 && !hasErr) SoftError(pos, "no new variables on left side of :=");
    }
}
