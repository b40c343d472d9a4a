using System.Text;

namespace GoEscape.Types;

/// <summary>The type set of an interface (models types2._TypeSet): all methods (sorted) and the term list.</summary>
public sealed class TypeSet
{
    private readonly Func[] _methods;
    public TermList Terms { get; internal set; }
    /// <summary>Invariant: !Comparable || Terms.IsAll.</summary>
    public bool Comparable { get; internal set; }

    internal TypeSet(Func[] methods, TermList terms, bool comparable) { _methods = methods; Terms = terms; Comparable = comparable; }

    public static readonly TypeSet Top = new([], TermList.All, false);
    internal static readonly TypeSet InvalidSet = new([], TermList.EmptySet, false);

    public IReadOnlyList<Func> Methods => _methods;
    public int NumMethods => _methods.Length;
    public Func Method(int i) => _methods[i];
    public bool IsEmpty => Terms.IsEmpty;
    public bool IsAll => IsMethodSet && _methods.Length == 0;
    public bool IsMethodSet => !Comparable && Terms.IsAll;
    /// <summary>Has specific terms (not empty, not all).</summary>
    public bool HasTerms => !Terms.IsEmpty && !Terms.IsAll;

    public bool IsComparable(HashSet<GoType>? seen)
    {
        if (Terms.IsAll) return Comparable;
        return Is(t => t is not null && Predicates.ComparableType(t.Type!, false, seen) is null);
    }

    public (int Index, Func? Method) LookupMethod(Package? pkg, string name, bool foldCase) => LookupUtil.MethodIndex(_methods, pkg, name, foldCase);

    /// <summary>Models _TypeSet.all: f(t, u) for each specific term (u = the term's core: underlying unless ~ already).
    /// If there are no specific terms, f(null, null).</summary>
    public bool All(Func<GoType?, GoType?, bool> f)
    {
        if (!HasTerms) return f(null, null);
        foreach (var t in Terms.Terms)
        {
            var u = GoTypes.Unalias(t.Type!);
            if (!t.Tilde) u = u.Underlying();
            if (!f(t.Type, u)) return false;
        }
        return true;
    }

    /// <summary>Models _TypeSet.is.</summary>
    public bool Is(Func<TypeTerm?, bool> f)
    {
        if (!HasTerms) return f(null);
        foreach (var t in Terms.Terms) if (!f(t)) return false;
        return true;
    }

    public bool SubsetOf(TypeSet s2) => Terms.SubsetOf(s2.Terms);

    public override string ToString()
    {
        if (IsEmpty) return "∅";
        if (IsAll) return "𝓤";
        bool hasMethods = _methods.Length > 0, hasTerms = HasTerms;
        var sb = new StringBuilder("{");
        if (Comparable)
        {
            sb.Append("comparable");
            if (hasMethods || hasTerms) sb.Append("; ");
        }
        for (int i = 0; i < _methods.Length; i++)
        {
            if (i > 0) sb.Append("; ");
            sb.Append(_methods[i].ToString());
        }
        if (hasMethods && hasTerms) sb.Append("; ");
        if (hasTerms) sb.Append(Terms.ToString());
        sb.Append('}');
        return sb.ToString();
    }
}

/// <summary>Type set computation (models types2 typeset.go: computeInterfaceTypeSet, computeUnionTypeSet).
/// The checker reports duplicate-method and version errors itself; this only computes.</summary>
public static class TypeSets
{
    public const int MaxTermCount = 100;

    /// <summary>Hook for diagnostics: (position, message) when an implementation limit is hit.</summary>
    public static Action<SourcePos, string>? OnError { get; set; }

    // Interfaces/unions whose type set is being computed on this thread: a re-entrant request (only possible for invalid
    // recursive declarations) sees 𝓤 (interfaces) or ∅ (unions), like types2's temporary sets. Results are published
    // only when complete, so concurrent readers never observe a partial set.
    [ThreadStatic] private static HashSet<GoType>? t_inProgress;

    public static TypeSet ComputeInterfaceTypeSet(Interface ityp, Dictionary<Union, TypeSet>? unionSets)
    {
        if (Volatile.Read(ref ityp._tset) is { } done) return done;
        if (!ityp.IsComplete) return TypeSet.Top;
        var inProgress = t_inProgress ??= new HashSet<GoType>(ReferenceEqualityComparer.Instance);
        if (!inProgress.Add(ityp)) return TypeSet.Top;
        try { return Interlocked.CompareExchange(ref ityp._tset, ComputeInterface(ityp, unionSets), null) ?? ityp._tset!; }
        finally { inProgress.Remove(ityp); }
    }

    private static TypeSet ComputeInterface(Interface ityp, Dictionary<Union, TypeSet>? unionSets)
    {

        var seen = new Dictionary<string, Func>();
        var allMethods = new List<Func>();
        void AddMethod(Func m)
        {
            if (seen.TryAdd(m.Id, m)) allMethods.Add(m);
        }
        foreach (var m in ityp.ExplicitMethods) AddMethod(m);

        var allTerms = TermList.All;
        bool allComparable = false;
        for (int i = 0; i < ityp.NumEmbeddeds; i++)
        {
            var typ = ityp.EmbeddedType(i);
            bool comparable = false;
            TermList terms;
            switch (typ.Underlying())
            {
                case Interface u:
                    {
                        var ts = ComputeInterfaceTypeSet(u, unionSets);
                        comparable = ts.Comparable;
                        foreach (var m in ts.Methods) AddMethod(m);
                        terms = ts.Terms;
                        break;
                    }
                case Union u:
                    {
                        var ts = ComputeUnionTypeSet(unionSets, u, ityp.EmbedPositions is { } ep && i < ep.Length ? ep[i] : default);
                        if (ReferenceEquals(ts, TypeSet.InvalidSet)) continue;
                        terms = ts.Terms;
                        break;
                    }
                case var u:
                    if (!Predicates.IsValid(u)) continue;
                    terms = new TermList([new TypeTerm(false, typ)]);
                    break;
            }
            (allTerms, allComparable) = IntersectTermLists(allTerms, allComparable, terms, comparable);
        }

        var methods = allMethods.ToArray();
        ObjectOrder.SortMethods(methods);
        return new TypeSet(methods, allTerms, allComparable);
    }

    internal static (TermList, bool) IntersectTermLists(TermList xterms, bool xcomp, TermList yterms, bool ycomp)
    {
        var terms = xterms.Intersect(yterms);
        bool comp = xcomp || ycomp;
        if (comp && !terms.IsAll)
        {
            var kept = new List<TypeTerm>();
            foreach (var t in terms.Terms)
                if (Predicates.ComparableType(t.Type!, false, null) is null) kept.Add(t);
            terms = new TermList([.. kept]);
            if (!terms.IsAll) comp = false;
        }
        return (terms, comp);
    }

    public static TypeSet ComputeUnionTypeSet(Dictionary<Union, TypeSet>? unionSets, Union utyp, SourcePos pos = default)
    {
        if (Volatile.Read(ref utyp._tset) is { } done) return done;
        var inProgress = t_inProgress ??= new HashSet<GoType>(ReferenceEqualityComparer.Instance);
        if (!inProgress.Add(utyp)) return new TypeSet([], TermList.EmptySet, false);
        try { return Interlocked.CompareExchange(ref utyp._tset, ComputeUnion(utyp, pos), null) ?? utyp._tset!; }
        finally { inProgress.Remove(utyp); }
    }

    private static TypeSet ComputeUnion(Union utyp, SourcePos pos)
    {
        var allTerms = TermList.EmptySet;
        foreach (var t in utyp.Terms)
        {
            TermList terms;
            var u = t.Type.Underlying();
            if (u is Interface ui)
            {
                terms = ComputeInterfaceTypeSet(ui, null).Terms;
            }
            else if (!Predicates.IsValid(u))
            {
                continue;
            }
            else
            {
                if (t.Tilde && !GoTypes.Identical(t.Type, u)) continue; // ∅ term
                terms = new TermList([new TypeTerm(t.Tilde, t.Type)]);
            }
            allTerms = allTerms.Union(terms);
            if (allTerms.Count > MaxTermCount)
            {
                OnError?.Invoke(pos, $"cannot handle more than {MaxTermCount} union terms (implementation limitation)");
                return TypeSet.InvalidSet;
            }
        }
        return new TypeSet([], allTerms, false);
    }
}

/// <summary>Object ordering helpers (models object.cmp, sortMethods, samePkg).</summary>
public static class ObjectOrder
{
    public static int Compare(GoObject? a, GoObject? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        bool ea = a.Exported, eb = b.Exported;
        if (ea != eb) return ea ? -1 : 1;
        if (a.Name != b.Name) return string.CompareOrdinal(a.Name, b.Name);
        if (!ea) return string.CompareOrdinal(a.Pkg?.Path ?? "", b.Pkg?.Path ?? "");
        return 0;
    }

    public static void SortMethods(List<Func> list) => list.Sort(Compare);
    public static void SortMethods(Func[] list) => System.Array.Sort(list, Compare);

    public static bool SamePkg(Package? a, Package? b)
    {
        if (a is null || b is null) return ReferenceEquals(a, b);
        return a.Path == b.Path;
    }
}
