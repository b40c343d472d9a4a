namespace GoEscape.Types;

/// <summary>A deferred error message: a format with %s verbs whose args are types/objects/strings, formatted with the
/// checker's qualifier (models types2.typeError). An empty Format means "no specific reason".</summary>
public sealed class TypeError
{
    public string Format { get; }
    public object[] Args { get; }
    public static readonly TypeError Empty = new("", []);
    public TypeError(string format, params object[] args) { Format = format; Args = args; }
    public bool IsEmpty => Format.Length == 0;

    public string ToString(Qualifier? qf)
    {
        var sb = new System.Text.StringBuilder();
        int a = 0;
        for (int i = 0; i < Format.Length; i++)
        {
            if (Format[i] == '%' && i + 1 < Format.Length && Format[i + 1] == 's')
            {
                var arg = a < Args.Length ? Args[a++] : "%!s(MISSING)";
                sb.Append(arg switch
                {
                    GoType t => GoTypes.TypeString(t, qf),
                    GoObject o => GoTypes.ObjectString(o, qf),
                    _ => arg.ToString(),
                });
                i++;
            }
            else sb.Append(Format[i]);
        }
        return sb.ToString();
    }
    public override string ToString() => ToString(null);
}

/// <summary>Type predicates (models types2 predicates.go and under.go).</summary>
public static class Predicates
{
    public static bool IsValid(GoType? t) => t is not null && !ReferenceEquals(GoTypes.Unalias(t), Universe.Invalid);

    public static bool IsBoolean(GoType t) => IsBasic(t, BasicInfo.IsBoolean);
    public static bool IsInteger(GoType t) => IsBasic(t, BasicInfo.IsInteger);
    public static bool IsUnsigned(GoType t) => IsBasic(t, BasicInfo.IsUnsigned);
    public static bool IsFloat(GoType t) => IsBasic(t, BasicInfo.IsFloat);
    public static bool IsComplex(GoType t) => IsBasic(t, BasicInfo.IsComplex);
    public static bool IsNumeric(GoType t) => IsBasic(t, BasicInfo.IsNumeric);
    public static bool IsString(GoType t) => IsBasic(t, BasicInfo.IsString);
    public static bool IsIntegerOrFloat(GoType t) => IsBasic(t, BasicInfo.IsInteger | BasicInfo.IsFloat);
    public static bool IsConstType(GoType t) => IsBasic(t, BasicInfo.IsConstType);
    public static bool IsBasic(GoType t, BasicInfo info) => t.Underlying() is Basic u && (u.Info & info) != 0;

    public static bool AllBoolean(GoType t) => AllBasic(t, BasicInfo.IsBoolean);
    public static bool AllInteger(GoType t) => AllBasic(t, BasicInfo.IsInteger);
    public static bool AllUnsigned(GoType t) => AllBasic(t, BasicInfo.IsUnsigned);
    public static bool AllNumeric(GoType t) => AllBasic(t, BasicInfo.IsNumeric);
    public static bool AllString(GoType t) => AllBasic(t, BasicInfo.IsString);
    public static bool AllOrdered(GoType t) => AllBasic(t, BasicInfo.IsOrdered);
    public static bool AllNumericOrString(GoType t) => AllBasic(t, BasicInfo.IsNumeric | BasicInfo.IsString);

    /// <summary>Models allBasic: for type parameters, all specific terms must satisfy info.</summary>
    public static bool AllBasic(GoType t, BasicInfo info)
    {
        if (GoTypes.Unalias(t) is TypeParam tp)
            return tp.Iface().TypeSet().Is(term => term is not null && IsBasic(term.Type!, info));
        return IsBasic(t, info);
    }

    public static bool HasName(GoType t) => GoTypes.Unalias(t) is Basic or Named or TypeParam;
    public static bool IsTypeLit(GoType t) => GoTypes.Unalias(t) is not (Named or TypeParam);
    public static bool IsTyped(GoType t) => t is not Basic b || (b.Info & BasicInfo.IsUntyped) == 0;
    public static bool IsUntyped(GoType t) => !IsTyped(t);
    public static bool IsUntypedNumeric(GoType t) => t is Basic b && (b.Info & BasicInfo.IsUntyped) != 0 && (b.Info & BasicInfo.IsNumeric) != 0;
    public static bool IsInterface(GoType t) => t.Underlying() is Interface;
    public static bool IsNonTypeParamInterface(GoType t) => !IsTypeParam(t) && IsInterface(t);
    public static bool IsTypeParam(GoType t) => GoTypes.Unalias(t) is TypeParam;

    /// <summary>Models hasEmptyTypeset.</summary>
    public static bool HasEmptyTypeset(GoType t)
    {
        if (GoTypes.Unalias(t) is TypeParam { Constraint: { } bound })
        {
            var u = bound is Named n ? n.SafeUnderlying : bound.Underlying();
            return u is Interface { _tset: { } ts } && ts.IsEmpty;
        }
        return false;
    }

    /// <summary>Models isGeneric: an uninstantiated generic Named or Alias.</summary>
    public static bool IsGeneric(GoType t)
    {
        if (t is Alias a && a.TypeParams.Len > 0 && a.TypeArgs.Len == 0) return true;
        var named = GoTypes.AsNamed(t);
        return named is not null && !named.IsInstance && named.TypeParams.Len > 0;
    }

    /// <summary>Models comparableType: null if T is comparable, else a reason (possibly empty). If dynamic is set,
    /// non-type-parameter interfaces count as comparable.</summary>
    public static TypeError? ComparableType(GoType T, bool dynamic, HashSet<GoType>? seen)
    {
        seen ??= new HashSet<GoType>(ReferenceEqualityComparer.Instance);
        if (!seen.Add(T)) return null;
        switch (T.Underlying())
        {
            case Basic t:
                if (t.Kind == BasicKind.UntypedNil) return TypeError.Empty;
                break;
            case Pointer or Chan:
                break;
            case Struct t:
                foreach (var f in t.Fields)
                    if (ComparableType(f.Type!, dynamic, seen) is not null)
                        return new TypeError("struct containing %s cannot be compared", f.Type!);
                break;
            case Array t:
                if (ComparableType(t.Elem, dynamic, seen) is not null)
                    return new TypeError("%s cannot be compared", T);
                break;
            case Interface t:
                if ((dynamic && !IsTypeParam(T)) || t.TypeSet().IsComparable(seen)) return null;
                return new TypeError(t.TypeSet().IsEmpty ? "empty type set" : "incomparable types in type set");
            default:
                return TypeError.Empty;
        }
        return null;
    }

    /// <summary>Models hasNil.</summary>
    public static bool HasNil(GoType t) => t.Underlying() switch
    {
        Basic u => u.Kind == BasicKind.UnsafePointer,
        Slice or Pointer or Signature or Map or Chan => true,
        Interface => !IsTypeParam(t) || UnderIs(t, u => u is not null && HasNil(u)),
        _ => false,
    };

    /// <summary>Models underIs: f(u) for each underlying type in t's type set (f(null) if no specific terms).</summary>
    public static bool UnderIs(GoType t, Func<GoType?, bool> f) => All(t, (_, u) => f(u));

    /// <summary>Models all: for type parameters iterates the constraint's specific terms (t, u), else f(t, t.Underlying()).</summary>
    public static bool All(GoType t, Func<GoType?, GoType?, bool> f)
    {
        if (GoTypes.Unalias(t) is TypeParam p) return p.Iface().TypeSet().All(f);
        return f(t, t.Underlying());
    }

    /// <summary>Models commonUnder: the common underlying type of t's type set (channel direction rules), or an error.</summary>
    public static (GoType? Type, TypeError? Error) CommonUnder(GoType t, Func<GoType?, GoType?, TypeError?>? cond)
    {
        GoType? ct = null, cu = null;
        TypeError? err = null;
        All(t, (tt, u) =>
        {
            if (cond is not null && cond(tt, u) is { } e) { err = e; return false; }
            if (u is null) { err = new TypeError("no specific type"); return false; }
            if (cu is null) { ct = tt; cu = u; return true; }
            if (cu is Chan chu && u is Chan ch)
            {
                if (!GoTypes.Identical(chu.Elem, ch.Elem))
                {
                    err = new TypeError("channels %s and %s have different element types", ct!, tt!);
                    return false;
                }
                if (chu.Dir == ch.Dir) { }
                else if (chu.Dir == ChanDir.SendRecv) { ct = tt; cu = u; }
                else if (ch.Dir != ChanDir.SendRecv)
                {
                    err = new TypeError("channels %s and %s have conflicting directions", ct!, tt!);
                    return false;
                }
                return true;
            }
            if (!GoTypes.Identical(cu, u))
            {
                err = new TypeError("%s and %s have different underlying types", ct!, tt!);
                return false;
            }
            return true;
        });
        if (err is not null) return (null, err);
        return (cu, null);
    }

    /// <summary>Models maxType for untyped numeric kinds.</summary>
    public static GoType? MaxType(GoType x, GoType y)
    {
        if (ReferenceEquals(x, y)) return x;
        if (IsUntypedNumeric(x) && IsUntypedNumeric(y)) return ((Basic)x).Kind > ((Basic)y).Kind ? x : y;
        return null;
    }

    public static bool IsValidName(string s)
    {
        for (int i = 0; i < s.Length; i++)
        {
            var ch = s[i];
            if (!(char.IsLetter(ch) || ch == '_' || (i > 0 && char.IsDigit(ch)))) return false;
        }
        return true;
    }
}

/// <summary>Type identity (models types2.comparer).</summary>
internal sealed class Comparer
{
    public bool IgnoreTags;
    public bool IgnoreInvalids;

    private sealed record IfacePair(Interface X, Interface Y, IfacePair? Prev)
    {
        public bool Same(IfacePair q) => (ReferenceEquals(X, q.X) && ReferenceEquals(Y, q.Y)) || (ReferenceEquals(X, q.Y) && ReferenceEquals(Y, q.X));
    }

    public bool Identical(GoType? x, GoType? y) => Identical(x, y, null);

    private bool Identical(GoType? x, GoType? y, IfacePair? p)
    {
        if (x is not null) x = GoTypes.Unalias(x);
        if (y is not null) y = GoTypes.Unalias(y);
        if (ReferenceEquals(x, y)) return true;
        if (x is null || y is null) return false;
        if (IgnoreInvalids && (!Predicates.IsValid(x) || !Predicates.IsValid(y))) return true;

        switch (x)
        {
            case Basic bx:
                return y is Basic by && bx.Kind == by.Kind;
            case Array ax:
                return y is Array ay && (ax.Len < 0 || ay.Len < 0 || ax.Len == ay.Len) && Identical(ax.Elem, ay.Elem, p);
            case Slice sx:
                return y is Slice sy && Identical(sx.Elem, sy.Elem, p);
            case Struct stx:
                if (y is Struct sty && stx.NumFields == sty.NumFields)
                {
                    for (int i = 0; i < stx.NumFields; i++)
                    {
                        var f = stx.Field(i);
                        var g = sty.Field(i);
                        if (f.Embedded != g.Embedded || (!IgnoreTags && stx.Tag(i) != sty.Tag(i)) ||
                            !f.SameId(g.Pkg, g.Name, false) || !Identical(f.Type, g.Type, p))
                            return false;
                    }
                    return true;
                }
                return false;
            case Pointer px:
                return y is Pointer py && Identical(px.Elem, py.Elem, p);
            case Tuple tx:
                if (y is Tuple ty && tx.Len == ty.Len)
                {
                    for (int i = 0; i < tx.Len; i++)
                        if (!Identical(tx.At(i).Type, ty.At(i).Type, p)) return false;
                    return true;
                }
                return false;
            case Signature fx:
                {
                    if (y is not Signature fy) return false;
                    if (fx.TypeParams.Len != fy.TypeParams.Len) return false;
                    var yparams = fy.Params;
                    var yresults = fy.Results;
                    if (fx.TypeParams.Len > 0)
                    {
                        var smap = new SubstMap(fy.TypeParams.List, [.. fx.TypeParams.List]);
                        var ctxt = new Context();
                        for (int i = 0; i < fx.TypeParams.Len; i++)
                        {
                            var ybound = Subster.Subst(fy.TypeParams.At(i).Constraint!, smap, null, ctxt);
                            if (!Identical(fx.TypeParams.At(i).Constraint, ybound, p)) return false;
                        }
                        yparams = (Tuple)Subster.Subst(fy.Params, smap, null, ctxt);
                        yresults = (Tuple)Subster.Subst(fy.Results, smap, null, ctxt);
                    }
                    return fx.Variadic == fy.Variadic && Identical(fx.Params, yparams, p) && Identical(fx.Results, yresults, p);
                }
            case Union ux:
                if (y is Union uy)
                {
                    var xs = TypeSets.ComputeUnionTypeSet(null, ux);
                    var ys = TypeSets.ComputeUnionTypeSet(null, uy);
                    return xs.Terms.Equal(ys.Terms);
                }
                return false;
            case Interface ix:
                if (y is Interface iy)
                {
                    var xset = ix.TypeSet();
                    var yset = iy.TypeSet();
                    if (xset.Comparable != yset.Comparable) return false;
                    if (!xset.Terms.Equal(yset.Terms)) return false;
                    var a = xset.Methods;
                    var b = yset.Methods;
                    if (a.Count == b.Count)
                    {
                        var q = new IfacePair(ix, iy, p);
                        for (var pp = p; pp is not null; pp = pp.Prev)
                            if (pp.Same(q)) return true;
                        for (int i = 0; i < a.Count; i++)
                        {
                            var f = a[i];
                            var g = b[i];
                            if (f.Id != g.Id || !Identical(f.Type, g.Type, q)) return false;
                        }
                        return true;
                    }
                }
                return false;
            case Map mx:
                return y is Map my && Identical(mx.Key, my.Key, p) && Identical(mx.Elem, my.Elem, p);
            case Chan cx:
                return y is Chan cy && cx.Dir == cy.Dir && Identical(cx.Elem, cy.Elem, p);
            case Named nx:
                if (GoTypes.AsNamed(y) is { } ny)
                {
                    var xargs = nx.TypeArgs;
                    var yargs = ny.TypeArgs;
                    if (xargs.Len != yargs.Len) return false;
                    for (int i = 0; i < xargs.Len; i++)
                        if (!GoTypes.Identical(xargs.At(i), yargs.At(i))) return false;
                    return ReferenceEquals(nx.Origin.Obj, ny.Origin.Obj);
                }
                return false;
            case TypeParam:
                return false; // identical only if x == y (handled above)
            default:
                return false;
        }
    }
}

public static partial class GoTypes
{
    private static readonly Comparer s_identical = new();
    private static readonly Comparer s_identicalIgnoreTags = new() { IgnoreTags = true };

    /// <summary>Models types.Identical.</summary>
    public static bool Identical(GoType? x, GoType? y) => s_identical.Identical(x, y);
    /// <summary>Models types.IdenticalIgnoreTags.</summary>
    public static bool IdenticalIgnoreTags(GoType? x, GoType? y) => s_identicalIgnoreTags.Identical(x, y);
    /// <summary>Identity treating invalid types as identical to any type (for follow-on error suppression).</summary>
    public static bool IdenticalIgnoreInvalids(GoType? x, GoType? y) => new Comparer { IgnoreInvalids = true }.Identical(x, y);

    /// <summary>Models types.Comparable (interfaces count as comparable).</summary>
    public static bool Comparable(GoType t) => Predicates.ComparableType(t, true, null) is null;
    public static bool IsInterface(GoType t) => t.Underlying() is Interface;

    /// <summary>Models types.Default: default type for untyped types (rune keeps the 'rune' name).</summary>
    public static GoType Default(GoType t)
    {
        if (t is Basic b)
        {
            switch (b.Kind)
            {
                case BasicKind.UntypedBool: return Universe.Typ[(int)BasicKind.Bool];
                case BasicKind.UntypedInt: return Universe.Typ[(int)BasicKind.Int];
                case BasicKind.UntypedRune: return Universe.RuneType;
                case BasicKind.UntypedFloat: return Universe.Typ[(int)BasicKind.Float64];
                case BasicKind.UntypedComplex: return Universe.Typ[(int)BasicKind.Complex128];
                case BasicKind.UntypedString: return Universe.Typ[(int)BasicKind.String];
            }
        }
        return t;
    }

    /// <summary>Models types.CoreType (via commonUnder): null if there is no single underlying type.</summary>
    public static GoType? CoreType(GoType t) => Predicates.CommonUnder(t, null).Type;

    /// <summary>Models types.AsPointer.</summary>
    public static Pointer? AsPointer(GoType t) => t.Underlying() as Pointer;
}
