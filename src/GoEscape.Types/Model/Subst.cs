namespace GoEscape.Types;

/// <summary>A type parameter substitution map (models types2.substMap).</summary>
public sealed class SubstMap
{
    private readonly Dictionary<TypeParam, GoType> _map = new(ReferenceEqualityComparer.Instance);

    public SubstMap() { }
    public SubstMap(IReadOnlyList<TypeParam> tpars, IReadOnlyList<GoType> targs)
    {
        if (tpars.Count != targs.Count) throw new ArgumentException("type parameter/argument count mismatch");
        for (int i = 0; i < tpars.Count; i++) _map[tpars[i]] = targs[i];
    }

    public bool IsEmpty => _map.Count == 0;
    public int Count => _map.Count;
    public bool Contains(TypeParam tp) => _map.ContainsKey(tp);
    public GoType Lookup(TypeParam tpar) => _map.TryGetValue(tpar, out var t) ? t : tpar;
    public void Set(TypeParam tpar, GoType t) => _map[tpar] = t;
    internal SubstMap Clone()
    {
        var m = new SubstMap();
        foreach (var kv in _map) m._map[kv.Key] = kv.Value;
        return m;
    }
}

/// <summary>Type substitution (models types2 subst.go). expanding is the Named instance being expanded (or null);
/// ctxt the instantiation context used for Named/Alias instances.</summary>
internal sealed class Subster
{
    private readonly SubstMap _smap;
    private readonly Named? _expanding;
    private readonly Context _ctxt;
    private readonly Func<Named, GoType[], GoType[]>? _namedTargs;

    private Subster(SubstMap smap, Named? expanding, Context ctxt, Func<Named, GoType[], GoType[]>? namedTargs = null)
    { _smap = smap; _expanding = expanding; _ctxt = ctxt; _namedTargs = namedTargs; }

    public static GoType Subst(GoType typ, SubstMap smap, Named? expanding, Context? ctxt, Func<Named, GoType[], GoType[]>? namedTargs = null)
    {
        if (smap.IsEmpty) return typ;
        switch (typ)
        {
            case Basic: return typ;
            case TypeParam tp: return smap.Lookup(tp);
        }
        ctxt ??= expanding?.Inst?.Ctxt ?? new Context();
        return new Subster(smap, expanding, ctxt, namedTargs).Typ(typ);
    }

    private GoType TypOrNil(GoType? t) => t is null ? Universe.Invalid : Typ(t);

    public GoType Typ(GoType typ)
    {
        switch (typ)
        {
            case Basic:
                return typ;
            case Alias t:
                {
                    var orig = t.Origin;
                    int n = orig.TypeParams.Len;
                    if (n == 0) return t;
                    if (t.TypeArgs.Len != n) return Universe.Invalid;
                    var targs = SubstList(t.TypeArgs.List, Typ);
                    if (targs is not null) return Instantiation.NewAliasInstance(orig, targs, _expanding, _ctxt);
                    return t;
                }
            case Array t:
                {
                    var elem = TypOrNil(t.Elem);
                    return ReferenceEquals(elem, t.Elem) ? t : new Array(elem, t.Len);
                }
            case Slice t:
                {
                    var elem = TypOrNil(t.Elem);
                    return ReferenceEquals(elem, t.Elem) ? t : new Slice(elem);
                }
            case Struct t:
                {
                    var fields = SubstList(t.Fields, Var);
                    if (fields is null) return t;
                    var tags = new string[t.NumFields];
                    for (int i = 0; i < tags.Length; i++) tags[i] = t.Tag(i);
                    return new Struct(fields, tags);
                }
            case Pointer t:
                {
                    var b = Typ(t.Elem);
                    return ReferenceEquals(b, t.Elem) ? t : new Pointer(b);
                }
            case Tuple t:
                return Tuple(t);
            case Signature t:
                {
                    var tparams = t.TypeParams;
                    var s = this;
                    if (tparams.Len > 0 && !_smap.Contains(tparams.At(0)))
                    {
                        // not instantiating: rename the type parameters to fresh ones (models subst of generic signatures)
                        int n = tparams.Len;
                        var fresh = new TypeParam[n];
                        var smap = _smap.Clone();
                        for (int i = 0; i < n; i++)
                        {
                            var tp = tparams.At(i);
                            var tname = new TypeName(tp.Obj.Pos, tp.Obj.Pkg, tp.Obj.Name, null);
                            fresh[i] = new TypeParam(tname, null) { Index = tp.Index, MonoCanon = tp };
                            smap.Set(tp, fresh[i]);
                        }
                        for (int i = 0; i < n; i++)
                            fresh[i].SetConstraint(Subst(tparams.At(i).Constraint ?? Interface.Empty, smap, _expanding, _ctxt));
                        tparams = new TypeParamList(fresh);
                        s = new Subster(smap, _expanding, _ctxt);
                    }
                    var ps = s.Tuple(t.Params);
                    var rs = s.Tuple(t.Results);
                    if (!ReferenceEquals(ps, t.Params) || !ReferenceEquals(rs, t.Results) || !ReferenceEquals(tparams, t.TypeParams))
                        return Signatures.Copy(t, t.Recv, t.RecvTypeParams, tparams, ps, rs);
                    return t;
                }
            case Union t:
                {
                    var terms = SubstList(t.Terms, Term);
                    return terms is null ? t : new Union(terms);
                }
            case Interface t:
                {
                    var methods = SubstList(t.ExplicitMethods, Func);
                    var embeddeds = SubstList(t.Embeddeds, Typ);
                    if (methods is null && embeddeds is null) return t;
                    methods ??= [.. t.ExplicitMethods];
                    embeddeds ??= [.. t.Embeddeds];
                    var iface = new Interface([], [.. embeddeds], t.EmbedPositions, t.IsImplicit);
                    var (ms, _) = ReplaceRecvType(methods, t, iface);
                    iface.ReplaceMethods([.. ms]);
                    // the type set is computed on first use (thread-safely), not here: as in types2's subst with a
                    // checker, eager computation would expand embedded instances before validType has rejected an
                    // invalid recursive type (type B[T any] interface{ B[*T] }), without end
                    return iface;
                }
            case Map t:
                {
                    var k = Typ(t.Key);
                    var e = Typ(t.Elem);
                    return ReferenceEquals(k, t.Key) && ReferenceEquals(e, t.Elem) ? t : new Map(k, e);
                }
            case Chan t:
                {
                    var e = Typ(t.Elem);
                    return ReferenceEquals(e, t.Elem) ? t : new Chan(t.Dir, e);
                }
            case Named t:
                {
                    var orig = t.Origin;
                    int n = orig.TypeParams.Len;
                    if (n == 0) return t;
                    if (t.TypeArgs.Len != n) return Universe.Invalid;
                    var targs = SubstList(t.TypeArgs.List, Typ);
                    if (targs is not null && _namedTargs is not null) targs = _namedTargs(orig, targs);
                    if (targs is not null) return Instantiation.Instance(orig, targs, _expanding, _ctxt);
                    return t;
                }
            case TypeParam t:
                return _smap.Lookup(t);
            default:
                throw new InvalidOperationException("unreachable: subst of " + typ.GetType().Name);
        }
    }

    private Var Var(Var v)
    {
        var typ = Typ(v.Type ?? Universe.Invalid);
        return ReferenceEquals(typ, v.Type) ? v : v.CloneWith(typ);
    }

    internal Tuple Tuple(Tuple t)
    {
        var vars = SubstList(t.Variables, Var);
        return vars is null ? t : new Tuple(vars);
    }

    private Func Func(Func f)
    {
        var typ = Typ(f.Type ?? Universe.Invalid);
        return ReferenceEquals(typ, f.Type) ? f : f.CloneWith(typ);
    }

    private Term Term(Term t)
    {
        var typ = Typ(t.Type);
        return ReferenceEquals(typ, t.Type) ? t : new Term(t.Tilde, typ);
    }

    private static T[]? SubstList<T>(IReadOnlyList<T> input, Func<T, T> subst) where T : class
    {
        T[]? output = null;
        for (int i = 0; i < input.Count; i++)
        {
            var u = subst(input[i]);
            if (!ReferenceEquals(u, input[i]))
            {
                if (output is null)
                {
                    output = new T[input.Count];
                    for (int j = 0; j < input.Count; j++) output[j] = input[j];
                }
                output[i] = u;
            }
        }
        return output;
    }

    /// <summary>Models replaceRecvType: methods whose receiver type is old get a cloned receiver of type new.</summary>
    internal static (IReadOnlyList<Func>, bool) ReplaceRecvType(IReadOnlyList<Func> input, GoType old, GoType @new)
    {
        Func[]? output = null;
        for (int i = 0; i < input.Count; i++)
        {
            var method = input[i];
            if (method.Type is Signature { Recv: { } recv } sig && ReferenceEquals(recv.Type, old))
            {
                output ??= [.. input];
                var newsig = Signatures.Copy(sig, recv.CloneWith(@new), sig.RecvTypeParams, sig.TypeParams, sig.Params, sig.Results);
                output[i] = method.CloneWith(newsig);
            }
        }
        return output is null ? (input, false) : (output, true);
    }
}

internal static class Signatures
{
    /// <summary>A shallow copy of a signature with selected parts replaced (bypasses constructor validation).</summary>
    internal static Signature Copy(Signature t, Var? recv, TypeParamList rparams, TypeParamList tparams, Tuple ps, Tuple rs)
    {
        var s = new Signature(null, ps, rs, t.Variadic && ps.Len > 0);
        s.Recv = recv;
        s.RecvTypeParams = rparams;
        s.TypeParams = tparams;
        return s;
    }
}

public static partial class GoTypes
{
    /// <summary>Substitutes targs for tparams in t (models check.subst with a fresh or given context).</summary>
    public static GoType Subst(GoType t, IReadOnlyList<TypeParam> tparams, IReadOnlyList<GoType> targs, Context? ctxt = null)
        => Subster.Subst(t, new SubstMap(tparams, targs), null, ctxt ?? new Context());
    public static GoType Subst(GoType t, SubstMap smap, Context? ctxt = null) => Subster.Subst(t, smap, null, ctxt ?? new Context());
    /// <summary>Subst, where the substituted type arguments of every generic named type instantiated on the way
    /// pass through namedTargs (origin, new type arguments) before the instance is made (not a types2 operation:
    /// the compiler's reader uses it to shapify them, noder.objDictIdx).</summary>
    public static GoType Subst(GoType t, SubstMap smap, Context? ctxt, Func<Named, GoType[], GoType[]> namedTargs) =>
        Subster.Subst(t, smap, null, ctxt ?? new Context(), namedTargs);
}
