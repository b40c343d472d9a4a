namespace GoEscape.Types;

/// <summary>Instantiation cache (models types2.Context): entries are keyed by go/types' instance hash (a type string
/// in which named types carry context-unique ids and byte/uint8, aliases etc. keep their spelling), and matched with
/// Identical within a hash bucket, exactly as types2 does; so []byte and []uint8 instantiations stay distinct.</summary>
public sealed class Context
{
    private readonly Dictionary<string, List<(GoType Orig, GoType[] Targs, GoType Inst)>> _map = new(StringComparer.Ordinal);
    private readonly Dictionary<GoType, int> _ids = new(ReferenceEqualityComparer.Instance);
    private readonly Lock _lock = new();

    internal int GetId(GoType t)
    {
        lock (_lock)
        {
            if (!_ids.TryGetValue(t, out var id)) { id = _ids.Count; _ids[t] = id; }
            return id;
        }
    }

    /// <summary>Models Context.instanceHash.</summary>
    internal string InstanceHash(GoType orig, IReadOnlyList<GoType> targs)
    {
        var sb = new System.Text.StringBuilder();
        sb.Append(GetId(orig).ToString(System.Globalization.CultureInfo.InvariantCulture));
        var w = new TypeWriter(sb, this);
        w.Typ(orig);
        if (targs.Count > 0) w.TypeList(targs);
        return sb.Replace(' ', '#').ToString();
    }

    /// <summary>The cached instance orig[targs], or null.</summary>
    public GoType? Lookup(GoType orig, IReadOnlyList<GoType> targs) => Lookup(InstanceHash(orig, targs), orig, targs);

    internal GoType? Lookup(string h, GoType orig, IReadOnlyList<GoType> targs)
    {
        lock (_lock)
        {
            if (!_map.TryGetValue(h, out var list)) return null;
            foreach (var e in list)
                if (SameArgs(e.Targs, targs) && GoTypes.Identical(orig, e.Orig)) return e.Inst;
            return null;
        }
    }

    /// <summary>Records inst as orig[targs] unless an identical instance exists under the same hash (returned instead).</summary>
    public GoType Update(GoType orig, IReadOnlyList<GoType> targs, GoType inst) => Update(InstanceHash(orig, targs), orig, targs, inst);

    internal GoType Update(string h, GoType orig, IReadOnlyList<GoType> targs, GoType inst)
    {
        lock (_lock)
        {
            if (!_map.TryGetValue(h, out var list)) _map[h] = list = [];
            foreach (var e in list)
                if (GoTypes.Identical(inst, e.Inst)) return e.Inst;
            list.Add((orig, [.. targs], inst));
            return inst;
        }
    }

    private static bool SameArgs(GoType[] a, IReadOnlyList<GoType> b)
    {
        if (a.Length != b.Count) return false;
        for (int i = 0; i < a.Length; i++) if (!GoTypes.Identical(a[i], b[i])) return false;
        return true;
    }
}

/// <summary>Instantiation of generic types and functions (models types2 instantiate.go, named.go expansion).</summary>
internal static class Instantiation
{
    /// <summary>Models Checker.instance (for Named, Alias, Signature origins).</summary>
    internal static GoType Instance(GoType orig, IReadOnlyList<GoType> targs, Named? expanding, Context? ctxt)
    {
        var ctxts = new List<Context>(2);
        if (expanding?.Inst?.Ctxt is { } ec) ctxts.Add(ec);
        if (ctxt is not null && !ctxts.Contains(ctxt)) ctxts.Add(ctxt);
        if (ctxts.Count == 0) ctxts.Add(new Context());

        var hashes = new string[ctxts.Count];
        for (int i = 0; i < hashes.Length; i++) hashes[i] = ctxts[i].InstanceHash(orig, targs);

        GoType UpdateContexts(GoType res)
        {
            for (int i = ctxts.Count - 1; i >= 0; i--) res = ctxts[i].Update(hashes[i], orig, targs, res);
            return res;
        }

        for (int i = 0; i < ctxts.Count; i++)
            if (ctxts[i].Lookup(hashes[i], orig, targs) is { } inst) return UpdateContexts(inst);

        GoType res;
        switch (orig)
        {
            case Named n:
                {
                    var obj = new TypeName(SourcePos.None, n.Obj.Pkg, n.Obj.Name, null) { Pos = n.Obj.Pos };
                    Context? ictx = null;
                    if (expanding is not null && ObjectOrder.SamePkg(expanding.Obj.Pkg, obj.Pkg)) ictx = expanding.Inst?.Ctxt;
                    var t = new Named(obj, n, [.. targs], ictx);
                    obj.Type = t;
                    res = t;
                    break;
                }
            case Alias a:
                {
                    var tparams = a.TypeParams;
                    if (tparams.Len != targs.Count) return Universe.Invalid;
                    if (tparams.Len == 0) return orig;
                    res = NewAliasInstance(a, targs, expanding, ctxts[^1]);
                    break;
                }
            case Signature sig:
                {
                    var tparams = sig.TypeParams;
                    if (tparams.Len != targs.Count) return Universe.Invalid;
                    if (tparams.Len == 0) return orig;
                    var s = (Signature)Subster.Subst(sig, new SubstMap(tparams.List, targs), null, ctxts[^1]);
                    s = Signatures.Copy(s, s.Recv, s.RecvTypeParams, TypeParamList.Empty, s.Params, s.Results);
                    res = s;
                    break;
                }
            default:
                throw new InvalidOperationException("cannot instantiate " + orig);
        }
        return UpdateContexts(res);
    }

    /// <summary>Models newAliasInstance.</summary>
    internal static Alias NewAliasInstance(Alias orig, IReadOnlyList<GoType> targs, Named? expanding, Context? ctxt)
    {
        var obj = new TypeName(orig.Obj.Pos, orig.Obj.Pkg, orig.Obj.Name, null);
        var rhs = orig.Rhs is null ? null : Subster.Subst(orig.Rhs, new SubstMap(orig.TypeParams.List, targs), expanding, ctxt);
        var res = new Alias(obj, rhs) { Origin = orig, TypeArgs = new TypeList([.. targs]) };
        res.SetTypeParamsList(orig.TypeParams);
        return res;
    }

    /// <summary>Models Named.expandRHS: the substituted RHS of an instance.</summary>
    internal static GoType ExpandRhs(Named n)
    {
        var inst = n.Inst!;
        inst.Ctxt ??= new Context();
        var ctxt = inst.Ctxt;
        var orig = inst.Orig;
        var targs = inst.TypeArgs;
        var tpars = orig.TypeParams;
        if (targs.Len != tpars.Len) return Universe.Invalid;
        var u = ctxt.Update(orig, targs.List, n); // block infinite instantiation
        _ = u;
        var origRhs = orig.Rhs;
        if (origRhs is null) return Universe.Invalid;
        var m = new SubstMap(tpars.List, targs.List);
        var rhs = Subster.Subst(origRhs, m, n, ctxt);
        if (rhs is Interface iface)
        {
            var (methods, copied) = Subster.ReplaceRecvType(iface.ExplicitMethods, orig, n);
            if (copied)
            {
                if (ReferenceEquals(iface, origRhs))
                    iface = new Interface([], [.. iface.Embeddeds], iface.EmbedPositions, false);
                iface.ReplaceMethods([.. methods]);
                iface.TypeSet();
                return iface;
            }
        }
        return rhs;
    }

    /// <summary>Models Named.expandMethod.</summary>
    internal static Func ExpandMethod(Named t, int i)
    {
        var orig = t.Inst!.Orig.Method(i);
        orig.EnsureResolved();
        if (orig.Type is not Signature oldSig) return orig;
        var rtpars = oldSig.RecvTypeParams;
        var rtargs = t.Inst.TypeArgs;
        var newSig = oldSig;
        if (rtpars.Len == rtargs.Len)
        {
            var smap = new SubstMap(rtpars.List, rtargs.List);
            newSig = (Signature)Subster.Subst(oldSig, smap, t, t.Inst.Ctxt ?? new Context());
        }
        GoType rtyp = orig.HasPtrRecv ? new Pointer(t) : t;
        var recv = oldSig.Recv?.CloneWith(rtyp);
        newSig = Signatures.Copy(newSig, recv, TypeParamList.Empty, newSig.TypeParams, newSig.Params, newSig.Results);
        return orig.CloneWith(newSig);
    }

    /// <summary>Models Checker.verify: index of the first type argument not satisfying its constraint, or -1.</summary>
    internal static (int Index, string Cause) Verify(IReadOnlyList<TypeParam> tparams, IReadOnlyList<GoType> targs, Context? ctxt, Qualifier? qf)
    {
        var smap = new SubstMap(tparams, targs);
        for (int i = 0; i < tparams.Count; i++)
        {
            var tpar = tparams[i];
            tpar.Iface();
            var bound = Subster.Subst(tpar.Constraint ?? Interface.Empty, smap, null, ctxt ?? new Context());
            var cause = new Cause { Qualifier = qf };
            if (!Relations.Implements(targs[i], bound, true, cause, null)) return (i, cause.Message);
        }
        return (-1, "");
    }
}

/// <summary>An error for a failed instantiation (models types2.ArgumentError).</summary>
public sealed class InstantiationException(int index, string message) : Exception(message)
{
    public int Index { get; } = index;
}

public static partial class GoTypes
{
    /// <summary>Models types.Instantiate: orig must be a generic Named, Alias or Signature. With validate, the type
    /// arguments are checked against their constraints (InstantiationException on failure).</summary>
    public static GoType Instantiate(Context? ctxt, GoType orig, IReadOnlyList<GoType> targs, bool validate)
    {
        ctxt ??= new Context();
        var tparams = orig switch
        {
            Named n => n.TypeParams,
            Alias a => a.TypeParams,
            Signature s => s.TypeParams,
            _ => throw new ArgumentException($"cannot instantiate non-generic {orig}: expected *Named, *Alias, or *Signature"),
        };
        if (targs.Count == 0) throw new ArgumentException($"cannot instantiate {orig}: empty type argument list");
        if (validate)
        {
            if (tparams.Len == 0) throw new InstantiationException(-1, $"cannot instantiate non-generic {orig}: has no type parameters");
            if (targs.Count != tparams.Len)
                throw new InstantiationException(-1, $"cannot instantiate {orig}: got {targs.Count} type arguments but have {tparams.Len} type parameters");
            var (i, cause) = Instantiation.Verify(tparams.List, targs, ctxt, null);
            if (i >= 0) throw new InstantiationException(i, cause);
        }
        return Instantiation.Instance(orig, targs, null, ctxt);
    }

    /// <summary>Checker-facing instantiation without validation (models Checker.instance); returns Invalid on arity mismatch.</summary>
    public static GoType InstanceOf(GoType orig, IReadOnlyList<GoType> targs, Context ctxt) => Instantiation.Instance(orig, targs, null, ctxt);

    /// <summary>Checker-facing constraint verification (models Checker.verify): (-1, "") if all targs satisfy their constraints.</summary>
    public static (int Index, string Cause) Verify(IReadOnlyList<TypeParam> tparams, IReadOnlyList<GoType> targs, Context? ctxt, Qualifier? qf)
        => Instantiation.Verify(tparams, targs, ctxt, qf);
}
