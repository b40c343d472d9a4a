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
            // types2 builtin: errorf(argErrPos(call), WrongArgCount, invalidOp+"%s arguments for %v (expected %d, found %d)")
            Error(call, $"invalid operation: {msg} arguments for {ExprString(call)} (expected {nargsMin}, found {nargs})");
            return false;
        }
        // types2: the first argument is always in x (the other cases below still read it through A(0))
        if (args.Count > 0) x.CopyFrom(args[0]);
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
                    // models types2 builtin _Append
                    var s = A(0);
                    var (E, err) = SliceElem(s);
                    if (err != null) { Error(s, $"invalid append: {err}"); return false; }
                    Signature? sig = null;
                    if (nargs == 2 && call.HasDots && AssignableToNoCause(s, new Slice(Universe.ByteType)))
                    {
                        var y = A(1);
                        bool hasString = false, ok = true;
                        Predicates.All(y.Type, (_, u) =>
                        {
                            if (u is Slice us && GoTypes.Identical(us.Elem, Universe.ByteType)) return true;
                            if (u != null && IsString(u)) { hasString = true; return true; }
                            ok = false;
                            return false;
                        });
                        if (ok && hasString) sig = new Signature(null, new Tuple(P(s.Type), P(y.Type)), new Tuple(P(s.Type)), true);
                    }
                    if (sig == null)
                    {
                        sig = new Signature(null, new Tuple(P(s.Type), P(new Slice(E!))), new Tuple(P(s.Type)), true);
                        Arguments(call, sig, null, null, args);
                    }
                    RecordBuiltinType(call.Fun, sig);
                    x.Mode = OperandMode.Value; x.Type = s.Type;
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
                    if (!GoTypes.Identical(a.Type, b.Type))
                    {
                        Error(a, $"{InvalidOp}{ExprString(call)} (mismatched types {TS(a.Type)} and {TS(b.Type)})");
                        return false;
                    }
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
                    // models types2 builtin _Copy
                    var (dstE, err) = SliceElem(x);
                    if (err != null) { Error(x, $"invalid copy: {err}"); return false; }
                    var y = A(1);
                    bool special = false;
                    if (AssignableToNoCause(x, new Slice(Universe.ByteType)))
                    {
                        special = true;
                        Predicates.All(y.Type, (_, u) =>
                        {
                            if (u is Slice us && GoTypes.Identical(us.Elem, Universe.ByteType)) return true;
                            if (u != null && IsString(u)) return true;
                            special = false;
                            return false;
                        });
                    }
                    if (!special)
                    {
                        var (srcE, err2) = SliceElem(y);
                        if (err2 != null)
                        {
                            if (!AllString(y.Type)) { Error(y, $"invalid copy: {err2}"); return false; }
                            srcE = Universe.ByteType;
                        }
                        if (!GoTypes.Identical(dstE!, srcE!))
                        {
                            Error(x, $"invalid copy: arguments {OpString(x)} and {OpString(y)} have different element types {TS(dstE!)} and {TS(srcE!)}");
                            return false;
                        }
                    }
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(x.Type), P(y.Type)), new Tuple(P(TypOf(BasicKind.Int)))));
                    x.Mode = OperandMode.Value; x.Type = TypOf(BasicKind.Int);
                    return true;
                }
            case BuiltinId.Delete:
                {
                    // models types2 builtin _Delete
                    var map = x.Type;
                    GoType? key = null;
                    var xs = OpString(x);
                    if (!UnderIs(map, u =>
                    {
                        if (u is not Map mu) { Error(x, $"{InvalidArg}{xs} is not a map"); return false; }
                        if (key != null && !GoTypes.Identical(mu.Key, key)) { Error(x, $"{InvalidArg}maps of {xs} must have identical key types"); return false; }
                        key = mu.Key;
                        return true;
                    })) return false;
                    var k = A(1);
                    Assignment(k, key!, "argument to delete");
                    if (k.Mode == OperandMode.Invalid) return false;
                    x.Mode = OperandMode.NoValue;
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(map), P(key!)), null));
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
                    if (min < 0) { Error(argList[0], $"{InvalidArg}cannot make {ExprString(argList[0])}: type must be slice, map, or channel"); return false; }
                    // types2 builtin _Make: argument count, then length and capacity
                    if (nargs < min || min + 1 < nargs)
                    {
                        Error(call, $"{InvalidOp}{ExprString(call)} expects {min} or {min + 1} arguments; found {nargs}");
                        return false;
                    }
                    var types = new List<Var> { P(T) };
                    var sizes = new List<long>();
                    for (int i = 1; i < nargs; i++)
                    {
                        var (t, size) = Index(argList[i], -1);
                        types.Add(P(t ?? TypOf(BasicKind.Int)));
                        if (size >= 0) sizes.Add(size);
                    }
                    if (sizes.Count == 2 && sizes[0] > sizes[1]) Error(argList[1], $"{InvalidArg}length and capacity swapped");
                    x.Mode = OperandMode.Value; x.Type = T;
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(types), new Tuple(P(T))));
                    return true;
                }
            case BuiltinId.Max or BuiltinId.Min:
                {
                    // types2 builtin _Max/_Min: each argument must be ordered before it is compared
                    var a = A(0);
                    var op = id == BuiltinId.Max ? CompareOperator.Gtr : CompareOperator.Lss;
                    for (int i = 0; i < nargs; i++)
                    {
                        var b = A(i);
                        if (b.Mode == OperandMode.Invalid) return false;
                        if (!AllOrdered(b.Type)) { Error(b, $"{InvalidArg}{OpString(b)} cannot be ordered"); return false; }
                        if (i == 0) continue;
                        MatchTypes(a, b);
                        if (a.Mode == OperandMode.Invalid) return false;
                        if (!GoTypes.Identical(a.Type, b.Type)) { Error(b, $"{InvalidArg}mismatched types {TS(a.Type)} (previous argument) and {TS(b.Type)} (type of {ExprString(b.Expr!)})"); return false; }
                        if (a.Mode == OperandMode.Constant && b.Mode == OperandMode.Constant)
                        {
                            if (K.Compare(b.Val!, op, a.Val!)) a.Val = b.Val;
                        }
                        else a.Mode = OperandMode.Value;
                    }
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
                    Assignment(A(0), Interface.Empty, "argument to panic");
                    if (A(0).Mode == OperandMode.Invalid) return false;
                    x.Mode = OperandMode.NoValue;
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(Interface.Empty)), null));
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
                x.Mode = OperandMode.Value; x.Type = Interface.Empty;
                RecordBuiltinType(call.Fun, new Signature(null, null, new Tuple(P(x.Type))));
                return true;
            case BuiltinId.Add:
                {
                    VerifyVersion(call.Fun, GoVersions.Go1_17, "unsafe.Add");
                    Assignment(x, TypOf(BasicKind.UnsafePointer), "argument to unsafe.Add");
                    if (x.Mode == OperandMode.Invalid) return false;
                    var y = A(1);
                    if (!IsValidIndex(y, "length", true)) return false;
                    x.Mode = OperandMode.Value; x.Type = TypOf(BasicKind.UnsafePointer);
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(x.Type), P(y.Type)), new Tuple(P(x.Type))));
                    return true;
                }
            case BuiltinId.Alignof or BuiltinId.Sizeof:
                {
                    Assignment(x, null, $"argument to unsafe.{name}");
                    if (x.Mode == OperandMode.Invalid) return false;
                    if (HasVarSize(x.Type))
                    {
                        x.Mode = OperandMode.Value;
                        RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(x.Type)), new Tuple(P(TypOf(BasicKind.Uintptr)))));
                    }
                    else
                    {
                        long size = id == BuiltinId.Sizeof ? Sizes.Sizeof(x.Type) : Sizes.Alignof(x.Type);
                        if (size < 0) { Error(x, $"{OpString(x)} is too large"); return false; }
                        x.Mode = OperandMode.Constant;
                        x.Val = K.MakeInt64(size);
                    }
                    x.Type = TypOf(BasicKind.Uintptr);
                    return true;
                }
            case BuiltinId.Offsetof:
                {
                    var arg0 = argList[0];
                    if (Unparen(arg0) is not SelectorExpr selx) { Error(arg0, $"{InvalidArg}{ExprString(arg0)} is not a selector expression"); Use(arg0); return false; }
                    EvalExpr(null, x, selx.X);
                    if (x.Mode == OperandMode.Invalid) return false;
                    var bse = DerefStructPtr(x.Type);
                    var sel = selx.Sel.Value;
                    var (obj, index, indirect) = LookupUtil.LookupFieldOrMethod(bse, false, _pkg, sel, false);
                    switch (obj)
                    {
                        case null: Error(x, $"{InvalidArg}{TS(bse)} has no single field {sel}"); return false;
                        case Func: Error(arg0, $"{InvalidArg}{ExprString(arg0)} is a method value"); return false;
                    }
                    if (indirect) { Error(x, $"{InvalidArg}field {sel} is embedded via a pointer in {TS(bse)}"); return false; }
                    RecordSelection(selx, SelectionKind.FieldVal, bse, obj, index!, false);
                    RecordTypeAndValue(selx, x.Mode == OperandMode.Variable || indirect ? ExprMode.Variable : ExprMode.Value, obj.Type!, null);
                    if (HasVarSize(bse))
                    {
                        x.Mode = OperandMode.Value;
                        RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(obj.Type!)), new Tuple(P(TypOf(BasicKind.Uintptr)))));
                    }
                    else
                    {
                        long offs = Sizes.Offsetof(bse, index!);
                        if (offs < 0) { Error(x, $"{OpString(x)} is too large"); return false; }
                        x.Mode = OperandMode.Constant;
                        x.Val = K.MakeInt64(offs);
                    }
                    x.Type = TypOf(BasicKind.Uintptr);
                    return true;
                }
            case BuiltinId.Slice:
                {
                    VerifyVersion(call.Fun, GoVersions.Go1_17, "unsafe.Slice");
                    if (CommonUnder(x.Type).Type is not Pointer ptr) { Error(x, $"{InvalidArg}{OpString(x)} is not a pointer"); return false; }
                    var y = A(1);
                    if (!IsValidIndex(y, "length", false)) return false;
                    x.Mode = OperandMode.Value; x.Type = new Slice(ptr.Elem);
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(ptr), P(y.Type)), new Tuple(P(x.Type))));
                    return true;
                }
            case BuiltinId.SliceData:
                {
                    VerifyVersion(call.Fun, GoVersions.Go1_20, "unsafe.SliceData");
                    if (CommonUnder(x.Type).Type is not Slice slice) { Error(x, $"{InvalidArg}{OpString(x)} is not a slice"); return false; }
                    x.Mode = OperandMode.Value; x.Type = new Pointer(slice.Elem);
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(slice)), new Tuple(P(x.Type))));
                    return true;
                }
            case BuiltinId.String:
                {
                    VerifyVersion(call.Fun, GoVersions.Go1_20, "unsafe.String");
                    Assignment(x, new Pointer(Universe.ByteType), "argument to unsafe.String");
                    if (x.Mode == OperandMode.Invalid) return false;
                    var y = A(1);
                    if (!IsValidIndex(y, "length", false)) return false;
                    x.Mode = OperandMode.Value; x.Type = TypOf(BasicKind.String);
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(new Pointer(Universe.ByteType)), P(y.Type)), new Tuple(P(x.Type))));
                    return true;
                }
            case BuiltinId.StringData:
                {
                    VerifyVersion(call.Fun, GoVersions.Go1_20, "unsafe.StringData");
                    Assignment(x, TypOf(BasicKind.String), "argument to unsafe.StringData");
                    if (x.Mode == OperandMode.Invalid) return false;
                    x.Mode = OperandMode.Value; x.Type = new Pointer(Universe.ByteType);
                    RecordBuiltinType(call.Fun, new Signature(null, new Tuple(P(TypOf(BasicKind.String))), new Tuple(P(x.Type))));
                    return true;
                }
        }
        return false;
    }

    private bool _lenArgHasCallOrRecv;

    private bool AssignableToNoCause(Operand x, GoType T) { string? cause = null; return AssignableTo(x, T, ref cause); }

    // types2.makeSig: parameter types are defaulted
    private Var P(GoType t) => new(VarKind.ParamVar, SourcePos.None, null, "", Default(t));

    /// <summary>models types2.sliceElem</summary>
    private (GoType? Elem, string? Err) SliceElem(Operand x)
    {
        GoType? E = null;
        string? err = null;
        Predicates.All(x.Type, (_, u) =>
        {
            if (u is not Slice s)
            {
                err = x.IsNil ? "argument must be a slice; have untyped nil" : $"argument must be a slice; have {OpString(x)}";
                return false;
            }
            if (E == null) E = s.Elem;
            else if (!GoTypes.Identical(E, s.Elem)) { err = $"mismatched slice element types {TS(E)} and {TS(s.Elem)} in {OpString(x)}"; return false; }
            return true;
        });
        return (E, err);
    }

    private void MatchForComplex(Operand a, Operand b)
    {
        if (IsUntyped(a.Type) && !IsUntyped(b.Type)) ConvertUntyped(a, b.Type);
        else if (!IsUntyped(a.Type) && IsUntyped(b.Type)) ConvertUntyped(b, a.Type);
        else if (IsUntyped(a.Type) && IsUntyped(b.Type))
        {
            // types2 builtin _Complex: two untyped constants become untyped floats (if real); otherwise (a
            // not-yet-typed shift) both are converted to float64, which rejects the shift
            if (a.Mode == OperandMode.Constant && b.Mode == OperandMode.Constant)
            {
                void ToFloat(Operand o)
                {
                    if (IsNumeric(o.Type) && K.Sign(K.Imag(o.Val!)) == 0) o.Type = TypOf(BasicKind.UntypedFloat);
                }
                ToFloat(a);
                ToFloat(b);
            }
            else
            {
                ConvertUntyped(a, TypOf(BasicKind.Float64));
                ConvertUntyped(b, TypOf(BasicKind.Float64));
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

    private readonly Dictionary<Named, bool> _varSize = new(ReferenceEqualityComparer.Instance);

    /// <summary>Models types2.(*Checker).hasVarSize: whether t's size depends on a type parameter. It walks declared
    /// RHSs, pushing each named type on the object path, so a type that contains itself is reported as a cycle
    /// (unsafe.Sizeof(T[int]{}) inside T[int]'s own expansion) instead of recursing without end.</summary>
    private bool HasVarSize(GoType t)
    {
        switch (Unalias(t))
        {
            case Named n:
                {
                    if (_varSize.TryGetValue(n, out bool known)) return known;
                    if (_objPathIdx.TryGetValue(n.Obj, out int i))
                    {
                        var cycle = _objPath.GetRange(i, _objPath.Count - i);
                        CycleError(cycle, FirstInSrc(cycle));
                        return true;
                    }
                    if (_objPath.Count > ValidTypeMaxNest) // far beyond real programs: an internal error, not a guess
                        throw new InvalidOperationException($"hasVarSize: types nested deeper than {ValidTypeMaxNest} at {TS(n)}");
                    Push(n.Obj);
                    bool varSize;
                    try { varSize = n.Rhs is { } rhs && HasVarSize(rhs); }
                    finally { Pop(); }
                    if (n.Obj.Pkg is { Path: "simd" } && n.Obj.Name == "_simd") varSize = true;
                    _varSize.TryAdd(n, varSize);
                    return varSize;
                }
            case Array a:
                return HasVarSize(a.Elem);
            case Struct s:
                foreach (var f in s.Fields)
                    if (f.Type != null && HasVarSize(f.Type)) return true;
                return false;
            case TypeParam:
                return true;
        }
        return false;
    }
}
