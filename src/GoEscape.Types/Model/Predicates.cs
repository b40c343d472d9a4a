namespace GoEscape.Types;

/// <summary>Type predicates (models types2 predicates.go).</summary>
public static class Predicates
{
    public static bool IsValid(GoType? t) => t is not null && !(GoTypes.Unalias(t) is Basic { Kind: BasicKind.Invalid });

    /// <summary>Models comparableType: null if T is comparable, else a reason (possibly empty string). If dynamic is set,
    /// interfaces count as comparable (non-strict).</summary>
    public static string? ComparableType(GoType t, bool dynamic, HashSet<GoType>? seen) => throw new NotImplementedException();
}

public static partial class GoTypes
{
    public static bool Identical(GoType? x, GoType? y) => throw new NotImplementedException();
}
