using GoEscape.IR;

namespace GoEscape.Report;

/// <summary>A fix hint: the key of its row in <see cref="FixHints.Table"/> and its text for this item.</summary>
public sealed record FixHint(string Key, string Text);

/// <summary>One row of the hint table: the reason it is keyed by, and the rewrite it suggests.</summary>
public sealed record HintRow(string Key, string Reason, string Rewrite);

/// <summary>
/// explain's fix hints, keyed by the reason escape analysis' flow gives (its notes' reason words, the flow's shape,
/// the source at the flow's positions). A hint is given only where the flow shows the reason its rewrite removes;
/// when unsure, none. Every row has a program pair under tests/GoEscape.Tests/testdata/explain/KEY/{before,after}
/// whose rewrite per the hint removes the allocation, checked against gc (ExplainHintTests).
/// </summary>
public static class FixHints
{
    public static readonly IReadOnlyList<HintRow> Table =
    [
        new("returned-address", "the address of a local variable or of a new value is returned",
            "return the value instead of its address (result type T, not *T)"),
        new("stored-outside", "an address is stored in a package-level variable or through a pointer (a parameter's field)",
            "store a copy of the value (a variable or field of type T, not *T)"),
        new("element", "an address is stored in a slice's or a map's backing store",
            "store values ([]T, map[K]T) rather than pointers ([]*T, map[K]*T)"),
        new("fmt-argument", "a value is converted to an interface for a fmt print function (...any)",
            "format with strconv (AppendInt, AppendFloat, AppendQuote) into a local buffer and write the bytes"),
        new("reflection", "a value reaches a reflection-based function (encoding/json, encoding/xml, encoding/gob, reflect)",
            "encode or decode the type by hand (direct field access, strconv.Append*)"),
        new("closure-by-ref", "a variable is captured by reference (it is reassigned) by a func literal that outlives it",
            "copy it just before the func literal (`y := x`) and use the copy, which is captured by value"),
        new("goroutine", "the address of a variable is given to a goroutine (`go` statement)",
            "pass a copy (`go f(x)` with a parameter of type T)"),
        new("channel-send", "an address is sent on a channel",
            "send the value (chan T, not chan *T)"),
        new("too-large-implicit", "new, make or a composite literal larger than 64 KiB",
            "declare an array variable (at most 128 KiB) and slice it or take its address"),
        new("too-large-explicit", "a declared variable larger than 128 KiB",
            "work through a buffer of at most 128 KiB, in chunks"),
        new("nonconst-make", "make([]T, n) with a non-constant size (on the stack only up to 32 bytes at run time)",
            "give it a constant capacity bound: make([]T, n, MAX)"),
        new("append-growth", "append growing a non-escaping slice past its 32-byte stack buffer",
            "start from a constant capacity: make([]T, 0, MAX)"),
    ];

    /// <summary>The hint for an item, or null. <paramref name="sourceLine"/> gives a position's source line (or null).</summary>
    public static FixHint? For(ExplainItem it, Capture? capture, Func<XPos, string?> sourceLine)
    {
        string s = it.Subject;
        var steps = it.Steps;
        var notes = steps.SelectMany(x => x.Notes).ToList();
        bool heapAlloc = it.Decision is Decision.MovedToHeap or Decision.EscapesToHeap;

        if (it.Decision == Decision.DoesNotEscape) return ForStackAllocation(s);
        if (steps.Count == 0) return null;

        if (heapAlloc && notes.Any(n => n.Why == "too large for stack"))
        {
            if (it.Decision == Decision.MovedToHeap)
                return new("too-large-explicit", $"a declared variable larger than 128 KiB (gc's MaxStackVarSize) is always heap allocated. If the function needs only part of `{s}` at a time, work through a buffer of at most 128 KiB, in chunks; otherwise the allocation is needed (allocate it once and reuse it across calls).");
            if (s.StartsWith("make(", StringComparison.Ordinal) || s.StartsWith("new(", StringComparison.Ordinal) || s.StartsWith('&'))
                return new("too-large-implicit", $"new, make and composite literals are stack allocated only up to 64 KiB (gc's MaxImplicitStackVarSize), declared variables up to 128 KiB. If it is at most 128 KiB and does not escape otherwise, declare an array variable (`var buf [N]T`) and use `buf[:]` (or `&buf`) instead of `{s}`.");
            return null;
        }

        // fmt's print functions: the value converted to an interface for their ...any parameter
        if (it.Decision == Decision.EscapesToHeap && steps[0].Dst == "{storage for ... argument}" &&
            notes.Any(n => n.Why == "call parameter" && IsFmtPrint(n.Where)))
            return new("fmt-argument", $"fmt's print functions take ...any and let their arguments escape, so `{s}`, converted to an interface for them, is heap allocated. On a hot path, format it with strconv (AppendInt, AppendFloat, AppendQuote) into a local buffer (`var buf [32]byte`) and write the bytes (os.Stdout.Write, a bufio.Writer) instead.");

        if (heapAlloc && notes.Any(n => n.Why == "call parameter" && IsReflective(n.Where)))
            return new("reflection", $"`{s}` reaches a reflection-based function ({Callee(notes.First(n => n.Why == "call parameter" && IsReflective(n.Where)).Where)}), which takes it as an interface that escapes: gc cannot keep it on the stack. On a hot path, encode or decode this type by hand (direct field access, strconv.Append*) instead of through reflection.");

        // a goroutine: its function and what it captures or is passed outlive the function
        if (it.Decision == Decision.MovedToHeap && steps[0].Ops == "&" && (InGoStatement(steps, sourceLine) || InGoStatement(it.ThenSteps, sourceLine)))
            return new("goroutine", $"a goroutine may outlive this function, so a variable whose address it gets (directly or through its func literal) is heap allocated. If the goroutine need not share `{s}` with this function, pass it a copy (`go f({s})` with a parameter of type T, not *T); the goroutine's own closure is allocated either way.");

        if (it.Decision == Decision.MovedToHeap && capture is { ByRef: true, Addr: false, Width: <= 128 } && notes.Any(n => n.Why == "captured by a closure"))
            return new("closure-by-ref", $"`{s}` is captured by reference because it is assigned after its declaration (gc captures by value only variables that are never reassigned, whose address is not taken, of at most 128 bytes). If the func literal neither assigns `{s}` nor needs to see later assignments to it, copy it just before the func literal (`y := {s}`) and use `y` inside: the copy lives in the closure and `{s}` stays on the stack (the func literal itself is still allocated if it escapes).");

        if (heapAlloc && notes.Any(n => n.Why == "send"))
            return new("channel-send", $"a pointer sent on a channel can reach any goroutine, so what it points to is heap allocated. If the receiver need not share `{s}` with the sender, send the value (a chan T, not chan *T).");

        bool addressFirst = steps[0].Ops == "&";
        bool plainAfter = steps.Skip(1).All(x => x.Ops.Length == 0);
        if (heapAlloc && addressFirst && plainAfter && steps[^1].Notes.Any(n => n.Why == "return") && steps[^1].Dst != "{heap}" &&
            (it.Decision == Decision.MovedToHeap || s.StartsWith('&') || s.StartsWith("new(", StringComparison.Ordinal)))
            return new("returned-address", it.Decision == Decision.MovedToHeap
                ? $"return the value instead of its address (`return {s}` with result type T, not *T): the caller gets a copy in its own frame. Keep the pointer only if callers must share one `{s}`."
                : $"return the value instead of a pointer to it (result type T, not *T): the caller gets a copy in its own frame. Keep the pointer only if callers must share one value.");

        // stores into the heap: a slice's or map's element, or a package variable or a field reached through a pointer
        var last = steps[^1];
        var store = last.Dst == "{heap}" ? last.Notes.LastOrDefault(n => n.Why is "assign" or "key of map put" or "map literal key" or "map literal value") : null;
        if (store != null && plainAfter && (heapAlloc ? addressFirst : it.Decision == Decision.LeakingParam && steps.All(x => x.Ops.Length == 0)))
        {
            string lhs = Lhs(store.Where);
            bool element = store.Why != "assign" || lhs.EndsWith(']');
            string what = heapAlloc ? $"`{s}`" : $"what callers pass as `{s}`";
            if (element)
                return new("element", $"a slice's or map's backing store is heap memory (or may outlive the function), so {what}, stored in it by `{store.Where}`, is heap allocated. If sharing is not needed, store values rather than pointers ([]T or map[K]T instead of []*T or map[K]*T).");
            return new("stored-outside", heapAlloc
                ? $"`{store.Where}` stores the address where it outlives the function (a package-level variable, or memory reached through a pointer), so `{s}` is heap allocated. If that store need not share `{s}`, store a copy of the value (a variable or field of type T, not *T)."
                : $"`{store.Where}` keeps the pointer the caller passed where it outlives the call (a package-level variable, or memory reached through a pointer), so callers' values are heap allocated. If sharing is not needed, store a copy of the pointed-to value (`*{s}`, in a variable or field of type T, not *T).");
        }
        return null;
    }

    /// <summary>Hints for a stack allocation that may still go to the heap at run time (-m does not show it).</summary>
    private static FixHint? ForStackAllocation(string s)
    {
        if (s == "append")
            return new("append-growth", "the slice does not escape, so when append grows an empty slice its first backing store can be on the stack, but only up to 32 bytes (gc's variablemakethreshold); growing past its capacity, append allocates on the heap at run time (-m does not show it). If the slice starts empty (nil, or a make of non-constant size) and its final length has a known bound MAX (at most 64 KiB in all), start it from `make([]T, 0, MAX)`: a constant-capacity make that does not escape is on the stack.");
        if (s.StartsWith("make([]", StringComparison.Ordinal) && s.EndsWith(')') && MakeSizeArg(s) is { } size && !IsIntLiteral(size))
            return new("nonconst-make", $"with a non-constant size (`{size}`), gc (since Go 1.25) keeps the backing store on the stack only when it fits in 32 bytes at run time; larger sizes are allocated on the heap by runtime.makeslice (-m does not show it). If the size has a known bound MAX (at most 64 KiB in all), give the make a constant capacity: `make([]T, {size}, MAX)`.");
        return null;
    }

    /// <summary>The argument that decides a make's size: the capacity if given, else the length ("make([]T, len[, cap])").</summary>
    private static string? MakeSizeArg(string make)
    {
        var args = new List<string>();
        int depth = 0, start = "make(".Length;
        for (int i = start; i < make.Length - 1; i++)
        {
            char c = make[i];
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') depth--;
            else if (c == ',' && depth == 0) { args.Add(make[start..i].Trim()); start = i + 1; }
        }
        args.Add(make[start..^1].Trim());
        return args.Count >= 2 ? args[^1] : null;
    }

    private static bool IsIntLiteral(string s) => s.Length > 0 && s.All(char.IsAsciiDigit);

    private static bool IsFmtPrint(string call)
        => call.StartsWith("fmt.", StringComparison.Ordinal) &&
           (call.StartsWith("fmt.Print", StringComparison.Ordinal) || call.StartsWith("fmt.Sprint", StringComparison.Ordinal) ||
            call.StartsWith("fmt.Fprint", StringComparison.Ordinal) || call.StartsWith("fmt.Errorf", StringComparison.Ordinal) ||
            call.StartsWith("fmt.Append", StringComparison.Ordinal));

    private static readonly string[] ReflectivePrefixes = ["json.", "xml.", "gob.", "reflect.", "(*json.", "(*xml.", "(*gob."];

    private static bool IsReflective(string call)
    {
        foreach (var p in ReflectivePrefixes)
            if (call.StartsWith(p, StringComparison.Ordinal)) return true;
        return false;
    }

    private static string Callee(string call)
    {
        int paren = call.IndexOf('(', call.StartsWith('(') ? call.IndexOf(')') + 1 : 0);
        return paren > 0 ? call[..paren] : call;
    }

    /// <summary>The left side of an assignment note ("z.M = y" → "z.M").</summary>
    private static string Lhs(string assign)
    {
        int eq = assign.IndexOf(" = ", StringComparison.Ordinal);
        if (eq < 0) eq = assign.IndexOf(" := ", StringComparison.Ordinal);
        return eq < 0 ? assign : assign[..eq];
    }

    /// <summary>Whether a step's note is at a `go` statement (the note's column starts `go ` or follows `go `).</summary>
    private static bool InGoStatement(IReadOnlyList<FlowStep> steps, Func<XPos, string?> sourceLine)
    {
        foreach (var st in steps)
            foreach (var n in st.Notes)
            {
                if (!n.Pos.IsKnown || n.Pos.Col < 1 || sourceLine(n.Pos) is not { } line || n.Pos.Col - 1 > line.Length) continue;
                string at = line[(n.Pos.Col - 1)..], before = line[..(n.Pos.Col - 1)].TrimEnd();
                if (at.StartsWith("go ", StringComparison.Ordinal) || before.EndsWith(" go", StringComparison.Ordinal) || before.EndsWith("\tgo", StringComparison.Ordinal) || before == "go")
                    return true;
            }
        return false;
    }
}
