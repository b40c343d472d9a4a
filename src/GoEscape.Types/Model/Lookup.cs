namespace GoEscape.Types;

/// <summary>Field and method lookup helpers (models types2 lookup.go).</summary>
public static class LookupUtil
{
    /// <summary>Models deref: if t is *T returns (T, true), else (t, false). Aliases are resolved.</summary>
    public static (GoType Type, bool IsPtr) Deref(GoType t)
    {
        if (GoTypes.Unalias(t) is Pointer p) return (p.Elem, true);
        return (t, false);
    }

    /// <summary>Models methodIndex: index of the method with matching Id in methods, or -1.</summary>
    public static (int, Func?) MethodIndex(IReadOnlyList<Func> methods, Package? pkg, string name, bool foldCase)
    {
        if (name != "_")
            for (int i = 0; i < methods.Count; i++)
                if (methods[i].SameId(pkg, name, foldCase)) return (i, methods[i]);
        return (-1, null);
    }
}
