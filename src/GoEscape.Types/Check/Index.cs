using GoEscape.Syntax;
using GoEscape.Types.Constant;
using K = GoEscape.Types.Constant.Const;

namespace GoEscape.Types;

// Index, slice expressions, literals (models types2 index.go, literals.go).
public sealed partial class Checker
{
    /// <summary>models types2.(*Checker).indexExpr; returns true if x is a generic function to instantiate.</summary>
    private bool IndexExprCheck(Operand x, IndexExpr e)
    {
        ExprOrType(x, e.X, true);
        switch (x.Mode)
        {
            case OperandMode.Invalid:
                Use(e.Index);
                return false;
            case OperandMode.TypeExpr:
                x.Mode = OperandMode.Invalid;
                x.Type = VarType(e);
                if (IsValidType(x.Type)) x.Mode = OperandMode.TypeExpr;
                return false;
            case OperandMode.Value:
                if (x.Type is Signature { TypeParams.Len: > 0 }) return true;
                break;
        }
        bool valid = false;
        GoType? length = null;
        long len = -1;
        switch (x.Type.Underlying())
        {
            case Basic t when IsString(t):
                valid = true;
                if (x.Mode == OperandMode.Constant) len = K.StringLen(x.Val!);
                x.Mode = OperandMode.Value;
                x.Type = Universe.ByteType;
                break;
            case Array t:
                valid = true;
                len = t.Len;
                if (x.Mode != OperandMode.Variable) x.Mode = OperandMode.Value;
                x.Type = t.Elem;
                break;
            case Pointer p when p.Elem.Underlying() is Array a:
                valid = true;
                len = a.Len;
                x.Mode = OperandMode.Variable;
                x.Type = a.Elem;
                break;
            case Slice t:
                valid = true;
                x.Mode = OperandMode.Variable;
                x.Type = t.Elem;
                break;
            case Map t:
                {
                    var index = SingleIndex(e);
                    if (index == null) { x.Mode = OperandMode.Invalid; return false; }
                    var key = new Operand();
                    ExprWithHint(key, index, t.Key);
                    Assignment(key, t.Key, "map index");
                    x.Mode = OperandMode.MapIndex;
                    x.Type = t.Elem;
                    x.Expr = e;
                    return false;
                }
            case Interface when IsTypeParam(x.Type):
                {
                    var tp = (TypeParam)Unalias(x.Type);
                    GoType? key = null, elem = null;
                    OperandMode mode = OperandMode.Invalid;
                    long tlen = -1;
                    bool ok = TypeParamTypeset(tp, (_, u) =>
                    {
                        GoType? k = null, el = null; long l = -1; OperandMode m = OperandMode.Variable;
                        switch (u)
                        {
                            case Basic b when IsString(b): k = Universe.Typ[(int)BasicKind.Int]; el = Universe.ByteType; m = OperandMode.Value; break;
                            case Array a: k = Universe.Typ[(int)BasicKind.Int]; el = a.Elem; l = a.Len; m = x.Mode == OperandMode.Variable ? OperandMode.Variable : OperandMode.Value; break;
                            case Pointer p when p.Elem.Underlying() is Array pa: k = Universe.Typ[(int)BasicKind.Int]; el = pa.Elem; l = pa.Len; break;
                            case Slice s: k = Universe.Typ[(int)BasicKind.Int]; el = s.Elem; break;
                            case Map mp: k = mp.Key; el = mp.Elem; m = OperandMode.MapIndex; break;
                            default: return false;
                        }
                        if (key == null) { key = k; elem = el; tlen = l; mode = m; return true; }
                        if (!GoTypes.Identical(key, k) || !GoTypes.Identical(elem, el)) return false;
                        if (l >= 0 && l < tlen) tlen = l;
                        if (m != mode) { if (m == OperandMode.MapIndex || mode == OperandMode.MapIndex) return false; mode = OperandMode.Value; }
                        return true;
                    });
                    if (ok && elem != null)
                    {
                        if (key!.Underlying() is not Basic { Kind: BasicKind.Int } || mode == OperandMode.MapIndex)
                        {
                            var index = SingleIndex(e);
                            if (index == null) { x.Mode = OperandMode.Invalid; return false; }
                            var k = new Operand();
                            ExprWithHint(k, index, key);
                            Assignment(k, key, "map index");
                            x.Mode = OperandMode.MapIndex;
                            x.Type = elem;
                            x.Expr = e;
                            return false;
                        }
                        valid = true;
                        len = tlen;
                        x.Mode = mode;
                        x.Type = elem;
                    }
                    break;
                }
        }
        if (!valid)
        {
            Error(e.Pos, $"cannot index {OpString(x)}");
            Use(e.Index);
            x.Mode = OperandMode.Invalid;
            return false;
        }
        var idx = SingleIndex(e);
        if (idx == null) { x.Mode = OperandMode.Invalid; return false; }
        if (length == null) { }
        Index(idx, len);
        return false;
    }

    private Expr? SingleIndex(IndexExpr e)
    {
        if (e.Index is ListExpr l)
        {
            Error(l.ElemList[1], $"{InvalidOp}more than one index");
            return null;
        }
        return e.Index;
    }

    /// <summary>models types2.(*Checker).index: checks an index expression; returns (type, constant value or -1).</summary>
    private (GoType? Type, long Val) Index(Expr index, long max)
    {
        var x = new Operand();
        EvalExpr(null, x, index);
        if (!IsValidIndex(x, "index", false)) return (null, -1);
        if (x.Mode != OperandMode.Constant) return (x.Type, -1);
        if (x.Val!.Kind == ConstKind.Unknown) return (null, -1);
        var (v, ok) = K.Int64Val(x.Val);
        if (max >= 0 && v >= max)
        {
            Error(x, $"{InvalidArg}index {x.Val!.String()} out of bounds [0:{max}]");
            return (null, -1);
        }
        return (x.Type, v);
    }

    private bool IsValidIndex(Operand x, string what, bool allowNegative)
    {
        if (x.Mode == OperandMode.Invalid) return false;
        ConvertUntyped(x, Universe.Typ[(int)BasicKind.Int]);
        if (x.Mode == OperandMode.Invalid) return false;
        if (!AllInteger(x.Type))
        {
            Error(x, $"{InvalidArg}{what} {OpString(x)} must be integer");
            return false;
        }
        if (x.Mode == OperandMode.Constant)
        {
            if (!allowNegative && K.Sign(x.Val!) < 0)
            {
                Error(x, $"{InvalidArg}{what} {OpString(x)} must not be negative");
                return false;
            }
            if (!RepresentableConst(x.Val!, Universe.Typ[(int)BasicKind.Int], out _))
            {
                Error(x, $"{InvalidArg}{what} {OpString(x)} overflows int");
                return false;
            }
        }
        return true;
    }

    /// <summary>models types2.(*Checker).sliceExpr</summary>
    private void SliceExprCheck(Operand x, SliceExpr e)
    {
        EvalExpr(null, x, e.X);
        if (x.Mode == OperandMode.Invalid) { Use(e.Index); return; }
        bool valid = false;
        long length = -1;
        var (cu, err) = CommonUnderForSlice(x.Type);
        switch (cu)
        {
            case null:
                Error(x, $"cannot slice {OpString(x)}: {err}");
                x.Mode = OperandMode.Invalid;
                return;
            case Basic b when IsString(b):
                if (e.Full)
                {
                    var at = e.Index[2] ?? (Expr)e;
                    Error(at, $"{InvalidOp}3-index slice of string");
                    x.Mode = OperandMode.Invalid;
                    return;
                }
                valid = true;
                if (x.Mode == OperandMode.Constant) length = K.StringLen(x.Val!);
                if (IsUntyped(x.Type)) x.Type = Universe.Typ[(int)BasicKind.String];
                break;
            case Array a:
                valid = true;
                length = a.Len;
                if (x.Mode != OperandMode.Variable)
                {
                    Error(x, $"{InvalidOp}{OpString(x)} (slice of unaddressable value)");
                    x.Mode = OperandMode.Invalid;
                    return;
                }
                x.Type = new Slice(a.Elem);
                break;
            case Pointer p when p.Elem.Underlying() is Array pa:
                valid = true;
                length = pa.Len;
                x.Type = new Slice(pa.Elem);
                break;
            case Slice:
                valid = true;
                break;
        }
        if (!valid)
        {
            Error(x, $"cannot slice {OpString(x)}");
            x.Mode = OperandMode.Invalid;
            return;
        }
        x.Mode = OperandMode.Value;
        if (e.Full && (e.Index[1] == null || e.Index[2] == null))
        {
            Error(e, $"{InvalidAST}2nd and 3rd index required in 3-index slice");
            x.Mode = OperandMode.Invalid;
            return;
        }
        var ind = new long[3];
        for (int i = 0; i < 3; i++)
        {
            long v = -1;
            var expr = e.Index[i];
            if (expr != null)
            {
                long max = -1;
                if (length >= 0) max = length + 1;
                var (t, xv) = Index(expr, max);
                if (t != null && xv >= 0) v = xv;
            }
            else if (i == 0) v = 0;
            else if (length >= 0) v = length;
            ind[i] = v;
        }
        for (int i = 0; i < 3; i++)
        {
            if (ind[i] < 0) continue;
            for (int j = i + 1; j < 3; j++)
            {
                if (ind[j] >= 0 && ind[j] < ind[i] && e.Index[j] != null)
                {
                    Error(e.Index[j]!, $"invalid slice indices: {ind[j]} < {ind[i]}");
                    return;
                }
            }
        }
    }

    private const string InvalidAST = "invalid AST: ";

    private (GoType?, string?) CommonUnderForSlice(GoType t)
    {
        if (Unalias(t) is not TypeParam) return (t.Underlying(), null);
        var cs = CoreString(t);
        if (cs == null) return (null, $"{TS(t)} has no core type");
        return (cs, null);
    }

    // ------------------------------------------------------------------------------------------------
    // Function literals

    private void FuncLitCheck(Operand x, FuncLit e)
    {
        var sig = FuncTypeCheck(null, null, e.Type, null);
        RecordTypeAndValue(e.Type, ExprMode.TypeExpr, sig, null); // go/types records the literal's type expression
        var sigScope = _sigScopes[sig];
        if (!_conf.IgnoreFuncBodies && e.Body != null)
        {
            var decl = _env.Decl;
            var iota = _env.Iota;
            var envCopy = _env.Copy();
            Later(() =>
            {
                FuncBody(decl, "<function literal>", sig, sigScope, e.Body, iota, envCopy);
            });
        }
        x.Mode = OperandMode.Value;
        x.Type = sig;
    }

    // ------------------------------------------------------------------------------------------------
    // Composite literals

    private void CompositeLitCheck(Operand x, CompositeLit e, GoType? hint)
    {
        GoType typ, bse;
        if (e.Type != null)
        {
            if (e.Type is ArrayType { Len: null } atyp)
            {
                typ = new Array(Universe.Invalid, -1);
                var elem = VarType(atyp.Elem);
                // length determined below
                var n = IndexedElts(e.ElemList, elem, -1);
                typ = new Array(elem, n);
                RecordTypeAndValue(e.Type, ExprMode.TypeExpr, typ, null);
                x.Mode = OperandMode.Value;
                x.Type = typ;
                return;
            }
            typ = Typ(e.Type);
            bse = typ;
        }
        else if (hint != null)
        {
            typ = hint;
            var (b, _) = Deref(CoreType(typ) ?? typ);
            bse = b;
        }
        else
        {
            Error(e, "invalid composite literal type: missing type");
            x.Mode = OperandMode.Invalid;
            return;
        }
        var cu = CoreType(bse);
        switch (cu)
        {
            case Struct utyp:
                if (e.ElemList.Count == 0) break;
                if (e.ElemList[0] is KeyValueExpr)
                {
                    var visited = new Dictionary<string, Var>();
                    foreach (var ee in e.ElemList)
                    {
                        if (ee is not KeyValueExpr kv)
                        {
                            Error(ee, "mixture of field:value and value elements in struct literal");
                            continue;
                        }
                        var key = kv.Key as Name;
                        var xx = new Operand();
                        GenericExpr(xx, kv.Value);
                        if (key == null)
                        {
                            Error(kv, $"invalid field name {ExprString(kv.Key)} in struct literal");
                            continue;
                        }
                        var (obj, index, indirect) = LookupUtil.LookupFieldOrMethod(utyp, false, _pkg, key.Value, false);
                        if (obj == null)
                        {
                            var alt = LookupUtil.LookupFieldOrMethod(utyp, false, _pkg, key.Value, true).Obj;
                            Error(kv.Key, $"unknown field {key.Value} in struct literal of type {TS(bse)}");
                            continue;
                        }
                        if (obj is not Var fld)
                        {
                            Error(kv.Key, $"{ExprString(kv.Key)} is not a field");
                            continue;
                        }
                        if (index!.Length > 1 && !VerifyVersion(kv.Key, GoVersions.Go1_27, $"use of promoted field {LookupUtil.FieldPath(utyp, index)} in struct literal of type {TS(bse)}"))
                            continue;
                        if (indirect)
                        {
                            Error(kv.Key, $"invalid implicit pointer indirection to reach {ExprString(kv.Key)}");
                            continue;
                        }
                        RecordUse(key, fld);
                        Assignment(xx, fld.Type!, "struct literal");
                        // duplicate detection on index paths (types2 trie)
                        string path = string.Join(".", index);
                        bool dup = false;
                        foreach (var (p2, alt2) in visited)
                        {
                            if (p2 == path) { Error(kv, $"duplicate field name {fld.Name} in struct literal"); dup = true; break; }
                            if (path.StartsWith(p2 + ".", StringComparison.Ordinal)) { Error(kv, $"cannot specify promoted field {fld.Name} and enclosing embedded field {alt2.Name}"); dup = true; break; }
                            if (p2.StartsWith(path + ".", StringComparison.Ordinal)) { Error(kv, $"cannot specify embedded field {fld.Name} and enclosed promoted field {alt2.Name}"); dup = true; break; }
                        }
                        if (!dup) visited[path] = fld;
                    }
                }
                else
                {
                    for (int i = 0; i < e.ElemList.Count; i++)
                    {
                        var ee = e.ElemList[i];
                        if (ee is KeyValueExpr kv)
                        {
                            Error(kv, "mixture of field:value and value elements in struct literal");
                            continue;
                        }
                        var xx = new Operand();
                        GenericExpr(xx, ee);
                        if (i >= utyp.NumFields)
                        {
                            Error(xx, $"too many values in struct literal of type {TS(bse)}");
                            break;
                        }
                        var fld = utyp.Field(i);
                        if (!fld.Exported && !ReferenceEquals(fld.Pkg, _pkg))
                        {
                            Error(xx, $"implicit assignment to unexported field {fld.Name} in struct literal of type {TS(bse)}");
                            continue;
                        }
                        Assignment(xx, fld.Type!, "struct literal");
                    }
                    if (e.ElemList.Count < utyp.NumFields)
                    {
                        string hintMsg = "";
                        foreach (var fld in utyp.Fields)
                            if (!fld.Exported && !ReferenceEquals(fld.Pkg, _pkg)) { hintMsg = " (type has unexported fields - use key:value pairs)"; break; }
                        Error(e.Rbrace.IsKnown ? e.Rbrace : e.Pos, $"too few values in struct literal of type {TS(bse)}{hintMsg}");
                    }
                }
                break;
            case Array utyp:
                {
                    var n = IndexedElts(e.ElemList, utyp.Elem, utyp.Len);
                    break;
                }
            case Slice utyp:
                IndexedElts(e.ElemList, utyp.Elem, -1);
                break;
            case Map utyp:
                {
                    var keys = new HashSet<string>();
                    foreach (var ee in e.ElemList)
                    {
                        if (ee is not KeyValueExpr kv)
                        {
                            Error(ee, "missing key in map literal");
                            continue;
                        }
                        var xk = new Operand();
                        ExprWithHint(xk, kv.Key, utyp.Key);
                        Assignment(xk, utyp.Key, "map literal");
                        if (xk.Mode == OperandMode.Constant)
                        {
                            string dk = TS(xk.Type) + ":" + xk.Val!.ExactString();
                            if (IsInterface(utyp.Key)) { }
                            else if (!keys.Add(dk))
                            {
                                Error(xk, $"duplicate key {ExprString(kv.Key)} in map literal");
                                continue;
                            }
                        }
                        var xv = new Operand();
                        ExprWithHint(xv, kv.Value, utyp.Elem);
                        Assignment(xv, utyp.Elem, "map literal");
                    }
                    break;
                }
            default:
                if (IsValidType(cu ?? Universe.Invalid) || cu == null && IsValidType(bse))
                {
                    foreach (var ee in e.ElemList)
                    {
                        if (ee is KeyValueExpr kv) { Use(kv.Key); Use(kv.Value); } else Use(ee);
                    }
                    if (IsValidType(bse)) Error(e, $"invalid composite literal type {TS(typ)}");
                    x.Mode = OperandMode.Invalid;
                    return;
                }
                foreach (var ee in e.ElemList) Use(ee is KeyValueExpr kv2 ? kv2.Value : ee);
                break;
        }
        x.Mode = OperandMode.Value;
        x.Type = typ;
    }

    private static int FieldIndex(Struct s, Package pkg, string name)
    {
        if (name == "_") return -1;
        for (int i = 0; i < s.NumFields; i++)
            if (s.Field(i).SameId(pkg, name, false)) return i;
        return -1;
    }

    /// <summary>models types2.(*Checker).indexedElts; returns the literal length.</summary>
    private long IndexedElts(List<Expr> elts, GoType typ, long length)
    {
        var visited = new HashSet<long>();
        long index = 0, max = 0;
        foreach (var e in elts)
        {
            long validIndex = -1;
            var eval = e;
            if (e is KeyValueExpr kv)
            {
                var (t, i) = Index(kv.Key, length);
                if (t != null)
                {
                    if (i >= 0) { index = i; validIndex = i; }
                    else Error(e, $"index {ExprString(kv.Key)} must be integer constant");
                }
                eval = kv.Value;
            }
            else if (length >= 0 && index >= length)
            {
                Error(e, $"index {index} is out of bounds (>= {length})");
            }
            else validIndex = index;
            if (validIndex >= 0)
            {
                if (!visited.Add(validIndex)) Error(e, $"duplicate index {validIndex} in array or slice literal");
            }
            index++;
            if (index > max) max = index;
            var x = new Operand();
            ExprWithHint(x, eval, typ);
            Assignment(x, typ, "array or slice literal");
        }
        return max;
    }
}
