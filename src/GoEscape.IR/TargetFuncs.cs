namespace GoEscape.IR;

/// <summary>The order in which gc's later stages (devirtualization, walk) visit a package's functions.</summary>
public static class TargetFuncs
{
    /// <summary>
    /// gc's Target.Funcs order: declared functions first; function literals are appended as their bodies are read,
    /// and the reader reads top-level bodies last-declared first (noder.readBodies pops todoBodies), so the literals of
    /// the last function come first (each function's literals in source order, nested ones after their parent).
    /// </summary>
    public static List<Func> Order(List<Func> funcs)
    {
        var top = new List<Func>();
        var lits = new Dictionary<Func, List<Func>>(ReferenceEqualityComparer.Instance);
        foreach (var fn in funcs)
        {
            if (fn.OClosure == null) { top.Add(fn); continue; }
            var outer = fn;
            while (outer.ClosureParent != null) outer = outer.ClosureParent;
            if (!lits.TryGetValue(outer, out var l)) lits[outer] = l = [];
            l.Add(fn);
        }
        var res = new List<Func>(funcs.Count);
        res.AddRange(top);
        for (int i = top.Count - 1; i >= 0; i--)
            if (lits.TryGetValue(top[i], out var l)) res.AddRange(l);
        if (res.Count != funcs.Count) return funcs; // literals without a known enclosing function: keep the given order
        return res;
    }
}
