namespace GoEscape.Types;

// Public API whose bodies are being filled in; signatures are final.
internal static class SelectionUtil
{
    internal static GoType SelectionType(Selection s) => throw new NotImplementedException();
}

public static partial class GoTypes
{
    public static string SelectionString(Selection s, Qualifier? qf) => throw new NotImplementedException();
    public static MethodSet NewMethodSet(GoType t) => throw new NotImplementedException();
    public static ISizes SizesFor(string compiler, string arch) => throw new NotImplementedException();
}
