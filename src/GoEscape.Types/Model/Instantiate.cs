namespace GoEscape.Types;

/// <summary>Instantiation of generic types and functions (models types2 instantiate.go, named.go expansion).</summary>
internal static class Instantiation
{
    internal static GoType ExpandRhs(Named n) => throw new NotImplementedException();
    internal static Func ExpandMethod(Named n, int i) => throw new NotImplementedException();
}

/// <summary>Instantiation cache (models types2.Context): identical instantiations share one type.</summary>
public sealed class Context
{
    private readonly Dictionary<GoType, int> _ids = new(ReferenceEqualityComparer.Instance);
    internal int GetId(GoType t)
    {
        if (!_ids.TryGetValue(t, out var id)) { id = _ids.Count; _ids[t] = id; }
        return id;
    }
}
