using GoEscape.IR;

namespace GoEscape.Report;

/// <summary>
/// The plain sentences of explain: one per -m=2 flow step ("`&amp;u` is returned (`return &amp;u`, ./main.go:35:2)"), built from
/// the step's locations and its notes' reason words (gc's escape package: "address-of", "return", "assign", ...),
/// and a summary per decision. Words only: every position and expression comes from the flow itself.
/// </summary>
internal static class Sentences
{
    /// <summary>A location of a flow line in words: {heap}, {temp}, {storage for E}, a variable, a result (~rN).</summary>
    public static string Loc(string loc) => loc switch
    {
        "{heap}" => "the heap",
        "{temp}" => "a temporary",
        _ when loc.StartsWith("{storage for ", StringComparison.Ordinal) => $"`{loc["{storage for ".Length..^1]}`",
        _ when loc.StartsWith("~r", StringComparison.Ordinal) => $"the result `{loc}`",
        _ => $"`{loc}`",
    };

    /// <summary>What flows along a step: the address of a variable (`&amp;x`), an allocation (`E`), a value, or what it points to.</summary>
    private static string Flowing(string ops, string src)
    {
        bool storage = src.StartsWith("{storage for ", StringComparison.Ordinal);
        string s = storage ? src["{storage for ".Length..^1] : src;
        if (src == "{temp}") return ops == "&" ? "the address of a temporary" : "a temporary";
        if (ops == "&") return storage ? $"`{s}`" : $"`&{s}`";
        if (ops.Length > 0) return $"what `{s}` points to" + (ops.Length > 1 ? $" ({ops.Length} indirections)" : "");
        return storage ? $"the contents of `{s}`" : $"`{s}`";
    }

    public static string Step(string dst, string ops, string src, IReadOnlyList<FlowNote> notes)
    {
        var verbs = new List<string>();
        bool byRef = false;
        for (int i = 0; i < notes.Count; i++)
        {
            var n = notes[i];
            // implied by the flowing words: the address-of that makes `&x`, the spill that makes an allocation's storage
            if (n.Why == "address-of" && ops == "&" && i == 0) continue;
            if (n.Why == "spill" && notes.Count > 1) continue;
            if (n.Why == "reference") { byRef = true; continue; }
            verbs.Add(Verb(n, dst, byRef));
        }
        if (verbs.Count == 0) verbs.Add(dst == "{heap}" ? "flows to the heap" : $"flows to {Loc(dst)}");
        string tail = verbs.Count == 1 ? verbs[0] : string.Join(", ", verbs.Take(verbs.Count - 1)) + " and " + verbs[^1];
        var pos = notes.Count > 0 ? notes[^1].Pos : default;
        string at = pos.IsKnown ? $" ({pos})" : "";
        return Flowing(ops, src) + " " + tail + at + ".";
    }

    private static string Verb(FlowNote n, string dst, bool byRef)
    {
        string w = n.Where;
        bool heap = dst == "{heap}";
        return n.Why switch
        {
            "return" => $"is returned by `{w}`",
            "assign" or "assign-pair" or "assign-pair-dot-type" or "assign-pair-mapr" or "assign-pair-receive" => heap
                ? $"is stored by `{w}` into memory that outlives the function"
                : $"is assigned to {Loc(dst)} by `{w}`",
            "call parameter" => heap ? $"is passed to `{w}`, which lets that argument escape" : $"is passed to `{w}`",
            "captured by a closure" => byRef ? $"is captured by reference by a func literal (which uses `{w}`)" : $"is captured by a func literal (which uses `{w}`)",
            "spill" => heap ? "flows to the heap" : $"is stored in {Loc(dst)}",
            "slice-literal-element" => $"is put into the `{w}` slice",
            "too large for stack" => "is too large for the stack (gc's limits: 64 KiB for new, make and composite literals, 128 KiB for declared variables)",
            "too aligned for stack" => "needs more alignment than the stack gives",
            "zero-sized element" => "has a zero-sized element type (gc heap-allocates such make calls)",
            "send" => $"is sent on a channel by `{w}`",
            "key of map put" => $"is used as a map key by `{w}`",
            "map literal key" => $"is a key of the map literal `{w}`",
            "map literal value" => $"is a value of the map literal `{w}`",
            "appendee slice" => $"is the slice `{w}` appends to (its elements may be copied to a new heap array)",
            "appended slice..." => $"is appended by `{w}`",
            "copied slice" => $"is copied by `{w}`",
            "address-of" => $"has its address taken by `{w}`",
            "interface-converted" => "is converted to an interface",
            "range" or "range-deref" => $"is ranged over by `{w}`",
            "switch case" => $"is a type switch's case variable (`{w}`)",
            "reference" => $"is referenced by a func literal (which uses `{w}`)",
            _ => $"flows through `{w}` ({n.Why})",
        };
    }

    /// <summary>The line under a decision: what it means, before its steps.</summary>
    public static string Summary(ExplainItem it)
    {
        string s = it.Subject;
        string? root = it.Steps.Count > 0 ? it.Steps[^1].Dst : null;
        bool returned = it.Steps.Count > 0 && it.Steps[^1].Notes.Any(n => n.Why == "return");
        string Because(string what) => root switch
        {
            null => " (escape analysis logged no flow for it).",
            "{heap}" => $" because {what} flows to the heap:",
            _ when returned => $" because {what} is returned{(it.Func != null ? $" from `{it.Func}`" : "")}, so it outlives the call:",
            _ when root.StartsWith("{storage for ", StringComparison.Ordinal) => $" because {what} is kept by {Loc(root)}, which outlives it:",
            _ => $" because {what} flows to {Loc(root)}, which outlives it:",
        };
        return it.Decision switch
        {
            Decision.MovedToHeap => $"`{s}` is allocated on the heap" + Because("its address"),
            Decision.EscapesToHeap => $"`{s}` is allocated on the heap" + Because("it"),
            Decision.DoesNotEscape => $"`{s}` does not escape: no flow takes it (or its address) out of the function, so it can stay on the stack.",
            Decision.LeakingParam => $"what callers pass as `{s}` flows to the heap, so what they pass is heap allocated" +
                (root == null ? " (escape analysis logged no flow: a function without a body is assumed to leak its pointer parameters)." : ":"),
            Decision.LeakingParamContent => $"what `{s}` points to flows to the heap (the pointer itself does not)" + (root == null ? "." : ":"),
            Decision.LeakingParamToResult => $"`{s}` flows to a result: no allocation by itself (callers' values escape only if they keep the result too)" + (root == null ? "." : ":"),
            _ => it.Message,
        };
    }
}
