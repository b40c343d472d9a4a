using GoEscape.Syntax;
using K = GoEscape.Types.Constant.Const;
using GoEscape.Types.Constant;

namespace GoEscape.Types;

/// <summary>Target of an expression whose type is known from context (models types2.target).</summary>
internal sealed record Target(Signature? Sig, string Desc)
{
    public Target(GoType typ, string desc) : this(typ.Underlying() as Signature, desc) { }
}

// Expressions (models types2 expr.go and const.go).
public sealed partial class Checker
{
    private enum ExprKind { Conversion, Expression, Statement }

    internal static string ExprString(Node e) => e.ToString();

    // ------------------------------------------------------------------------------------------------
    // Entry points

    /// <summary>models types2.(*Checker).expr: single-valued expression.</summary>
    internal void EvalExpr(Target? t, Operand x, Expr e)
    {
        RawExpr(t, x, e, null, false);
        Exclude(x, ExcludeNoValue | ExcludeBuiltin | ExcludeType);
        SingleValue(x);
    }

    internal void GenericExpr(Operand x, Expr e)
    {
        RawExpr(null, x, e, null, true);
        Exclude(x, ExcludeNoValue | ExcludeBuiltin);
        SingleValue(x);
    }

    /// <summary>models types2.(*Checker).multiExpr</summary>
    internal List<Operand> MultiExpr(Expr e, bool allowCommaOk)
    {
        var x = new Operand();
        RawExpr(null, x, e, null, false);
        Exclude(x, ExcludeNoValue | ExcludeBuiltin | ExcludeType);
        if (x.Type is Tuple t && x.Mode != OperandMode.Invalid)
        {
            var list = new List<Operand>(t.Len);
            for (int i = 0; i < t.Len; i++) list.Add(new Operand { Mode = OperandMode.Value, Expr = e, Type = t.At(i).Type! });
            return list;
        }
        var res = new List<Operand> { x };
        if (allowCommaOk && (x.Mode is OperandMode.MapIndex or OperandMode.CommaOk or OperandMode.CommaErr))
        {
            var x2 = new Operand { Mode = OperandMode.Value, Expr = e, Type = Universe.Typ[(int)BasicKind.UntypedBool] };
            if (x.Mode == OperandMode.CommaErr) x2.Type = Universe.Error;
            res.Add(x2);
        }
        return res;
    }

    /// <summary>models types2.(*Checker).exprWithHint</summary>
    internal void ExprWithHint(Operand x, Expr e, GoType hint)
    {
        RawExpr(null, x, e, hint, false);
        Exclude(x, ExcludeNoValue | ExcludeBuiltin | ExcludeType);
        SingleValue(x);
    }

    internal void ExprOrType(Operand x, Expr e, bool allowGeneric)
    {
        RawExpr(null, x, e, null, allowGeneric);
        Exclude(x, ExcludeNoValue);
        SingleValue(x);
    }

    private const int ExcludeNoValue = 1, ExcludeBuiltin = 2, ExcludeType = 4;

    private void Exclude(Operand x, int modeset)
    {
        int bit = x.Mode switch { OperandMode.NoValue => ExcludeNoValue, OperandMode.Builtin => ExcludeBuiltin, OperandMode.TypeExpr => ExcludeType, _ => 0 };
        if ((modeset & bit) == 0) return;
        string msg = x.Mode switch
        {
            OperandMode.NoValue => "{0} used as value",
            OperandMode.Builtin => "{0} must be called",
            _ => "{0} is not an expression",
        };
        Error(x, string.Format(msg, OpString(x)));
        x.Mode = OperandMode.Invalid;
    }

    private void SingleValue(Operand x)
    {
        if (x.Mode == OperandMode.Value && x.Type is Tuple t)
        {
            Error(x, $"multiple-value {OpString(x)} in single-value context");
            x.Mode = OperandMode.Invalid;
        }
    }

    /// <summary>models types2.(*Checker).rawExpr</summary>
    private ExprKind RawExpr(Target? t, Operand x, Expr e, GoType? hint, bool allowGeneric)
    {
        var kind = ExprInternal(t, x, e, hint);
        if (!allowGeneric) NonGeneric(t, x);
        Record(x);
        return kind;
    }

    private void NonGeneric(Target? t, Operand x)
    {
        if (x.Mode == OperandMode.Invalid || x.Mode == OperandMode.NoValue) return;
        bool generic = false;
        string what = "";
        if (x.Mode == OperandMode.TypeExpr)
        {
            if (IsGeneric(x.Type)) { what = "type"; generic = true; }
        }
        else if (x.Type is Signature sig && sig.TypeParams.Len > 0)
        {
            if (t != null && t.Sig != null) return; // inferred later via reverse inference (handled in assignment)
            what = "function"; generic = true;
        }
        if (generic)
        {
            Error(x, $"cannot use generic {what} {ExprString(x.Expr!)} without instantiation");
            x.Mode = OperandMode.Invalid;
            x.Type = Universe.Invalid;
        }
    }

    /// <summary>models types2.(*Checker).exprInternal</summary>
    private ExprKind ExprInternal(Target? T, Operand x, Expr e, GoType? hint)
    {
        x.Mode = OperandMode.Invalid;
        x.Type = Universe.Invalid;
        x.Val = null;
        x.Expr = e;
        switch (e)
        {
            case BadExpr:
                goto Error;
            case Name n:
                IdentCheck(x, n, false);
                break;
            case BasicLit lit:
                {
                    // models types2.(*Checker).basicLit
                    if (lit.Bad) goto Error;
                    if (lit.LitKind is LitKind.IntLit or LitKind.FloatLit or LitKind.ImagLit && lit.Value.Length > 10_000)
                    {
                        // types2: reject huge numeric literals (they are expensive to evaluate)
                        Error(lit, $"excessively long constant: {lit.Value[..10]}... ({lit.Value.Length} chars)");
                        goto Error;
                    }
                    SetConst(x, lit);
                    if (!x.IsValid)
                    {
                        Error(lit, $"malformed constant: {lit.Value}");
                        goto Error;
                    }
                    x.Expr = lit; // the error position of the overflow check
                    Overflow(x, lit.Pos); // untyped integer literals must not exceed 512 bits
                    if (!x.IsValid) goto Error;
                    break;
                }
            case FuncLit fl:
                FuncLitCheck(x, fl);
                break;
            case CompositeLit cl:
                CompositeLitCheck(x, cl, hint);
                break;
            case ParenExpr pe:
                {
                    var kind = RawExpr(null, x, pe.X, null, false);
                    x.Expr = e;
                    return kind;
                }
            case SelectorExpr se:
                SelectorCheck(x, se, false);
                break;
            case IndexExpr ie:
                if (IndexExprCheck(x, ie))
                {
                    if (!EnableReverseTypeInference) T = null;
                    FuncInst(T, ie.Pos, x, ie, true);
                }
                if (x.Mode == OperandMode.Invalid) goto Error;
                break;
            case SliceExpr se:
                SliceExprCheck(x, se);
                if (x.Mode == OperandMode.Invalid) goto Error;
                break;
            case AssertExpr ae:
                {
                    EvalExpr(null, x, ae.X);
                    if (x.Mode == OperandMode.Invalid) goto Error;
                    if (IsTypeParam(x.Type))
                    {
                        Error(x, $"{InvalidOp}cannot use type assertion on type parameter value {OpString(x)}");
                        goto Error;
                    }
                    if (x.Type.Underlying() is not Interface)
                    {
                        Error(x, $"{InvalidOp}{OpString(x)} is not an interface");
                        goto Error;
                    }
                    var Tt = VarType(ae.Type);
                    if (!IsValidType(Tt)) goto Error;
                    if (!IsComplete(Tt)) goto Error;
                    TypeAssertion(e, x, Tt, false);
                    x.Mode = OperandMode.CommaOk;
                    x.Type = Tt;
                    break;
                }
            case TypeSwitchGuard:
                Error(e, "use of .(type) outside type switch");
                Use(((TypeSwitchGuard)e).X);
                goto Error;
            case CallExpr ce:
                return CallExprCheck(x, ce);
            case ListExpr:
                Error(e, "unexpected list of expressions");
                goto Error;
            case Operation op:
                if (op.Y == null)
                {
                    if (op.Op == Operator.Mul)
                    {
                        // pointer indirection
                        ExprOrType(x, op.X, false);
                        switch (x.Mode)
                        {
                            case OperandMode.Invalid: goto Error;
                            case OperandMode.TypeExpr:
                                ValidVarType(op.X, x.Type); // types2 exprInternal: *T in an expression
                                x.Type = new Pointer(x.Type);
                                break;
                            default:
                                {
                                    GoType? baseType = null;
                                    var (u, err) = CommonUnder(x.Type, (tt, uu) =>
                                    {
                                        if (uu is not Pointer) return $"pointer to {TS(tt!)}";
                                        return null;
                                    });
                                    if (u is Pointer pp) baseType = pp.Elem;
                                    if (baseType == null)
                                    {
                                        Error(x, $"{InvalidOp}cannot indirect {OpString(x)}");
                                        goto Error;
                                    }
                                    if (!IsComplete(baseType)) goto Error;
                                    x.Mode = OperandMode.Variable;
                                    x.Type = baseType;
                                    break;
                                }
                        }
                        break;
                    }
                    Unary(x, op);
                    if (x.Mode == OperandMode.Invalid) goto Error;
                    if (op.Op == Operator.Recv)
                    {
                        x.Expr = e;
                        return ExprKind.Statement; // receive operations may appear in statement context
                    }
                    break;
                }
                Binary(x, e, op.X, op.Y, op.Op);
                if (x.Mode == OperandMode.Invalid) goto Error;
                break;
            case KeyValueExpr:
                Error(e, "no key:value expected");
                goto Error;
            case ArrayType or SliceType or StructType or FuncType or InterfaceType or MapType or ChanType:
                x.Mode = OperandMode.TypeExpr;
                x.Type = Typ(e);
                break;
            case DotsType:
                Error(e, "invalid use of ...");
                goto Error;
            default:
                Error(e, $"unknown expression {ExprString(e)}");
                goto Error;
        }
        x.Expr = e;
        return ExprKind.Expression;
    Error:
        x.Mode = OperandMode.Invalid;
        x.Expr = e;
        return ExprKind.Statement;
    }

    private static readonly bool EnableReverseTypeInference = true;

    private void SetConst(Operand x, BasicLit lit)
    {
        var (kind, lk) = lit.LitKind switch
        {
            LitKind.IntLit => (BasicKind.UntypedInt, LiteralKind.Int),
            LitKind.FloatLit => (BasicKind.UntypedFloat, LiteralKind.Float),
            LitKind.ImagLit => (BasicKind.UntypedComplex, LiteralKind.Imag),
            LitKind.RuneLit => (BasicKind.UntypedRune, LiteralKind.Rune),
            _ => (BasicKind.UntypedString, LiteralKind.String),
        };
        var val = K.MakeFromLiteral(lit.Value, lk);
        if (val.Kind == ConstKind.Unknown)
        {
            x.Mode = OperandMode.Invalid;
            x.Type = Universe.Invalid;
            return;
        }
        x.Mode = OperandMode.Constant;
        x.Type = Universe.Typ[(int)kind];
        x.Val = val;
    }

    /// <summary>models types2.(*Checker).use: evaluates expressions for their side effects on usage, ignoring errors.</summary>
    internal void Use(params Expr?[] args) => UseN(args, false);
    internal void UseLHS(params Expr?[] args) => UseN(args, true);

    private void UseN(Expr?[] args, bool lhs)
    {
        foreach (var a in args)
        {
            if (a == null) continue;
            if (a is ListExpr l) { UseN(l.ElemList.ToArray(), lhs); continue; }
            Use1(a, lhs);
        }
    }

    private void Use1(Expr e, bool lhs)
    {
        var x = new Operand();
        switch (Unparen(e))
        {
            case Name n when n.Value == "_":
                break;
            case Name n:
                {
                    Var? v = null;
                    bool vUsed = false;
                    if (lhs)
                    {
                        var obj = _env.LookupScope(n.Value).Obj;
                        if (obj is Var w && ReferenceEquals(w.Pkg, _pkg)) { v = w; vUsed = _usedVars.Contains(w); }
                    }
                    var saved = _errors.Count;
                    ExprOrType(x, n, true);
                    if (v != null && !vUsed) _usedVars.Remove(v);
                    break;
                }
            default:
                RawExpr(null, x, e, null, true);
                break;
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Unary expressions

    /// <summary>models types2.(*Checker).unary</summary>
    private void Unary(Operand x, Operation e)
    {
        EvalExpr(null, x, e.X);
        if (x.Mode == OperandMode.Invalid) return;
        var op = e.Op;
        switch (op)
        {
            case Operator.And:
                if (Unparen(e.X) is CompositeLit) { }
                else if (x.Mode != OperandMode.Variable)
                {
                    Error(x, $"{InvalidOp}cannot take address of {OpString(x)}");
                    x.Mode = OperandMode.Invalid;
                    return;
                }
                x.Mode = OperandMode.Value;
                x.Type = new Pointer(x.Type);
                return;
            case Operator.Recv:
                {
                    var elem = ChanElem(x.Expr!, x, true);
                    if (elem == null || !IsComplete(elem)) { x.Mode = OperandMode.Invalid; return; }
                    x.Mode = OperandMode.CommaOk;
                    x.Type = elem;
                    _env.HasCallOrRecv = true;
                    return;
                }
            case Operator.Tilde:
                if (!AllInteger(x.Type))
                {
                    Error(e, "cannot use ~ outside of interface or type constraint");
                    x.Mode = OperandMode.Invalid;
                    return;
                }
                Error(e, "cannot use ~ outside of interface or type constraint (use ^ for bitwise complement)");
                op = Operator.Xor;
                break;
        }
        if (!OpPredicate(x, op, true)) { x.Mode = OperandMode.Invalid; return; }
        if (x.Mode == OperandMode.Constant)
        {
            if (x.Val!.Kind == ConstKind.Unknown) return;
            uint prec = 0;
            if (IsUnsigned(x.Type)) prec = (uint)(Sizes.Sizeof(x.Type) * 8);
            var uop = op switch { Operator.Add => UnaryOperator.Plus, Operator.Sub => UnaryOperator.Minus, Operator.Xor => UnaryOperator.Xor, _ => UnaryOperator.Not };
            x.Val = K.UnaryOp(uop, x.Val, prec);
            x.Expr = e;
            Overflow(x, x.Expr.Pos);
            return;
        }
        x.Mode = OperandMode.Value;
    }

    /// <summary>models types2.(*Checker).chanElem</summary>
    private GoType? ChanElem(Node pos, Operand x, bool recv)
    {
        var (u, err) = CommonUnder(x.Type, (t, uu) =>
        {
            if (uu == null) return "no specific channel type";
            if (uu is not Chan ch) return $"non-channel {TS(t!)}";
            if (recv && ch.Dir == ChanDir.SendOnly) return $"send-only channel {TS(t!)}";
            if (!recv && ch.Dir == ChanDir.RecvOnly) return $"receive-only channel {TS(t!)}";
            return null;
        });
        if (u is Chan c) return c.Elem;
        if (recv)
        {
            if (IsTypeParam(x.Type)) Error(pos, $"{InvalidOp}cannot receive from {OpString(x)}: {err}");
            else Error(pos, $"{InvalidOp}cannot receive from {err} {OpString(x)}");
        }
        else
        {
            if (IsTypeParam(x.Type)) Error(pos, $"{InvalidOp}cannot send to {OpString(x)}: {err}");
            else Error(pos, $"{InvalidOp}cannot send to {err} {OpString(x)}");
        }
        return null;
    }

    private bool OpPredicate(Operand x, Operator op, bool unary)
    {
        Func<GoType, bool>? pred;
        if (unary)
        {
            pred = op switch
            {
                Operator.Add or Operator.Sub => AllNumeric,
                Operator.Xor => AllInteger,
                Operator.Not => AllBoolean,
                _ => null,
            };
        }
        else
        {
            pred = op switch
            {
                Operator.Add => AllNumericOrString,
                Operator.Sub or Operator.Mul or Operator.Div => AllNumeric,
                Operator.Rem or Operator.And or Operator.Or or Operator.Xor or Operator.AndNot => AllInteger,
                Operator.AndAnd or Operator.OrOr => AllBoolean,
                _ => null,
            };
        }
        if (pred != null)
        {
            if (!pred(x.Type))
            {
                Error(x, $"{InvalidOp}operator {op.String()} not defined on {OpString(x)}");
                return false;
            }
            return true;
        }
        Error(x, $"{InvalidOp}unknown operator {op.String()}");
        return false;
    }

    // ------------------------------------------------------------------------------------------------
    // Binary expressions

    private static bool IsShift(Operator op) => op is Operator.Shl or Operator.Shr;
    private static bool IsComparison(Operator op) => op is Operator.Eql or Operator.Neq or Operator.Lss or Operator.Leq or Operator.Gtr or Operator.Geq;

    /// <summary>models types2.(*Checker).binary; e == null for op= assignments.</summary>
    internal void Binary(Operand x, Expr? e, Expr lhs, Expr rhs, Operator op)
    {
        var y = new Operand();
        EvalExpr(null, x, lhs);
        EvalExpr(null, y, rhs);
        if (x.Mode == OperandMode.Invalid) return;
        if (y.Mode == OperandMode.Invalid)
        {
            x.Mode = OperandMode.Invalid;
            x.Expr = y.Expr;
            return;
        }
        if (IsShift(op))
        {
            Shift(x, y, e, op);
            return;
        }
        MatchTypes(x, y);
        if (x.Mode == OperandMode.Invalid) return;
        if (IsComparison(op))
        {
            Comparison(x, y, op, false);
            return;
        }
        if (!GoTypes.Identical(x.Type, y.Type))
        {
            if (IsValidType(x.Type) && IsValidType(y.Type))
            {
                if (e != null) Error(x, $"{InvalidOp}{ExprString(e)} (mismatched types {TS(x.Type)} and {TS(y.Type)})");
                else Error(x, $"{InvalidOp}{ExprString(lhs)} {op.String()}= {ExprString(rhs)} (mismatched types {TS(x.Type)} and {TS(y.Type)})");
            }
            x.Mode = OperandMode.Invalid;
            return;
        }
        if (!OpPredicate(x, op, false)) { x.Mode = OperandMode.Invalid; return; }
        if (op is Operator.Div or Operator.Rem)
        {
            if ((x.Mode == OperandMode.Constant || AllInteger(x.Type)) && y.Mode == OperandMode.Constant && K.Sign(y.Val!) == 0)
            {
                Error(y, $"{InvalidOp}division by zero");
                x.Mode = OperandMode.Invalid;
                return;
            }
            if (x.Mode == OperandMode.Constant && y.Mode == OperandMode.Constant && IsComplex(x.Type))
            {
                var re = K.Real(y.Val!);
                var im = K.Imag(y.Val!);
                var re2 = K.BinaryOp(re, BinaryOperator.Mul, re);
                var im2 = K.BinaryOp(im, BinaryOperator.Mul, im);
                if (K.Sign(re2) == 0 && K.Sign(im2) == 0)
                {
                    Error(y, $"{InvalidOp}division by zero");
                    x.Mode = OperandMode.Invalid;
                    return;
                }
            }
        }
        if (x.Mode == OperandMode.Constant && y.Mode == OperandMode.Constant)
        {
            if (x.Val!.Kind == ConstKind.Unknown || y.Val!.Kind == ConstKind.Unknown)
            {
                x.Val = K.MakeUnknown();
                return;
            }
            var bop = op switch
            {
                Operator.Add => BinaryOperator.Add,
                Operator.Sub => BinaryOperator.Sub,
                Operator.Mul => BinaryOperator.Mul,
                Operator.Div => IsInteger(x.Type) ? BinaryOperator.IntQuo : BinaryOperator.Quo,
                Operator.Rem => BinaryOperator.Rem,
                Operator.And => BinaryOperator.And,
                Operator.Or => BinaryOperator.Or,
                Operator.Xor => BinaryOperator.Xor,
                Operator.AndNot => BinaryOperator.AndNot,
                Operator.AndAnd => BinaryOperator.LogAnd,
                _ => BinaryOperator.LogOr,
            };
            x.Val = K.BinaryOp(x.Val, bop, y.Val);
            x.Expr = e;
            Overflow(x, e?.Pos ?? lhs.Pos);
            return;
        }
        x.Mode = OperandMode.Value;
    }

    /// <summary>models types2.(*Checker).matchTypes</summary>
    private void MatchTypes(Operand x, Operand y)
    {
        bool MayConvert(Operand a, Operand b)
        {
            if (IsTyped(a.Type) && IsTyped(b.Type)) return false;
            if (AllNumeric(a.Type) != AllNumeric(b.Type)) return false;
            if (IsNonTypeParamInterface(a.Type) || IsNonTypeParamInterface(b.Type)) return true;
            if (AllBoolean(a.Type) != AllBoolean(b.Type)) return false;
            if (AllString(a.Type) != AllString(b.Type)) return false;
            if (a.IsNil) return HasNil(b.Type);
            if (b.IsNil) return HasNil(a.Type);
            if (a.Type.Underlying() is Pointer || b.Type.Underlying() is Pointer) return false;
            return true;
        }
        if (MayConvert(x, y))
        {
            ConvertUntyped(x, y.Type);
            if (x.Mode == OperandMode.Invalid) return;
            ConvertUntyped(y, x.Type);
            if (y.Mode == OperandMode.Invalid) { x.Mode = OperandMode.Invalid; return; }
        }
    }

    /// <summary>models types2.(*Checker).comparison</summary>
    private void Comparison(Operand x, Operand y, Operator op, bool switchCase)
    {
        if (!IsValidType(x.Type) || !IsValidType(y.Type)) { x.Mode = OperandMode.Invalid; return; }
        if (switchCase) op = Operator.Eql;
        var errOp = x;
        string cause = "";
        string? dummy = null;
        bool ok = AssignableTo(x, y.Type, ref dummy);
        if (!ok) { dummy = null; ok = AssignableTo(y, x.Type, ref dummy); }
        if (!ok)
        {
            errOp = y;
            cause = $"mismatched types {TS(x.Type)} and {TS(y.Type)}";
            goto Err;
        }
        switch (op)
        {
            case Operator.Eql or Operator.Neq:
                if (x.IsNil || y.IsNil)
                {
                    var typ = x.IsNil ? y.Type : x.Type;
                    if (!HasNil(typ)) { errOp = y; goto Err; }
                }
                else if (!Comparable(x.Type)) { errOp = x; cause = IncomparableCause(x.Type); goto Err; }
                else if (!Comparable(y.Type)) { errOp = y; cause = IncomparableCause(y.Type); goto Err; }
                break;
            default:
                if (!AllOrdered(x.Type)) { errOp = x; goto Err; }
                if (!AllOrdered(y.Type)) { errOp = y; goto Err; }
                break;
        }
        if (x.Mode == OperandMode.Constant && y.Mode == OperandMode.Constant)
        {
            var cop = op switch
            {
                Operator.Eql => CompareOperator.Eql,
                Operator.Neq => CompareOperator.Neq,
                Operator.Lss => CompareOperator.Lss,
                Operator.Leq => CompareOperator.Leq,
                Operator.Gtr => CompareOperator.Gtr,
                _ => CompareOperator.Geq,
            };
            if (x.Val!.Kind == ConstKind.Unknown || y.Val!.Kind == ConstKind.Unknown) x.Val = K.MakeUnknown();
            else x.Val = K.MakeBool(K.Compare(x.Val, cop, y.Val));
        }
        else
        {
            x.Mode = OperandMode.Value;
            UpdateExprType(x.Expr!, Default(x.Type), true);
            UpdateExprType(y.Expr!, Default(y.Type), true);
        }
        x.Type = Universe.Typ[(int)BasicKind.UntypedBool];
        return;
    Err:
        if (cause == "")
        {
            if (IsTypeParam(x.Type) || IsTypeParam(y.Type))
            {
                if (!IsTypeParam(x.Type)) errOp = y;
                cause = $"type parameter {TS(errOp.Type)} cannot use operator {op.String()}";
            }
            else
            {
                string what = CompositeKind(errOp.Type);
                if (what == "") what = TS(errOp.Type);
                cause = $"operator {op.String()} not defined on {what}";
            }
        }
        if (switchCase) Error(x, $"invalid case {ExprString(x.Expr!)} in switch on {ExprString(y.Expr!)} ({cause})");
        else Error(errOp, $"{InvalidOp}{ExprString(x.Expr!)} {op.String()} {ExprString(y.Expr!)} ({cause})");
        x.Mode = OperandMode.Invalid;
    }

    private string IncomparableCause(GoType typ)
    {
        if (typ.Underlying() is Slice or Signature or Map) return CompositeKind(typ) + " can only be compared to nil";
        return ComparableType(typ, true, null) ?? "";
    }

    /// <summary>models types2.(*Checker).shift</summary>
    private void Shift(Operand x, Operand y, Expr? e, Operator op)
    {
        ConstValue? xval = null;
        if (x.Mode == OperandMode.Constant) xval = K.ToInt(x.Val!);
        if (AllInteger(x.Type) || (IsUntyped(x.Type) && xval != null && xval.Kind == ConstKind.Int)) { }
        else
        {
            Error(x, $"{InvalidOp}shifted operand {OpString(x)} must be integer");
            x.Mode = OperandMode.Invalid;
            return;
        }
        ConstValue? yval = null;
        if (y.Mode == OperandMode.Constant)
        {
            yval = K.ToInt(y.Val!);
            if (yval.Kind == ConstKind.Int && K.Sign(yval) < 0)
            {
                Error(y, $"{InvalidOp}negative shift count {OpString(y)}");
                x.Mode = OperandMode.Invalid;
                return;
            }
            if (IsUntyped(y.Type))
            {
                Representable(y, Universe.Typ[(int)BasicKind.Uint]);
                if (y.Mode == OperandMode.Invalid) { x.Mode = OperandMode.Invalid; return; }
            }
        }
        else
        {
            if (AllInteger(y.Type))
            {
                if (!AllUnsigned(y.Type) && !AllowVersion(GoVersions.Go1_13))
                {
                    VersionError(y.Expr!, GoVersions.Go1_13, $"{InvalidOp}signed shift count {OpString(y)}");
                    x.Mode = OperandMode.Invalid;
                    return;
                }
            }
            else if (IsUntyped(y.Type))
            {
                ConvertUntyped(y, Universe.Typ[(int)BasicKind.Uint]);
                if (y.Mode == OperandMode.Invalid) { x.Mode = OperandMode.Invalid; return; }
            }
            else
            {
                Error(y, $"{InvalidOp}shift count {OpString(y)} must be integer");
                x.Mode = OperandMode.Invalid;
                return;
            }
        }
        if (x.Mode == OperandMode.Constant)
        {
            if (y.Mode == OperandMode.Constant)
            {
                if (x.Val!.Kind == ConstKind.Unknown || y.Val!.Kind == ConstKind.Unknown)
                {
                    x.Val = K.MakeUnknown();
                    if (!IsInteger(x.Type)) x.Type = Universe.Typ[(int)BasicKind.UntypedInt];
                    return;
                }
                const ulong shiftBound = 1023 - 1 + 52;
                var (s, ok) = K.Uint64Val(yval!);
                if (!ok || s > shiftBound)
                {
                    Error(y, $"{InvalidOp}invalid shift count {OpString(y)}");
                    x.Mode = OperandMode.Invalid;
                    return;
                }
                if (!IsInteger(x.Type)) x.Type = Universe.Typ[(int)BasicKind.UntypedInt];
                x.Val = K.Shift(xval!, op == Operator.Shl ? ShiftOperator.Shl : ShiftOperator.Shr, (uint)s);
                x.Expr = e;
                Overflow(x, e?.Pos ?? x.Expr?.Pos ?? default);
                return;
            }
            if (IsUntyped(x.Type))
            {
                if (_untyped.TryGetValue(x.Expr!, out var info)) info.IsLhs = true;
                x.Mode = OperandMode.Value;
                return;
            }
        }
        if (!AllInteger(x.Type))
        {
            Error(x, $"{InvalidOp}shifted operand {OpString(x)} must be integer");
            x.Mode = OperandMode.Invalid;
            return;
        }
        x.Mode = OperandMode.Value;
    }

    // ------------------------------------------------------------------------------------------------
    // Untyped conversion (models types2 expr.go updateExprType / implicitTypeAndValue / convertUntyped)

    internal void UpdateExprType(Expr x, GoType typ, bool final)
    {
        if (!_untyped.TryGetValue(x, out var old)) return;
        switch (x)
        {
            case BadExpr or FuncLit or CompositeLit or IndexExpr or SliceExpr or AssertExpr or ListExpr or KeyValueExpr
                or ArrayType or StructType or FuncType or InterfaceType or MapType or ChanType:
                return;
            case CallExpr or Name or BasicLit or SelectorExpr:
                break;
            case ParenExpr p:
                UpdateExprType(p.X, typ, final);
                break;
            case Operation op:
                if (op.Y == null)
                {
                    if (op.Op == Operator.Mul) return;
                    if (old.Val != null) break;
                    UpdateExprType(op.X, typ, final);
                    break;
                }
                if (old.Val != null) break;
                if (IsComparison(op.Op)) { }
                else if (IsShift(op.Op)) UpdateExprType(op.X, typ, final);
                else
                {
                    UpdateExprType(op.X, typ, final);
                    UpdateExprType(op.Y, typ, final);
                }
                break;
        }
        if (!final && IsUntyped(typ))
        {
            old.Type = (Basic)typ.Underlying();
            return;
        }
        _untyped.Remove(x);
        // types2 records nil with its target type (go/types would keep it untyped, go.dev/issue/13061: the dump
        // prints it go/types' way)
        if (old.IsLhs)
        {
            if (!AllInteger(typ))
            {
                Error(x, $"{InvalidOp}shifted operand {ExprString(x)} (type {TS(typ)}) must be integer");
                return;
            }
        }
        if (old.Val != null)
        {
            var c = new Operand { Mode = (OperandMode)old.Mode, Expr = x, Type = old.Type, Val = old.Val };
            ConvertUntyped(c, typ);
            if (c.Mode == OperandMode.Invalid) return;
        }
        RecordTypeAndValue(x, old.Mode, typ, old.Val);
    }

    private void UpdateExprVal(Expr x, ConstValue val)
    {
        if (_untyped.TryGetValue(x, out var info)) info.Val = val;
    }

    /// <summary>models types2.(*Checker).implicitTypeAndValue. Type null means "not possible" (Code != 0).</summary>
    internal (GoType? Type, ConstValue? Val, int Code) ImplicitTypeAndValue(Operand x, GoType target)
    {
        if (x.Mode == OperandMode.Invalid || IsTyped(x.Type) || !IsValidType(target)) return (x.Type, null, 0);
        if (IsUntyped(target))
        {
            var m = MaxType(x.Type, target);
            if (m != null) return (m, null, 0);
            return (null, null, 1);
        }
        if (x.IsNil)
        {
            if (HasNil(target)) return (target, null, 0);
            return (null, null, 1);
        }
        switch (target.Underlying())
        {
            case Basic u:
                if (x.Mode == OperandMode.Constant)
                {
                    var (v, code) = Representation(x, u);
                    if (code != 0) return (null, null, code);
                    return (target, v, 0);
                }
                switch (((Basic)x.Type).Kind)
                {
                    case BasicKind.UntypedBool: if (!IsBoolean(target)) return (null, null, 1); break;
                    case BasicKind.UntypedInt or BasicKind.UntypedRune or BasicKind.UntypedFloat or BasicKind.UntypedComplex:
                        if (!IsNumeric(target)) return (null, null, 1);
                        break;
                    case BasicKind.UntypedString: if (!IsString(target)) return (null, null, 1); break;
                    default: return (null, null, 1);
                }
                break;
            case Interface u:
                if (IsTypeParam(target))
                {
                    if (!UnderIs(target, uu => uu != null && ImplicitTypeAndValue(x, uu).Type != null)) return (null, null, 1);
                    break;
                }
                if (!u.IsEmpty) return (null, null, 1);
                return (Default(x.Type), null, 0);
            default:
                return (null, null, 1);
        }
        return (target, null, 0);
    }

    /// <summary>models types2.(*Checker).convertUntyped</summary>
    internal void ConvertUntyped(Operand x, GoType target)
    {
        var (newType, val, code) = ImplicitTypeAndValue(x, target);
        if (code != 0)
        {
            var t = target;
            if (!IsTypeParam(target)) t = SafeUnderlying(target);
            InvalidConversion(code, x, t);
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

    private static GoType SafeUnderlying(GoType t) => t.Underlying();

    private const int CodeTruncatedFloat = 2, CodeNumericOverflow = 3;

    private void InvalidConversion(int code, Operand x, GoType target)
    {
        string msg = code switch
        {
            CodeTruncatedFloat => $"{OpString(x)} truncated to {TS(target)}",
            CodeNumericOverflow => $"{OpString(x)} overflows {TS(target)}",
            _ => $"cannot convert {OpString(x)} to type {TS(target)}",
        };
        Error(x, msg);
    }

    // ------------------------------------------------------------------------------------------------
    // Constants (models types2 const.go)

    /// <summary>models types2.(*Checker).overflow</summary>
    private void Overflow(Operand x, Pos opPos)
    {
        if (x.Val!.Kind == ConstKind.Unknown)
        {
            Error(x, $"{InvalidOp}constant result is not representable");
            return;
        }
        if (IsTyped(x.Type))
        {
            Representable(x, (Basic)x.Type.Underlying());
            return;
        }
        const int prec = 512;
        if (x.Val.Kind == ConstKind.Int && K.BitLen(x.Val) > prec)
        {
            string op = OpName(x.Expr);
            if (op != "") op += " ";
            Error(opPos, $"constant {op}overflow");
            x.Val = K.MakeUnknown();
        }
    }

    private static string OpName(Expr? e)
    {
        if (e is Operation op)
        {
            if (op.Y == null)
            {
                return op.Op switch { Operator.Sub => "negation", Operator.Xor => "bitwise complement", _ => "" };
            }
            return op.Op switch
            {
                Operator.Add => "addition",
                Operator.Sub => "subtraction",
                Operator.Xor => "bitwise XOR",
                Operator.Mul => "multiplication",
                Operator.Shl => "shift",
                _ => "",
            };
        }
        return "";
    }

    /// <summary>models types2.(*Checker).representable</summary>
    internal void Representable(Operand x, GoType typ)
    {
        var b = (Basic)typ.Underlying();
        var (v, code) = Representation(x, b);
        if (code != 0)
        {
            InvalidConversion(code, x, b);
            x.Mode = OperandMode.Invalid;
            return;
        }
        x.Val = v;
    }

    private (ConstValue? Val, int Code) Representation(Operand x, Basic typ)
    {
        if (!RepresentableConst(x.Val!, typ, out var rounded))
        {
            if (IsNumeric(x.Type) && IsNumeric(typ))
            {
                if (!IsInteger(x.Type) && IsInteger(typ)) return (null, CodeTruncatedFloat);
                return (null, CodeNumericOverflow);
            }
            return (null, 1);
        }
        return (rounded, 0);
    }

    /// <summary>models types2.representableConst (amd64 sizes).</summary>
    internal bool RepresentableConst(ConstValue x, GoType t, out ConstValue rounded)
    {
        rounded = x;
        var typ = t.Underlying() as Basic;
        if (typ == null) return false;
        if (x.Kind == ConstKind.Unknown) return true;
        if ((typ.Info & BasicInfo.IsInteger) != 0)
        {
            var xi = K.ToInt(x);
            if (xi.Kind != ConstKind.Int) return false;
            rounded = xi;
            var (iv, exact) = K.Int64Val(xi);
            if (exact)
            {
                return typ.Kind switch
                {
                    BasicKind.Int or BasicKind.Int64 => true,
                    BasicKind.Int8 => iv >= sbyte.MinValue && iv <= sbyte.MaxValue,
                    BasicKind.Int16 => iv >= short.MinValue && iv <= short.MaxValue,
                    BasicKind.Int32 => iv >= int.MinValue && iv <= int.MaxValue,
                    BasicKind.Uint or BasicKind.Uintptr or BasicKind.Uint64 => iv >= 0,
                    BasicKind.Uint8 => iv >= 0 && iv <= byte.MaxValue,
                    BasicKind.Uint16 => iv >= 0 && iv <= ushort.MaxValue,
                    BasicKind.Uint32 => iv >= 0 && iv <= uint.MaxValue,
                    BasicKind.UntypedInt => true,
                    _ => false,
                };
            }
            switch (typ.Kind)
            {
                case BasicKind.Uint or BasicKind.Uintptr or BasicKind.Uint64:
                    return K.Sign(xi) >= 0 && K.BitLen(xi) <= 64;
                case BasicKind.UntypedInt:
                    return true;
            }
            return false;
        }
        if ((typ.Info & BasicInfo.IsFloat) != 0)
        {
            var xf = K.ToFloat(x);
            if (xf.Kind is not (ConstKind.Int or ConstKind.Float)) return false;
            switch (typ.Kind)
            {
                case BasicKind.Float32:
                    {
                        var (f, _) = K.Float32Val(xf);
                        if (float.IsInfinity(f)) return false;
                        rounded = K.MakeFloat64(f);
                        return true;
                    }
                case BasicKind.Float64:
                    {
                        var (f, _) = K.Float64Val(xf);
                        if (double.IsInfinity(f)) return false;
                        rounded = K.MakeFloat64(f);
                        return true;
                    }
                case BasicKind.UntypedFloat:
                    rounded = xf;
                    return true;
            }
            return false;
        }
        if ((typ.Info & BasicInfo.IsComplex) != 0)
        {
            var xc = K.ToComplex(x);
            if (xc.Kind != ConstKind.Complex) return false;
            switch (typ.Kind)
            {
                case BasicKind.Complex64:
                    {
                        var (re, _) = K.Float32Val(K.ToFloat(K.Real(xc)));
                        var (im, _) = K.Float32Val(K.ToFloat(K.Imag(xc)));
                        if (float.IsInfinity(re) || float.IsInfinity(im)) return false;
                        rounded = K.BinaryOp(K.MakeFloat64(re), BinaryOperator.Add, K.MakeImag(K.MakeFloat64(im)));
                        return true;
                    }
                case BasicKind.Complex128:
                    {
                        var (re, _) = K.Float64Val(K.ToFloat(K.Real(xc)));
                        var (im, _) = K.Float64Val(K.ToFloat(K.Imag(xc)));
                        if (double.IsInfinity(re) || double.IsInfinity(im)) return false;
                        rounded = K.BinaryOp(K.MakeFloat64(re), BinaryOperator.Add, K.MakeImag(K.MakeFloat64(im)));
                        return true;
                    }
                case BasicKind.UntypedComplex:
                    rounded = xc;
                    return true;
            }
            return false;
        }
        if ((typ.Info & BasicInfo.IsString) != 0) return x.Kind == ConstKind.String;
        if ((typ.Info & BasicInfo.IsBoolean) != 0) return x.Kind == ConstKind.Bool;
        return false;
    }

    // ------------------------------------------------------------------------------------------------
    // Type assertions

    private void TypeAssertion(Expr e, Operand x, GoType T, bool typeSwitch)
    {
        string? cause = "";
        if (AssertableTo(x.Type, T, ref cause)) return;
        if (typeSwitch)
        {
            Error(e, $"impossible type switch case: {ExprString(e)}\n\t{OpString(x)} cannot have dynamic type {TS(T)} {cause}");
            return;
        }
        Error(e, $"impossible type assertion: {ExprString(e)}\n\t{TS(T)} does not implement {TS(x.Type)} {cause}");
    }
}
