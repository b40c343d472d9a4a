using GoEscape.Syntax;
using GoEscape.Types.Constant;
using K = GoEscape.Types.Constant.Const;

namespace GoEscape.Types;

// Built-in function calls (models types2 builtins.go; the most common paths).
public sealed partial class Checker
{
    private static Basic TypOf(BasicKind k) => Universe.Typ[(int)k];

    private bool BuiltinCall(Operand x, CallExpr call, BuiltinId id)
    {
        var (name, nargsMin, variadic, _) = Universe.BuiltinInfo(id);
        var argList = call.ArgList;
        List<Operand> args;
        switch (id)
        {
            case BuiltinId.Make or BuiltinId.New or BuiltinId.Offsetof or BuiltinId.Trace:
                args = new List<Operand>(); // arguments are handled specially
                break;
            case BuiltinId.Len or BuiltinId.Cap:
                {
                    bool savedCR = _env.HasCallOrRecv;
                    _env.HasCallOrRecv = false;
                    args = GenericExprList(argList);
                    _lenArgHasCallOrRecv = _env.HasCallOrRecv;
                    _env.HasCallOrRecv = savedCR;
                    foreach (var a in args) if (a.Mode == OperandMode.Invalid) return false;
                    break;
                }
            default:
                args = GenericExprList(argList);
                foreach (var a in args) if (a.Mode == OperandMode.Invalid) return false;
                break;
        }
        int nargs = id is BuiltinId.Make or BuiltinId.New or BuiltinId.Offsetof ? argList.Count : args.Count;
        if (nargs < nargsMin || (!variadic && nargs > nargsMin))
        {
            string msg = nargs < nargsMin ? "not enough" : "too many";
            Error(call, $"{msg} arguments for {ExprString(call)} (expected {nargsMin}, found {nargs})".Replace("for " + ExprString(call), "for " + ExprString(call)));
            return false;
        }
        Operand A(int i) => args[i];
        switch (id)
        {
            case BuiltinId.Len or BuiltinId.Cap:
                {
                    var a = A(0);
                    var mode = OperandMode.Invalid;
                    ConstValue? val = null;
                    switch (CoreString(a.Type) ?? a.Type.Underlying())
                    {
                        case Basic b when IsString(b) && id == BuiltinId.Len:
                            if (a.Mode == OperandMode.Constant) { mode = OperandMode.Constant; val = K.MakeInt64(K.StringLen(a.Val!)); }
                            else mode = OperandMode.Value;
                            break;
                        case Array arr:
                            mode = OperandMode.Value;
                            if (!_lenArgHasCallOrRecv) { mode = OperandMode.Constant; val = K.MakeInt64(arr.Len); }
                            break;
                        case Pointer p when p.Elem.Underlying() is Array pa:
                            mode = OperandMode.Value;
                            if (!_lenArgHasCallOrRecv) { mode = OperandMode.Constant; val = K.MakeInt64(pa.Len); }
                            break;
                        case Slice or Chan: mode = OperandMode.Value; break;
                        case Map when id == BuiltinId.Len: mode = OperandMode.Value; break;
                        case Interface when IsTypeParam(a.Type): mode = OperandMode.Value; break;
                    }
                    if (mode == OperandMode.Invalid)
                    {
                        if (IsValidType(a.Type)) Error(a, $"{InvalidArg}{OpString(a)} for built-in {name}");
                        return false;
                    }
                    x.Mode = mode; x.Type = TypOf(BasicKind.Int); x.Val = val;
                    if (mode != OperandMode.Constant) RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(a.Type)), new Tuple(P(x.Type))));
                    return true;
                }
            case BuiltinId.Append:
                {
                    var s = A(0);
                    var T = s.Type;
                    var core = CoreType(T);
                    if (core is not Slice sl)
                    {
                        if (s.IsNil) Error(s, $"{InvalidArg}{OpString(s)} (untyped nil) is not a slice".Replace(" (untyped nil)", ""));
                        else Error(s, $"{InvalidArg}{OpString(s)} is not a slice");
                        return false;
                    }
                    if (call.HasDots && nargs == 2 && args[1].Type is var t1 && IsString(CoreString(t1) ?? t1) && IsByte(sl.Elem))
                    {
                        x.Mode = OperandMode.Value; x.Type = T;
                        RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(T), P(TypOf(BasicKind.String))), new Tuple(P(T)), true));
                        return true;
                    }
                    var sigParams = new List<Var> { P(T) };
                    if (call.HasDots)
                    {
                        if (nargs != 2) { Error(call, "can only use ... with final argument in list"); return false; }
                        Assignment(args[1], new Slice(sl.Elem), "argument to append");
                        sigParams.Add(P(new Slice(sl.Elem)));
                    }
                    else
                    {
                        for (int i = 1; i < nargs; i++) Assignment(args[i], sl.Elem, "argument to append");
                        sigParams.Add(P(new Slice(sl.Elem)));
                    }
                    x.Mode = OperandMode.Value; x.Type = T;
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(sigParams), new Tuple(P(T)), true));
                    return true;
                }
            case BuiltinId.Clear or BuiltinId.Close:
                {
                    x.Mode = OperandMode.NoValue;
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(A(0).Type)), null));
                    return true;
                }
            case BuiltinId.Complex:
                {
                    var a = A(0); var b = A(1);
                    MatchForComplex(a, b);
                    if (a.Mode == OperandMode.Invalid || b.Mode == OperandMode.Invalid) return false;
                    GoType res = Universe.Invalid;
                    var ak = (a.Type.Underlying() as Basic)?.Kind;
                    res = ak switch
                    {
                        BasicKind.Float32 => TypOf(BasicKind.Complex64),
                        BasicKind.Float64 => TypOf(BasicKind.Complex128),
                        BasicKind.UntypedFloat or BasicKind.UntypedInt or BasicKind.UntypedRune => TypOf(BasicKind.UntypedComplex),
                        _ => Universe.Invalid,
                    };
                    if (!IsValidType(res)) { Error(a, $"{InvalidArg}arguments have type {TS(a.Type)}, expected floating-point"); return false; }
                    if (a.Mode == OperandMode.Constant && b.Mode == OperandMode.Constant)
                    {
                        x.Val = K.BinaryOp(K.ToFloat(a.Val!), BinaryOperator.Add, K.MakeImag(K.ToFloat(b.Val!)));
                        x.Mode = OperandMode.Constant;
                    }
                    else x.Mode = OperandMode.Value;
                    x.Type = res;
                    if (x.Mode != OperandMode.Constant) RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(a.Type), P(a.Type)), new Tuple(P(res))));
                    return true;
                }
            case BuiltinId.Copy:
                {
                    x.Mode = OperandMode.Value; x.Type = TypOf(BasicKind.Int);
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(A(0).Type), P(A(1).Type)), new Tuple(P(x.Type))));
                    return true;
                }
            case BuiltinId.Delete:
                {
                    var m = A(0);
                    if (CoreType(m.Type) is Map mt) Assignment(A(1), mt.Key, "argument to delete");
                    x.Mode = OperandMode.NoValue;
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(m.Type), P(A(1).Type)), null));
                    return true;
                }
            case BuiltinId.Imag or BuiltinId.Real:
                {
                    var a = A(0);
                    if (IsUntyped(a.Type) && a.Mode == OperandMode.Constant)
                    {
                        if (IsNumeric(a.Type)) a.Type = TypOf(BasicKind.UntypedComplex);
                    }
                    var ak = (a.Type.Underlying() as Basic)?.Kind;
                    GoType res = ak switch
                    {
                        BasicKind.Complex64 => TypOf(BasicKind.Float32),
                        BasicKind.Complex128 => TypOf(BasicKind.Float64),
                        BasicKind.UntypedComplex => TypOf(BasicKind.UntypedFloat),
                        _ => Universe.Invalid,
                    };
                    if (!IsValidType(res)) { Error(a, $"{InvalidArg}argument has type {TS(a.Type)}, expected complex type"); return false; }
                    if (a.Mode == OperandMode.Constant)
                    {
                        x.Val = id == BuiltinId.Real ? K.Real(a.Val!) : K.Imag(a.Val!);
                        x.Mode = OperandMode.Constant;
                    }
                    else x.Mode = OperandMode.Value;
                    x.Type = res;
                    if (x.Mode != OperandMode.Constant) RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(a.Type)), new Tuple(P(res))));
                    return true;
                }
            case BuiltinId.Make:
                {
                    var T = VarType(argList[0]);
                    if (!IsValidType(T)) return false;
                    var core = CoreType(T);
                    int min = core switch { Slice => 2, Map or Chan => 1, _ => -1 };
                    if (min < 0) { Error(argList[0], $"{InvalidArg}cannot make {ExprString(argList[0])}; type must be slice, map, or channel"); return false; }
                    var types = new List<Var> { P(T) };
                    for (int i = 1; i < nargs; i++)
                    {
                        var (t, _) = Index(argList[i], -1);
                        types.Add(P(t ?? TypOf(BasicKind.Int)));
                    }
                    x.Mode = OperandMode.Value; x.Type = T;
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(types), new Tuple(P(T))));
                    return true;
                }
            case BuiltinId.Max or BuiltinId.Min:
                {
                    var a = A(0);
                    for (int i = 1; i < nargs; i++)
                    {
                        var b = A(i);
                        MatchTypes(a, b);
                        if (a.Mode == OperandMode.Invalid) return false;
                        if (!GoTypes.Identical(a.Type, b.Type)) { Error(b, $"{InvalidArg}mismatched types {TS(a.Type)} (previous argument) and {TS(b.Type)} (type of {ExprString(b.Expr!)})"); return false; }
                        if (a.Mode == OperandMode.Constant && b.Mode == OperandMode.Constant)
                        {
                            bool less = K.Compare(b.Val!, CompareOperator.Lss, a.Val!);
                            if ((id == BuiltinId.Min) == less) a.Val = b.Val;
                        }
                        else a.Mode = OperandMode.Value;
                    }
                    if (!AllOrdered(a.Type)) { Error(a, $"{InvalidArg}{OpString(a)} cannot be ordered"); return false; }
                    if (a.Mode != OperandMode.Constant)
                    {
                        a.Mode = OperandMode.Value;
                        foreach (var b in args) UpdateExprType(b.Expr!, Default(a.Type), true);
                        if (IsUntyped(a.Type)) a.Type = Default(a.Type);
                    }
                    x.Mode = a.Mode; x.Type = a.Type; x.Val = a.Val;
                    if (x.Mode != OperandMode.Constant)
                    {
                        var ps = new List<Var>();
                        foreach (var _ in args) ps.Add(P(x.Type));
                        RecordBuiltinType(call.Fun, new Signature(null, new Tuple(ps), new Tuple(P(x.Type)), false));
                    }
                    return true;
                }
            case BuiltinId.New:
                {
                    var arg = argList[0];
                    var xa = new Operand();
                    ExprOrType(xa, arg, false);
                    Exclude(xa, ExcludeNoValue | ExcludeBuiltin);
                    switch (xa.Mode)
                    {
                        case OperandMode.Invalid: return false;
                        case OperandMode.TypeExpr: ValidVarType(arg, xa.Type); break;
                        default:
                            if (IsUntyped(xa.Type))
                            {
                                Assignment(xa, null, "argument to new");
                                if (xa.Mode == OperandMode.Invalid) return false;
                            }
                            VerifyVersion(call.Fun, GoVersions.Go1_26, $"new({ExprString(arg)})");
                            break;
                    }
                    var t = xa.Type;
                    x.Mode = OperandMode.Value; x.Type = new Pointer(t);
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(t)), new Tuple(P(x.Type))));
                    return true;
                }
            case BuiltinId.Panic:
                {
                    Assignment(A(0), Universe.Any, "argument to panic");
                    if (A(0).Mode == OperandMode.Invalid) return false;
                    x.Mode = OperandMode.NoValue;
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(Universe.Any)), null));
                    return true;
                }
            case BuiltinId.Print or BuiltinId.Println:
                {
                    var ps = new List<Var>();
                    foreach (var a in args)
                    {
                        Assignment(a, null, $"argument to built-in {name}");
                        if (a.Mode == OperandMode.Invalid) return false;
                        ps.Add(P(a.Type));
                    }
                    x.Mode = OperandMode.NoValue;
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(ps), null));
                    return true;
                }
            case BuiltinId.Recover:
                x.Mode = OperandMode.Value; x.Type = Universe.Any;
                RecordBuiltinType(call.Fun, new Signature(null, null, new Tuple(P(x.Type))));
                return true;
            case BuiltinId.Add:
                {
                    Assignment(A(0), TypOf(BasicKind.UnsafePointer), "argument to unsafe.Add");
                    var y = A(1);
                    if (!IsValidIndex(y, "length", true)) return false;
                    x.Mode = OperandMode.Value; x.Type = TypOf(BasicKind.UnsafePointer);
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(x.Type), P(y.Type)), new Tuple(P(x.Type))));
                    return true;
                }
            case BuiltinId.Alignof or BuiltinId.Sizeof:
                {
                    var a = A(0);
                    Assignment(a, null, $"argument to unsafe.{name}");
                    if (a.Mode == OperandMode.Invalid) return false;
                    if (HasVarSize(a.Type))
                    {
                        x.Mode = OperandMode.Value;
                        x.Type = TypOf(BasicKind.Uintptr);
                        RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(a.Type)), new Tuple(P(x.Type))));
                        return true;
                    }
                    x.Mode = OperandMode.Constant;
                    x.Val = K.MakeInt64(id == BuiltinId.Sizeof ? Sizes.Sizeof(a.Type) : Sizes.Alignof(a.Type));
                    x.Type = TypOf(BasicKind.Uintptr);
                    return true;
                }
            case BuiltinId.Offsetof:
                {
                    var arg0 = Unparen(argList[0]);
                    if (arg0 is not SelectorExpr selx) { Error(argList[0], $"{InvalidArg}{ExprString(arg0)} is not a selector expression"); Use(arg0); return false; }
                    var xb = new Operand();
                    EvalExpr(null, xb, selx.X);
                    if (xb.Mode == OperandMode.Invalid) return false;
                    var bse = DerefStructPtr(xb.Type);
                    var (obj, index, indirect) = LookupUtil.LookupFieldOrMethod(bse, false, _pkg, selx.Sel.Value, false);
                    if (obj is not Var fld) { Error(selx.Sel, $"{InvalidArg}{ExprString(selx)} has no single field {selx.Sel.Value}"); return false; }
                    if (indirect) { Error(selx.Sel, $"{InvalidArg}field {selx.Sel.Value} is embedded via a pointer in {ExprString(selx)}"); return false; }
                    RecordSelection(selx, SelectionKind.FieldVal, bse, fld, index!, false);
                    RecordTypeAndValue(selx, ExprMode.Variable, fld.Type!, null);
                    x.Mode = OperandMode.Constant;
                    x.Val = K.MakeInt64(Sizes.Offsetof(bse, index!));
                    x.Type = TypOf(BasicKind.Uintptr);
                    return true;
                }
            case BuiltinId.Slice:
                {
                    var (b, ok) = Deref(A(0).Type.Underlying()) is (var e, true) ? (e, true) : (Universe.Invalid, false);
                    if (A(0).Type.Underlying() is not Pointer pp) { Error(A(0), $"{InvalidArg}{OpString(A(0))} is not a pointer"); return false; }
                    if (!IsValidIndex(A(1), "length", false)) return false;
                    x.Mode = OperandMode.Value; x.Type = new Slice(pp.Elem);
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(A(0).Type), P(A(1).Type)), new Tuple(P(x.Type))));
                    return true;
                }
            case BuiltinId.SliceData:
                {
                    if (A(0).Type.Underlying() is not Slice ss) { Error(A(0), $"{InvalidArg}{OpString(A(0))} is not a slice"); return false; }
                    x.Mode = OperandMode.Value; x.Type = new Pointer(ss.Elem);
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(A(0).Type)), new Tuple(P(x.Type))));
                    return true;
                }
            case BuiltinId.String:
                {
                    Assignment(A(0), new Pointer(Universe.ByteType), "argument to unsafe.String");
                    if (!IsValidIndex(A(1), "length", false)) return false;
                    x.Mode = OperandMode.Value; x.Type = TypOf(BasicKind.String);
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(A(0).Type), P(A(1).Type)), new Tuple(P(x.Type))));
                    return true;
                }
            case BuiltinId.StringData:
                {
                    Assignment(A(0), TypOf(BasicKind.String), "argument to unsafe.StringData");
                    x.Mode = OperandMode.Value; x.Type = new Pointer(Universe.ByteType);
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(TypOf(BasicKind.String))), new Tuple(P(x.Type))));
                    return true;
                }
        }
        return false;
    }

    private bool _lenArgHasCallOrRecv;

    private Var P(GoType t) => new(VarKind.ParamVar, SourcePos.None, null, "", t);

    private void MatchForComplex(Operand a, Operand b)
    {
        if (IsUntyped(a.Type) && !IsUntyped(b.Type)) ConvertUntyped(a, b.Type);
        else if (!IsUntyped(a.Type) && IsUntyped(b.Type)) ConvertUntyped(b, a.Type);
        else if (IsUntyped(a.Type) && IsUntyped(b.Type))
        {
            if (a.Mode == OperandMode.Constant && b.Mode == OperandMode.Constant)
            {
                a.Type = TypOf(BasicKind.UntypedFloat);
                b.Type = TypOf(BasicKind.UntypedFloat);
            }
        }
    }

    private static bool HasCallOrRecv(Expr e)
    {
        switch (e)
        {
            case CallExpr: return true;
            case Operation op: return op.Op == Operator.Recv && op.Y == null || HasCallOrRecv(op.X) || (op.Y != null && HasCallOrRecv(op.Y));
            case SelectorExpr s: return HasCallOrRecv(s.X);
            case IndexExpr ix: return HasCallOrRecv(ix.X) || HasCallOrRecv(ix.Index);
            case ParenExpr p: return HasCallOrRecv(p.X);
            case SliceExpr sl: return HasCallOrRecv(sl.X);
            case CompositeLit cl:
                foreach (var el in cl.ElemList) if (HasCallOrRecv(el)) return true;
                return false;
            case KeyValueExpr kv: return HasCallOrRecv(kv.Key) || HasCallOrRecv(kv.Value);
            case AssertExpr a: return HasCallOrRecv(a.X);
        }
        return false;
    }

    private static bool HasVarSize(GoType t, int depth = 0)
    {
        if (depth > 32) return false;
        switch (Unalias(t))
        {
            case TypeParam: return true;
            case Named n: return n.Underlying() is var u && !ReferenceEquals(u, n) && HasVarSize(u, depth + 1);
        }
        switch (t.Underlying())
        {
            case Array a: return HasVarSize(a.Elem, depth + 1);
            case Struct s:
                foreach (var f in s.Fields) if (HasVarSize(f.Type!, depth + 1)) return true;
                return false;
        }
        return false;
    }
}
