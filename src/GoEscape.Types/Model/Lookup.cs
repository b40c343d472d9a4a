namespace GoEscape.Types;

/// <summary>Field and method lookup (models types2 lookup.go).</summary>
public static class LookupUtil
{
    /// <summary>Models deref: if t is *T returns (T, true), else (t, false). Aliases are resolved.</summary>
    public static (GoType Type, bool IsPtr) Deref(GoType t)
    {
        if (GoTypes.Unalias(t) is Pointer p) return (p.Elem ?? Universe.Invalid, true);
        return (t, false);
    }

    /// <summary>Models derefStructPtr.</summary>
    public static GoType DerefStructPtr(GoType typ)
    {
        if (typ.Underlying() is Pointer p && p.Elem.Underlying() is Struct) return p.Elem;
        return typ;
    }

    /// <summary>Models methodIndex.</summary>
    public static (int, Func?) MethodIndex(IReadOnlyList<Func> methods, Package? pkg, string name, bool foldCase)
    {
        if (name != "_")
            for (int i = 0; i < methods.Count; i++)
                if (methods[i].SameId(pkg, name, foldCase)) return (i, methods[i]);
        return (-1, null);
    }

    /// <summary>Models fieldPath: dotted names of the fields along index.</summary>
    public static string FieldPath(GoType typ, IReadOnlyList<int> index)
    {
        var names = new List<string>();
        foreach (var i in index)
        {
            if (DerefStructPtr(typ).Underlying() is not Struct u) break;
            var fld = u.Field(i);
            names.Add(fld.Name);
            typ = fld.Type!;
        }
        return string.Join(".", names);
    }

    public static bool IsInterfacePtr(GoType t) => t.Underlying() is Pointer p && GoTypes.IsInterface(p.Elem);

    private struct EmbeddedType(GoType typ, int[]? index, bool indirect, bool multiples)
    {
        public GoType Typ = typ;
        public int[]? Index = index;
        public bool Indirect = indirect;
        public bool Multiples = multiples;
    }

    private static int[] Concat(int[]? list, int i)
    {
        if (list is null) return [i];
        var r = new int[list.Length + 1];
        list.CopyTo(r, 0);
        r[^1] = i;
        return r;
    }

    /// <summary>Models lookupFieldOrMethod (incl. the special case of named pointer types).</summary>
    public static (GoObject? Obj, int[]? Index, bool Indirect) LookupFieldOrMethod(GoType T, bool addressable, Package? pkg, string name, bool foldCase)
    {
        if (GoTypes.AsNamed(T) is { } t && t.Underlying() is Pointer p)
        {
            var r = LookupFieldOrMethodImpl(p, false, pkg, name, foldCase);
            if (r.Obj is Func) return (null, null, false);
            return r;
        }
        return LookupFieldOrMethodImpl(T, addressable, pkg, name, foldCase);
    }

    /// <summary>Models lookupFieldOrMethodImpl. If obj is null: Index non-null means ambiguous selector (collision);
    /// Indirect set means a method with pointer receiver was found but the receiver is not addressable.</summary>
    public static (GoObject? Obj, int[]? Index, bool Indirect) LookupFieldOrMethodImpl(GoType T, bool addressable, Package? pkg, string name, bool foldCase)
    {
        if (name == "_") return (null, null, false);
        var (typ0, isPtr) = Deref(T);
        if (isPtr && typ0.Underlying() is Interface) return (null, null, false);

        // Fast path (no allocation beyond the index): a match at depth 0, where there is a single candidate type and
        // hence no collision; otherwise fall through to the breadth-first search below (which repeats depth 0).
        {
            GoObject? hit = null;
            int hitIndex = -1;
            if (GoTypes.AsNamed(typ0) is { } n0)
                (hitIndex, hit) = n0.LookupMethod(pkg, name, foldCase);
            if (hit is null)
            {
                switch (typ0.Underlying())
                {
                    case Struct st0 when !foldCase: // with foldCase two fields may match: a collision
                        for (int i = 0; i < st0.NumFields; i++)
                            if (st0.Field(i).SameId(pkg, name, foldCase)) { hit = st0.Field(i); hitIndex = i; break; }
                        break;
                    case Interface it0:
                        (hitIndex, hit) = it0.TypeSet().LookupMethod(pkg, name, foldCase);
                        break;
                }
            }
            if (hit is not null)
            {
                if (hit is Func hf)
                {
                    hf.EnsureResolved();
                    if (hf.HasPtrRecv && !isPtr && !addressable) return (null, null, true);
                }
                return (hit, [hitIndex], isPtr);
            }
        }

        var current = new List<EmbeddedType> { new(typ0, null, isPtr, false) };
        var seen = new List<Named>();
        GoObject? obj = null;
        int[]? index = null;
        bool indirect = false;

        while (current.Count > 0)
        {
            var next = new List<EmbeddedType>();
            foreach (var e in current)
            {
                var typ = e.Typ;
                if (GoTypes.AsNamed(typ) is { } named)
                {
                    bool dup = false;
                    foreach (var s in seen) if (GoTypes.Identical(named, s)) { dup = true; break; }
                    if (dup) continue;
                    seen.Add(named);
                    var (i, m) = named.LookupMethod(pkg, name, foldCase);
                    if (m is not null)
                    {
                        index = Concat(e.Index, i);
                        if (obj is not null || e.Multiples) return (null, index, false);
                        obj = m;
                        indirect = e.Indirect;
                        continue;
                    }
                }
                switch (typ.Underlying())
                {
                    case Struct st:
                        for (int i = 0; i < st.NumFields; i++)
                        {
                            var f = st.Field(i);
                            if (f.SameId(pkg, name, foldCase))
                            {
                                index = Concat(e.Index, i);
                                if (obj is not null || e.Multiples) return (null, index, false);
                                obj = f;
                                indirect = e.Indirect;
                                continue;
                            }
                            if (obj is null && f.Embedded)
                            {
                                var (ft, fptr) = Deref(f.Type!);
                                next.Add(new EmbeddedType(ft, Concat(e.Index, i), e.Indirect || fptr, e.Multiples));
                            }
                        }
                        break;
                    case Interface it:
                        {
                            var (i, m) = it.TypeSet().LookupMethod(pkg, name, foldCase);
                            if (m is not null)
                            {
                                index = Concat(e.Index, i);
                                if (obj is not null || e.Multiples) return (null, index, false);
                                obj = m;
                                indirect = e.Indirect;
                            }
                            break;
                        }
                }
            }

            if (obj is not null)
            {
                if (obj is Func f)
                {
                    f.EnsureResolved();
                    if (f.HasPtrRecv && !indirect && !addressable) return (null, null, true);
                }
                return (obj, index, indirect);
            }
            current = ConsolidateMultiples(next);
        }
        return (null, null, false);
    }

    private static List<EmbeddedType> ConsolidateMultiples(List<EmbeddedType> list)
    {
        if (list.Count <= 1) return list;
        var result = new List<EmbeddedType>(list.Count);
        foreach (var e in list)
        {
            int found = -1;
            for (int i = 0; i < result.Count; i++)
                if (ReferenceEquals(result[i].Typ, e.Typ) || GoTypes.Identical(result[i].Typ, e.Typ)) { found = i; break; }
            if (found >= 0)
            {
                var x = result[found];
                x.Multiples = true;
                result[found] = x;
            }
            else result.Add(e);
        }
        return result;
    }

    private enum MissingState { Ok, NotFound, WrongName, Unexported, WrongSig, AmbigSel, PtrRecv, Field, NoInterface }

    /// <summary>Models missingMethod: the first method of interface T not implemented by V (static: also for interface V
    /// every method must be present). wrongType is set if a method with the right name but wrong signature or pointer
    /// receiver exists. cause (if non-null) receives gc's parenthesised explanation.</summary>
    public static (Func? Method, bool WrongType) MissingMethod(GoType V, GoType T, bool @static, Func<GoType, GoType, bool> equivalent, Cause? cause)
    {
        var methods = ((Interface)T.Underlying()).TypeSet().Methods;
        if (methods.Count == 0) return (null, false);
        var state = MissingState.Ok;
        Func? m = null;
        Func? f = null;

        if (V.Underlying() is Interface u)
        {
            var tset = u.TypeSet();
            foreach (var mm in methods)
            {
                m = mm;
                (_, f) = tset.LookupMethod(m.Pkg, m.Name, false);
                if (f is null)
                {
                    if (!@static) continue;
                    state = MissingState.NotFound;
                    break;
                }
                if (!equivalent(f.Type!, m.Type!)) { state = MissingState.WrongSig; break; }
            }
        }
        else
        {
            foreach (var mm in methods)
            {
                m = mm;
                var (obj, index, indirect) = LookupFieldOrMethodImpl(V, false, m.Pkg, m.Name, false);
                if (obj is null)
                {
                    if (index is not null) state = MissingState.AmbigSel;
                    else if (indirect) state = MissingState.PtrRecv;
                    else
                    {
                        state = MissingState.NotFound;
                        var (o2, _, _) = LookupFieldOrMethodImpl(V, false, m.Pkg, m.Name, true);
                        f = o2 as Func;
                        if (f is not null) state = f.Name == m.Name ? MissingState.Unexported : MissingState.WrongName;
                    }
                    break;
                }
                f = obj as Func;
                if (f is null) { state = MissingState.Field; break; }
                f.EnsureResolved();
                if (f.NoInterface) { state = MissingState.NoInterface; break; }
                if (!equivalent(f.Type!, m.Type!)) { state = MissingState.WrongSig; break; }
            }
        }

        if (state == MissingState.Ok) return (null, false);

        if (cause is not null)
        {
            f?.EnsureResolved();
            switch (state)
            {
                case MissingState.NotFound:
                    if (IsInterfacePtr(V)) cause.Message = "(" + InterfacePtrError(V, cause) + ")";
                    else if (IsInterfacePtr(T)) cause.Message = "(" + InterfacePtrError(T, cause) + ")";
                    else cause.Message = $"(missing method {m!.Name})";
                    break;
                case MissingState.WrongName:
                    {
                        var fs = FuncString(f!, false, cause.Qualifier);
                        var ms = FuncString(m!, false, cause.Qualifier);
                        cause.Message = $"(missing method {m!.Name})\n\t\thave {fs}\n\t\twant {ms}";
                        break;
                    }
                case MissingState.Unexported:
                    cause.Message = $"(unexported method {m!.Name})";
                    break;
                case MissingState.WrongSig:
                    {
                        var fs = FuncString(f!, false, cause.Qualifier);
                        var ms = FuncString(m!, false, cause.Qualifier);
                        if (fs == ms) { fs = FuncString(f!, true, cause.Qualifier); ms = FuncString(m!, true, cause.Qualifier); }
                        cause.Message = fs == ms
                            ? $"(wrong type for method {m!.Name})"
                            : $"(wrong type for method {m!.Name})\n\t\thave {fs}\n\t\twant {ms}";
                        break;
                    }
                case MissingState.AmbigSel:
                    cause.Message = cause.Sprintf("(ambiguous selector %s." + m!.Name + ")", V);
                    break;
                case MissingState.PtrRecv:
                    cause.Message = $"(method {m!.Name} has pointer receiver)";
                    break;
                case MissingState.Field:
                    cause.Message = cause.Sprintf("(%s." + m!.Name + " is a field, not a method)", V);
                    break;
                case MissingState.NoInterface:
                    cause.Message = $"({m!.Name} method is marked 'nointerface')";
                    break;
            }
        }
        return (m, state is MissingState.WrongSig or MissingState.PtrRecv);
    }

    public static string InterfacePtrError(GoType T, Cause? cause)
    {
        var p = (Pointer)T.Underlying();
        var qf = cause?.Qualifier;
        if (Predicates.IsTypeParam(p.Elem))
            return new TypeError("type %s is pointer to type parameter, not type parameter", T).ToString(qf);
        return new TypeError("type %s is pointer to interface, not interface", T).ToString(qf);
    }

    /// <summary>Models funcString: name + signature without param names (pkgInfo: full-path types, package annotation).</summary>
    public static string FuncString(Func f, bool pkgInfo, Qualifier? qf)
    {
        var sb = new System.Text.StringBuilder(f.Name);
        var w = new TypeWriter(sb, pkgInfo ? null : qf) { PkgInfo = pkgInfo, ParamNames = false };
        w.Signature((Signature)f.Type!);
        return sb.ToString();
    }

    /// <summary>Models hasAllMethods.</summary>
    public static bool HasAllMethods(GoType V, GoType T, bool @static, Func<GoType, GoType, bool> equivalent, Cause? cause)
    {
        if (!Predicates.IsValid(V)) return true;
        var (m, _) = MissingMethod(V, T, @static, equivalent, cause);
        return m is null || HasInvalidEmbeddedFields(V, null);
    }

    private static bool HasInvalidEmbeddedFields(GoType T, HashSet<Struct>? seen)
    {
        if (DerefStructPtr(T).Underlying() is Struct S)
        {
            seen ??= new HashSet<Struct>(ReferenceEqualityComparer.Instance);
            if (!seen.Add(S)) return false;
            foreach (var f in S.Fields)
                if (f.Embedded && (!Predicates.IsValid(f.Type) || HasInvalidEmbeddedFields(f.Type!, seen))) return true;
        }
        return false;
    }
}

public static partial class GoTypes
{
    /// <summary>Models types.LookupFieldOrMethod.</summary>
    public static (GoObject? Obj, int[]? Index, bool Indirect) LookupFieldOrMethod(GoType t, bool addressable, Package? pkg, string name)
        => LookupUtil.LookupFieldOrMethod(t, addressable, pkg, name, false);

    /// <summary>Models types.LookupSelection.</summary>
    public static Selection? LookupSelection(GoType t, bool addressable, Package? pkg, string name)
    {
        var (obj, index, indirect) = LookupFieldOrMethod(t, addressable, pkg, name);
        return obj switch
        {
            Func => new Selection(SelectionKind.MethodVal, t, obj, index!, indirect),
            Var => new Selection(SelectionKind.FieldVal, t, obj, index!, indirect),
            _ => null,
        };
    }

    /// <summary>Models types.MissingMethod.</summary>
    public static (Func? Method, bool WrongType) MissingMethod(GoType v, Interface t, bool @static)
        => LookupUtil.MissingMethod(v, t, @static, Identical, null);

    /// <summary>Models types.AssertableTo / Checker.assertableTo: whether a value of interface type V can be asserted to T.</summary>
    public static bool AssertableTo(GoType v, GoType t, Cause? cause = null)
    {
        if (IsInterface(t)) return true;
        return LookupUtil.HasAllMethods(t, v, false, Identical, cause);
    }
}
