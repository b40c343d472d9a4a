using System.Runtime.CompilerServices;

namespace GoEscape.Types;

/// <summary>Equality comparer for types by Go type identity (GoTypes.Identical), with a structural hash consistent with
/// it, so that types can key dictionaries (like types2's typeutil.Map). IgnoreTags selects IdenticalIgnoreTags.</summary>
public sealed class TypeIdentityComparer : IEqualityComparer<GoType>
{
    public static readonly TypeIdentityComparer Instance = new(false);
    public static readonly TypeIdentityComparer IgnoreTags = new(true);
    private readonly bool _ignoreTags;
    private TypeIdentityComparer(bool ignoreTags) { _ignoreTags = ignoreTags; }

    public bool Equals(GoType? x, GoType? y) => _ignoreTags ? GoTypes.IdenticalIgnoreTags(x, y) : GoTypes.Identical(x, y);

    public int GetHashCode(GoType t) => Hash(t, 4);

    private int Hash(GoType? t, int depth)
    {
        if (t is null) return 0;
        t = GoTypes.Unalias(t);
        if (depth <= 0) return KindOf(t);
        depth--;
        switch (t)
        {
            case Basic b: return (int)b.Kind * 31 + 1;
            case Named n:
                {
                    var h = RuntimeHelpers.GetHashCode(n.Origin.Obj);
                    foreach (var a in n.TypeArgs.List) h = h * 31 + Hash(a, depth);
                    return h;
                }
            case TypeParam tp: return RuntimeHelpers.GetHashCode(tp);
            case Pointer p: return 2 * 31 + Hash(p.Elem, depth);
            case Slice s: return 3 * 31 + Hash(s.Elem, depth);
            case Array a: return 4 * 31 + Hash(a.Elem, depth); // length -1 is identical to any length
            case Map m: return (5 * 31 + Hash(m.Key, depth)) * 31 + Hash(m.Elem, depth);
            case Chan c: return (6 * 31 + (int)c.Dir) * 31 + Hash(c.Elem, depth);
            case Struct st:
                {
                    var h = 7 * 31 + st.NumFields;
                    for (int i = 0; i < st.NumFields; i++)
                    {
                        var f = st.Field(i);
                        h = h * 31 + StringComparer.Ordinal.GetHashCode(f.Name) + (f.Embedded ? 1 : 0);
                        h = h * 31 + Hash(f.Type, depth);
                        if (!_ignoreTags) h = h * 31 + StringComparer.Ordinal.GetHashCode(st.Tag(i));
                    }
                    return h;
                }
            case Tuple tu:
                {
                    var h = 8 * 31 + tu.Len;
                    for (int i = 0; i < tu.Len; i++) h = h * 31 + Hash(tu.At(i).Type, depth);
                    return h;
                }
            case Signature sig:
                {
                    var h = ((9 * 31 + sig.Params.Len) * 31 + sig.Results.Len) * 31 + (sig.Variadic ? 1 : 0);
                    if (sig.TypeParams.Len > 0) return h * 31 + sig.TypeParams.Len; // identical modulo renaming
                    return (h * 31 + Hash(sig.Params, depth)) * 31 + Hash(sig.Results, depth);
                }
            case Interface it:
                {
                    var ts = it.TypeSet();
                    var h = (10 * 31 + ts.NumMethods) * 31 + (ts.Comparable ? 1 : 0);
                    foreach (var m in ts.Methods) h = h * 31 + StringComparer.Ordinal.GetHashCode(m.Name);
                    return h;
                }
            case Union u: return 11 * 31 + u.Len;
            default: return KindOf(t);
        }
    }

    private static int KindOf(GoType t) => t switch
    {
        Basic b => (int)b.Kind * 31 + 1,
        Named or TypeParam => 12, // unresolved depth: keep coarse
        _ => t.GetType().Name.Length,
    };
}
