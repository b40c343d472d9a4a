using GoEscape.IR;

namespace GoEscape.Escape;

/// <summary>
/// The escape part of a package's export data: per function, the leak tags of its receiver and parameters
/// (gc stores them as the parameters' Field.Note). Importers apply them to the signatures of imported
/// functions before analyzing calls to them. Keys are the function's symbol name ("F", "T.M", "(*T).M").
/// </summary>
public static class EscapeExport
{
    /// <summary>Collects the tags of analyzed (tagged) top-level functions; closures are not exported.</summary>
    public static Dictionary<string, string[]> Collect(IEnumerable<Func> funcs)
    {
        var d = new Dictionary<string, string[]>(StringComparer.Ordinal);
        foreach (var fn in funcs)
        {
            if (fn.OClosure != null || fn.EscState != EscFuncState.Tagged) continue;
            d[fn.Sym.Name] = fn.Signature.RecvParams().Select(f => f.Note).ToArray();
        }
        return d;
    }

    /// <summary>Applies exported tags (receiver first, then parameters) to an imported function's signature.</summary>
    public static void Apply(IrType sig, IReadOnlyList<string> notes)
    {
        int i = 0;
        foreach (var f in sig.RecvParams())
        {
            if (i >= notes.Count) throw new ArgumentException("more parameters than tags", nameof(notes));
            f.Note = notes[i++];
        }
        if (i != notes.Count) throw new ArgumentException("more tags than parameters", nameof(notes));
    }

    /// <summary>Human-readable form of a tag for debugging: "heap=0 result0=1" or "none".</summary>
    public static string Describe(string note)
    {
        var l = Leaks.Parse(note);
        var parts = new List<string>();
        if (l.Heap >= 0) parts.Add($"heap={l.Heap}");
        if (l.Mutator >= 0) parts.Add($"mutator={l.Mutator}");
        if (l.Callee >= 0) parts.Add($"callee={l.Callee}");
        for (int i = 0; i < Leaks.NumEscResults; i++)
            if (l.Result(i) >= 0) parts.Add($"result{i}={l.Result(i)}");
        return parts.Count == 0 ? "none" : string.Join(' ', parts);
    }
}
