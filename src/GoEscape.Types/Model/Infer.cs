namespace GoEscape.Types;

/// <summary>A function argument as seen by inference: its type, whether it is the untyped nil, and its source text
/// (for error messages). Invalid arguments have Type null.</summary>
public readonly record struct InferArg(GoType? Type, bool IsNil, string ExprString);

/// <summary>Result of type inference: the inferred type arguments, or an error message and the index of the argument
/// it refers to (-1: report at the call position).</summary>
public sealed record InferResult(GoType[]? Inferred, string? Error, int ErrorArg)
{
    public bool Ok => Inferred is not null;
}

/// <summary>Type inference (models types2 infer.go).</summary>
public static class Inference
{
    /// <summary>Models Checker.infer: infers the missing type arguments for tparams given partial targs, the (generic)
    /// parameter list and the call arguments. reverse selects the wording for reverse inference errors.
    /// enableInterfaceInference corresponds to go1.21+. qf qualifies types in messages.</summary>
    public static InferResult Infer(IReadOnlyList<TypeParam> tparams, IReadOnlyList<GoType?> targs0, Tuple parameters,
        IReadOnlyList<InferArg> args, bool reverse, bool enableInterfaceInference, Qualifier? qf, Context? ctxt = null)
    {
        ctxt ??= new Context();
        int n = tparams.Count;
        if (n == 0 || targs0.Count > n) throw new ArgumentException("invalid type parameter/argument counts");
        if (parameters.Len != args.Count) throw new ArgumentException("parameter/argument count mismatch");

        bool complete = targs0.Count == n;
        foreach (var t in targs0) if (t is null) complete = false;
        if (complete) return new InferResult([.. targs0.Select(t => t!)], null, -1);

        foreach (var a in args) if (a.Type is null) return new InferResult(null, null, -1);

        var targs = new GoType?[n];
        for (int i = 0; i < targs0.Count; i++) targs[i] = targs0[i];

        string S(string format, params object[] a) => new TypeError(format, a).ToString(qf);

        // substitute known type arguments in the parameter list
        if (parameters.Len > 0)
        {
            var smap = new SubstMap();
            for (int i = 0; i < n; i++) if (targs[i] is { } t) smap.Set(tparams[i], t);
            parameters = (Tuple)Subster.Subst(parameters, smap, null, ctxt);
        }

        var u = new Unifier(tparams, targs, enableInterfaceInference);

        InferResult Errorf(GoType tpar, GoType targ, int argIndex)
        {
            var arg = args[argIndex];
            var inferredSoFar = u.Inferred(tparams);
            bool allFailed = true;
            foreach (var t in inferredSoFar) if (t is not null) { allFailed = false; break; }
            if (inferredSoFar[0] is null && allFailed)
                return new InferResult(null, S("type %s of %s does not match %s (cannot infer %s)", targ, arg.ExprString, tpar, TypeParamsString(tparams)), argIndex);
            var smap = new SubstMap();
            for (int i = 0; i < n; i++) if (inferredSoFar[i] is { } t) smap.Set(tparams[i], t);
            var inferred = Subster.Subst(tpar, smap, null, ctxt);
            if (!ReferenceEquals(inferred, tpar))
            {
                return reverse
                    ? new InferResult(null, S("inferred type %s for %s does not match type %s of %s", inferred, tpar, targ, arg.ExprString), argIndex)
                    : new InferResult(null, S("type %s of %s does not match inferred type %s for %s", targ, arg.ExprString, inferred, tpar), argIndex);
            }
            return new InferResult(null, S("type %s of %s does not match %s", targ, arg.ExprString, tpar), argIndex);
        }

        // 1) unify parameter and typed argument types
        var untyped = new List<int>();
        for (int i = 0; i < args.Count; i++)
        {
            var arg = args[i];
            var par = parameters.At(i);
            if (IsParameterized(tparams, par.Type!) || IsParameterized(tparams, arg.Type!))
            {
                if (Predicates.IsTyped(arg.Type!))
                {
                    if (!u.Unify(par.Type!, arg.Type!, UnifyMode.Assign)) return Errorf(par.Type!, arg.Type!, i);
                }
                else if (par.Type is TypeParam && !arg.IsNil)
                {
                    untyped.Add(i);
                }
            }
        }

        // 2) use constraint core types and methods
        for (; ; )
        {
            int nn = u.Unknowns();
            foreach (var tpar in tparams)
            {
                var tx = u.At(tpar);
                var (core, single) = CoreTerm(tpar);
                if (core is not null)
                {
                    if (tx is not null)
                    {
                        if (!u.Unify(tx, core.Type!, UnifyMode.Inexact))
                            return new InferResult(null, S("%s (type %s) does not satisfy %s", tpar, tx, tpar.Constraint!), -1);
                    }
                    else if (single && !core.Tilde)
                    {
                        u.Set(tpar, core.Type!);
                    }
                }
                if (tx is not null && !IsParameterized(tparams, tx))
                {
                    var cause = new Cause { Qualifier = qf };
                    var constraint = tpar.Iface();
                    if (!LookupUtil.HasAllMethods(tx, constraint, true, (x, y) => u.Unify(x, y, UnifyMode.Exact), cause))
                        return new InferResult(null, S("%s (type %s) does not satisfy %s", tpar, tx, tpar.Constraint!) + " " + cause.Message, -1);
                }
            }
            if (u.Unknowns() == nn) break;
        }

        // 3) untyped arguments: use the default type of the "largest" untyped argument per type parameter
        Dictionary<TypeParam, GoType>? maxUntyped = null;
        var order = new List<TypeParam>();
        foreach (var index in untyped)
        {
            var tpar = (TypeParam)parameters.At(index).Type!;
            if (u.At(tpar) is null)
            {
                var arg = args[index];
                maxUntyped ??= new Dictionary<TypeParam, GoType>(ReferenceEqualityComparer.Instance);
                if (!maxUntyped.TryGetValue(tpar, out var max))
                {
                    max = arg.Type!;
                    order.Add(tpar);
                }
                else
                {
                    var m = Predicates.MaxType(max, arg.Type!);
                    if (m is null)
                        return new InferResult(null, S("mismatched types %s and %s (cannot infer %s)", max, arg.Type!, tpar), index);
                    max = m;
                }
                maxUntyped[tpar] = max;
            }
        }
        foreach (var tpar in order) u.Set(tpar, GoTypes.Default(maxUntyped![tpar]));

        // 4) simplify: substitute inferred types into each other
        var result = u.Inferred(tparams);
        KillCycles(tparams, result);
        var dirty = new List<int>();
        for (int i = 0; i < n; i++) if (result[i] is not null && targs[i] is null) dirty.Add(i);
        while (dirty.Count > 0)
        {
            var smap = new SubstMap();
            for (int i = 0; i < n; i++) if (result[i] is { } t) smap.Set(tparams[i], t);
            var next = new List<int>();
            foreach (var index in dirty)
            {
                var t0 = result[index]!;
                var t1 = Subster.Subst(t0, smap, null, ctxt);
                if (!ReferenceEquals(t1, t0))
                {
                    if (t1 is Signature sig && sig.TypeParams.Len > 0 && !IsParameterized(tparams, sig))
                        t1 = Signatures.Copy(sig, sig.Recv, sig.RecvTypeParams, TypeParamList.Empty, sig.Params, sig.Results);
                    result[index] = t1;
                    next.Add(index);
                }
            }
            dirty = next;
        }

        for (int i = 0; i < n; i++)
        {
            var typ = result[i];
            if (typ is null || IsParameterized(tparams, typ))
            {
                var obj = tparams[i].Obj;
                return new InferResult(null, $"cannot infer {obj.Name} (declared at {obj.Pos})", -1);
            }
        }
        return new InferResult([.. result.Select(t => t!)], null, -1);
    }

    /// <summary>Models typeParamsString: "P", "P and Q", "P, Q, and R".</summary>
    public static string TypeParamsString(IReadOnlyList<TypeParam> list)
    {
        int n = list.Count;
        switch (n)
        {
            case 0: return "";
            case 1: return list[0].Obj.Name;
            case 2: return list[0].Obj.Name + " and " + list[1].Obj.Name;
        }
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < n - 1; i++)
        {
            if (i > 0) sb.Append(", ");
            sb.Append(list[i].Obj.Name);
        }
        sb.Append(", and ").Append(list[n - 1].Obj.Name);
        return sb.ToString();
    }

    /// <summary>Models isParameterized: whether typ mentions any of tparams.</summary>
    public static bool IsParameterized(IReadOnlyList<TypeParam> tparams, GoType typ)
        => new TpWalker(tparams).IsParameterized(typ);

    private sealed class TpWalker(IReadOnlyList<TypeParam> tparams)
    {
        private readonly Dictionary<GoType, bool> _seen = new(ReferenceEqualityComparer.Instance);

        public bool IsParameterized(GoType typ)
        {
            if (_seen.TryGetValue(typ, out var x)) return x;
            _seen[typ] = false;
            var res = Walk(typ);
            _seen[typ] = res;
            return res;
        }

        private bool VarList(IReadOnlyList<Var> list)
        {
            foreach (var v in list) if (IsParameterized(v.Type!)) return true;
            return false;
        }

        private bool Walk(GoType typ)
        {
            switch (typ)
            {
                case Basic: return false;
                case Alias a: return IsParameterized(GoTypes.Unalias(a));
                case Array t: return IsParameterized(t.Elem);
                case Slice t: return IsParameterized(t.Elem);
                case Struct t: return VarList(t.Fields);
                case Pointer t: return IsParameterized(t.Elem);
                case Tuple t: return VarList(t.Variables);
                case Signature t: return VarList(t.Params.Variables) || VarList(t.Results.Variables);
                case Interface t:
                    {
                        var tset = t.TypeSet();
                        foreach (var m in tset.Methods) if (IsParameterized(m.Type!)) return true;
                        return tset.Is(term => term is not null && IsParameterized(term.Type!));
                    }
                case Map t: return IsParameterized(t.Key) || IsParameterized(t.Elem);
                case Chan t: return IsParameterized(t.Elem);
                case Named t:
                    foreach (var a in t.TypeArgs.List) if (IsParameterized(a)) return true;
                    return false;
                case TypeParam t:
                    foreach (var tp in tparams) if (ReferenceEquals(tp, t)) return true;
                    return false;
                case Union u:
                    foreach (var term in u.Terms) if (IsParameterized(term.Type)) return true;
                    return false;
                default:
                    throw new InvalidOperationException("unexpected " + typ.GetType().Name);
            }
        }
    }

    /// <summary>Models coreTerm: the single term of tpar's constraint (single=true), or a core type term, or null.</summary>
    public static (TypeTerm? Term, bool Single) CoreTerm(TypeParam tpar)
    {
        int n = 0;
        TypeTerm? single = null;
        bool tilde = false;
        tpar.Iface().TypeSet().Is(t =>
        {
            if (t is null) return false;
            n++;
            single = t;
            if (t.Tilde) tilde = true;
            return true;
        });
        if (n == 1) return (single, true);
        var (typ, _) = Predicates.CommonUnder(tpar, null);
        if (typ is not null) return (new TypeTerm(tilde, typ), false);
        return (null, false);
    }

    /// <summary>Models killCycles: nils out inferred types that (indirectly) refer to themselves.</summary>
    private static void KillCycles(IReadOnlyList<TypeParam> tparams, GoType?[] inferred)
    {
        var seen = new HashSet<GoType>(ReferenceEqualityComparer.Instance);
        int IndexOf(TypeParam tp)
        {
            for (int i = 0; i < tparams.Count; i++) if (ReferenceEquals(tparams[i], tp)) return i;
            return -1;
        }
        void VarList(IReadOnlyList<Var> list) { foreach (var v in list) Typ(v.Type!); }
        void Typ(GoType typ)
        {
            typ = GoTypes.Unalias(typ);
            if (seen.Contains(typ))
            {
                if (typ is TypeParam tp && IndexOf(tp) is var i && i >= 0) inferred[i] = null;
                return;
            }
            seen.Add(typ);
            try
            {
                switch (typ)
                {
                    case Array t: Typ(t.Elem); break;
                    case Slice t: Typ(t.Elem); break;
                    case Struct t: VarList(t.Fields); break;
                    case Pointer t: Typ(t.Elem); break;
                    case Signature t: VarList(t.Params.Variables); VarList(t.Results.Variables); break;
                    case Union t: foreach (var term in t.Terms) Typ(term.Type); break;
                    case Interface t:
                        foreach (var m in t.ExplicitMethods) Typ(m.Type!);
                        foreach (var e in t.Embeddeds) Typ(e);
                        break;
                    case Map t: Typ(t.Key); Typ(t.Elem); break;
                    case Chan t: Typ(t.Elem); break;
                    case Named t: foreach (var a in t.TypeArgs.List) Typ(a); break;
                    case TypeParam t:
                        {
                            int i = IndexOf(t);
                            if (i >= 0 && inferred[i] is { } inf) Typ(inf);
                            break;
                        }
                }
            }
            finally { seen.Remove(typ); }
        }
        foreach (var t in tparams) Typ(t);
    }

    /// <summary>Models renameTParams: fresh copies of tparams (with substituted bounds) and typ renamed accordingly.</summary>
    public static (TypeParam[] TParams, GoType Type) RenameTParams(IReadOnlyList<TypeParam> tparams, GoType typ, Context? ctxt = null)
    {
        if (tparams.Count == 0) return ([], typ);
        ctxt ??= new Context();
        var tparams2 = new TypeParam[tparams.Count];
        for (int i = 0; i < tparams.Count; i++)
        {
            var tp = tparams[i];
            var tname = new TypeName(tp.Obj.Pos, tp.Obj.Pkg, tp.Obj.Name, null);
            tparams2[i] = new TypeParam(tname, null) { Index = tp.Index };
        }
        var renameMap = new SubstMap(tparams, tparams2);
        for (int i = 0; i < tparams.Count; i++)
            tparams2[i].SetConstraint(Subster.Subst(tparams[i].Constraint ?? Interface.Empty, renameMap, null, ctxt));
        return (tparams2, Subster.Subst(typ, renameMap, null, ctxt));
    }
}

public static partial class GoTypes
{
    /// <summary>Type inference entry point (see Inference.Infer).</summary>
    public static InferResult Infer(IReadOnlyList<TypeParam> tparams, IReadOnlyList<GoType?> targs, Tuple parameters,
        IReadOnlyList<InferArg> args, bool reverse = false, bool enableInterfaceInference = true, Qualifier? qf = null, Context? ctxt = null)
        => Inference.Infer(tparams, targs, parameters, args, reverse, enableInterfaceInference, qf, ctxt);
}
