namespace GoEscape.Types;

/// <summary>A type term: 𝓤 (Type null, the set of all types), T, or ~T (models types2.term). The empty set ∅ is
/// represented by a missing term (null reference).</summary>
public sealed class TypeTerm
{
    public bool Tilde { get; }
    /// <summary>Null means 𝓤 (all types).</summary>
    public GoType? Type { get; }
    public TypeTerm(bool tilde, GoType? type) { Tilde = tilde; Type = type; }
    public static readonly TypeTerm Universe = new(false, null);

    public override string ToString() => Type is null ? "𝓤" : (Tilde ? "~" : "") + GoTypes.TypeString(Type, null);

    public static bool Equal(TypeTerm? x, TypeTerm? y)
    {
        if (x is null || y is null) return ReferenceEquals(x, y);
        if (x.Type is null || y.Type is null) return ReferenceEquals(x.Type, y.Type);
        return x.Tilde == y.Tilde && GoTypes.Identical(x.Type, y.Type);
    }

    public static (TypeTerm?, TypeTerm?) Union(TypeTerm? x, TypeTerm? y)
    {
        if (x is null) return (y, null);
        if (y is null) return (x, null);
        if (x.Type is null) return (x, null);
        if (y.Type is null) return (y, null);
        if (x.Disjoint(y)) return (x, y);
        if (x.Tilde || !y.Tilde) return (x, null);
        return (y, null);
    }

    public static TypeTerm? Intersect(TypeTerm? x, TypeTerm? y)
    {
        if (x is null || y is null) return null;
        if (x.Type is null) return y;
        if (y.Type is null) return x;
        if (x.Disjoint(y)) return null;
        if (!x.Tilde || y.Tilde) return x;
        return y;
    }

    public bool Includes(GoType t)
    {
        if (Type is null) return true;
        var u = Tilde ? t.Underlying() : t;
        return GoTypes.Identical(Type, u);
    }

    public static bool SubsetOf(TypeTerm? x, TypeTerm? y)
    {
        if (x is null) return true;
        if (y is null) return false;
        if (y.Type is null) return true;
        if (x.Type is null) return false;
        if (x.Disjoint(y)) return false;
        return !x.Tilde || y.Tilde;
    }

    public bool Disjoint(TypeTerm y)
    {
        var ux = Type!;
        if (y.Tilde) ux = ux.Underlying();
        var uy = y.Type!;
        if (Tilde) uy = uy.Underlying();
        return !GoTypes.Identical(ux, uy);
    }
}

/// <summary>A union of type terms, normalized (models types2.termlist).</summary>
public sealed class TermList
{
    private readonly TypeTerm[] _terms;
    public static readonly TermList All = new([TypeTerm.Universe]);
    public static readonly TermList EmptySet = new([]);

    public TermList(TypeTerm[] terms) { _terms = terms; }
    public IReadOnlyList<TypeTerm> Terms => _terms;
    public int Count => _terms.Length;

    public override string ToString() => _terms.Length == 0 ? "∅" : string.Join(" | ", _terms.Select(t => t.ToString()));

    public bool IsEmpty => _terms.Length == 0;
    public bool IsAll
    {
        get { foreach (var x in _terms) if (x.Type is null) return true; return false; }
    }

    public TermList Norm()
    {
        var used = new bool[_terms.Length];
        var rl = new List<TypeTerm>();
        for (int i = 0; i < _terms.Length; i++)
        {
            if (used[i]) continue;
            var xi = _terms[i];
            for (int j = i + 1; j < _terms.Length; j++)
            {
                if (used[j]) continue;
                var (u1, u2) = TypeTerm.Union(xi, _terms[j]);
                if (u2 is null)
                {
                    if (u1!.Type is null) return All;
                    xi = u1;
                    used[j] = true;
                }
            }
            rl.Add(xi);
        }
        return new TermList([.. rl]);
    }

    public TermList Union(TermList yl) => new TermList([.. _terms, .. yl._terms]).Norm();

    public TermList Intersect(TermList yl)
    {
        if (IsEmpty || yl.IsEmpty) return EmptySet;
        var rl = new List<TypeTerm>();
        foreach (var x in _terms)
            foreach (var y in yl._terms)
                if (TypeTerm.Intersect(x, y) is { } r) rl.Add(r);
        return new TermList([.. rl]).Norm();
    }

    public bool Equal(TermList yl) => SubsetOf(yl) && yl.SubsetOf(this);

    public bool Includes(GoType t)
    {
        foreach (var x in _terms) if (x.Includes(t)) return true;
        return false;
    }

    public bool SupersetOf(TypeTerm y)
    {
        foreach (var x in _terms) if (TypeTerm.SubsetOf(y, x)) return true;
        return false;
    }

    public bool SubsetOf(TermList yl)
    {
        if (yl.IsEmpty) return IsEmpty;
        foreach (var x in _terms) if (!yl.SupersetOf(x)) return false;
        return true;
    }
}
