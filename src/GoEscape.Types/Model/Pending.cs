namespace GoEscape.Types;

// Public API whose bodies are being filled in; signatures are final.
internal static class SelectionUtil
{
    internal static GoType SelectionType(Selection s) => throw new NotImplementedException();
}

public static partial class GoTypes
{
    public static string SelectionString(Selection s, Qualifier? qf) => throw new NotImplementedException();
    public static bool IdenticalIgnoreTags(GoType? x, GoType? y) => throw new NotImplementedException();
    /// <summary>Models types.AssignableTo (V a typed or untyped type; untyped constants are assumed representable).</summary>
    public static bool AssignableTo(GoType v, GoType t) => throw new NotImplementedException();
    /// <summary>Assignability of a value of type V to T (models operand.assignableTo without the constant/representability
    /// part: the caller handles untyped constants). cause receives the reason when false.</summary>
    public static bool AssignableTo(GoType v, GoType t, Cause? cause) => throw new NotImplementedException();
    public static bool ConvertibleTo(GoType v, GoType t) => throw new NotImplementedException();
    public static bool ConvertibleTo(GoType v, GoType t, Cause? cause) => throw new NotImplementedException();
    public static bool Implements(GoType v, Interface t) => throw new NotImplementedException();
    /// <summary>Models Checker.implements: V implements T (constraint satisfaction if constraint=true).</summary>
    public static bool Implements(GoType v, GoType t, bool constraint, Cause? cause) => throw new NotImplementedException();
    public static bool Satisfies(GoType v, Interface t) => throw new NotImplementedException();
    public static (Func? Method, bool WrongType) MissingMethod(GoType v, Interface t, bool @static) => throw new NotImplementedException();
    public static bool AssertableTo(Interface v, GoType t) => throw new NotImplementedException();
    public static bool Comparable(GoType t) => throw new NotImplementedException();
    public static bool IsInterface(GoType t) => throw new NotImplementedException();
    public static GoType Default(GoType t) => throw new NotImplementedException();
    public static GoType? CoreType(GoType t) => throw new NotImplementedException();
    public static (GoObject? Obj, int[]? Index, bool Indirect) LookupFieldOrMethod(GoType t, bool addressable, Package? pkg, string name) => throw new NotImplementedException();
    public static MethodSet NewMethodSet(GoType t) => throw new NotImplementedException();
    public static GoType Instantiate(Context? ctxt, GoType orig, IReadOnlyList<GoType> targs, bool validate) => throw new NotImplementedException();
    public static GoType Subst(GoType t, IReadOnlyList<TypeParam> tparams, IReadOnlyList<GoType> targs, Context? ctxt) => throw new NotImplementedException();
    public static ISizes SizesFor(string compiler, string arch) => throw new NotImplementedException();
}
