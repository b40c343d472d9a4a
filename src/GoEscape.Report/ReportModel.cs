using GoEscape.Escape;
using GoEscape.Inline;
using GoEscape.IR;

namespace GoEscape.Report;

// GoEscape's own report (-format json|sarif): one model, built from escape analysis' structured records
// (EscapeRecord: one per -m decision line, with the explanation -m=2 prints for it) and the inliner's decisions
// (InlineDecision), and two formatters over it (ReportJson, ReportSarif). The schema is docs/report-format.md.

/// <summary>A position: a file relative to a root ("SRCROOT": the main module's directory, or $GOROOT/src for std;
/// "GOROOT": $GOROOT/src for std files seen from a module), or absolute (Root null); gc's 1-based line and byte column.</summary>
public sealed record ReportPos(string File, string? Root, int Line, int Column);

/// <summary>One "from WHERE (WHY)" note of a flow step.</summary>
public sealed record ReportNote(ReportPos? Pos, string Expr, string Why);

/// <summary>
/// One "flow: DST ← OPS SRC" step of the path that forces a decision (-m=2's explanation): where it happens (its last
/// note, the statement), the destination and source locations as -m=2 names them, the operator (&amp; address, ""
/// value, * per dereference), the function of its source, its notes, its reason (the last note's reason word) and a
/// sentence (explain's).
/// </summary>
public sealed record ReportStep(ReportPos? Pos, string Dst, string Ops, string Src, string? Function, string Reason,
    IReadOnlyList<ReportNote> Notes, string Text);

/// <summary>A parameter's leak: to the heap or to a result, with the derefs of the tag.</summary>
public sealed record ReportLeak(string To, string? Result, int Derefs);

/// <summary>
/// One decision: an allocation ("E escapes to heap", "E does not escape"), a variable ("moved to heap: x") or a
/// parameter ("leaking param: p", "leaking param content: p", "leaking param: p to result r level=N", "p does not
/// escape"). <see cref="Message"/> is the -m line without its position.
/// </summary>
/// <param name="Kind">allocation, variable or parameter.</param>
/// <param name="Decision">heap, moved-to-heap, stack, leak, no-leak.</param>
/// <param name="What">What is allocated (new, composite-literal, make, closure, method-value, interface-conversion, conversion, append, string-concat, variable, parameter, other).</param>
/// <param name="Reason">The reason category (<see cref="ReportRules"/>).</param>
/// <param name="Via">When the path ends in a location that escapes itself (a func literal, a ... argument): that location's expression; its own item explains it.</param>
public sealed record ReportItem(ReportPos Pos, string Kind, string Decision, string Expr, string What, string Reason, string Message,
    IReadOnlyList<ReportStep> Flow, string? Via, ReportLeak? Leak, bool Assumed)
{
    /// <summary>Whether this item is a heap allocation or a leak (a SARIF result).</summary>
    public bool IsFinding => Decision is "heap" or "moved-to-heap" or "leak";
}

/// <summary>A parameter's escape tag (gc's Field.Note, Leaks): the derefs of each flow, null for none.</summary>
public sealed record ReportParam(string Name, ReportPos Pos, string Encoded, int? Heap, IReadOnlyList<int?> Results, int? Mutator, int? Callee);

/// <summary>An inlinability decision: can inline with cost, or cannot with the reason.</summary>
public sealed record ReportInlining(ReportPos Pos, bool CanInline, int? Cost, string? Reason);

/// <summary>A call inlined into the function (-m's "inlining call to CALLEE" at the call's position).</summary>
public sealed record ReportInlinedCall(ReportPos Pos, string Callee);

/// <summary>A function (ir.FuncName: "F", "T.M", "(*T).M", "F.func1") with its decisions, parameter tags and inlinability,
/// and (with call-site inlining) the calls inlined into it, by position.</summary>
public sealed record ReportFunction(string Name, ReportPos? Pos, ReportInlining? Inlining, IReadOnlyList<ReportParam> Params, IReadOnlyList<ReportItem> Items,
    IReadOnlyList<ReportInlinedCall>? InlinedCalls = null);

/// <summary>A package: import path (as the -m report's header), module path and directory relative to SRCROOT.</summary>
public sealed record ReportPackage(string ImportPath, string Name, string? Module, string Dir, IReadOnlyList<ReportFunction> Functions);

/// <summary>The flags the report was made with (what decides its content).</summary>
public sealed record ReportFlags(string Inlining, int M, bool SmallFrames, bool Test, IReadOnlyList<string> Tags, string Goos, string Goarch,
    IReadOnlyList<string> Patterns);

/// <summary>GoEscape's report: schema version, tool and modelled gc version, flags, roots, packages.</summary>
/// <param name="Roots">The uriBaseIds used by positions ("SRCROOT", "GOROOT") and their absolute directories (file:// URIs, ending in /).</param>
public sealed record ReportModel(ReportFlags Flags, IReadOnlyList<KeyValuePair<string, string>> Roots, IReadOnlyList<ReportPackage> Packages)
{
    public const int SchemaVersion = 1;
    /// <summary>GoEscape's version as the report states it (bumped with the report format or the analysis).</summary>
    public const string ToolVersion = "0.10.0";
    /// <summary>The gc version whose escape analysis is modelled.</summary>
    public const string GoVersion = "go1.27";
    public const string ToolName = "goescape";
    public const string InformationUri = "https://github.com/goescape/goescape";
}

/// <summary>The reason categories: a SARIF rule each (id, name, short description, help).</summary>
public static class ReportRules
{
    public sealed record Rule(string Id, string Name, string Short, string Help);

    public static readonly IReadOnlyList<Rule> All =
    [
        new("returned-address", "ReturnedAddress", "An address is returned, so the value outlives the function.",
            "The address of a local variable or of a new value flows to a result: the caller may keep it, so gc allocates the value on the heap. Return the value (result type T, not *T) unless callers must share it."),
        new("stored-outside", "StoredOutside", "An address is stored in a package-level variable or through a pointer.",
            "The address is assigned to a package-level variable or to memory reached through a pointer (e.g. a parameter's field), which outlives the function. Store a copy of the value if sharing is not needed."),
        new("element-store", "ElementStore", "An address is stored in a slice's or a map's backing store.",
            "A slice's or map's backing store is heap memory (or may outlive the function): a pointer stored in it makes what it points to escape. Store values ([]T, map[K]T) if sharing is not needed."),
        new("call-argument", "CallArgument", "Passed to a function whose parameter leaks.",
            "The value (or its address) is passed as an argument to a function whose parameter leaks to the heap (its escape tag). The fix, if any, is in the callee: see its leaking-param results."),
        new("interface-conversion", "InterfaceConversion", "A value converted to an interface escapes.",
            "Converting a non-pointer value to an interface allocates a copy when the interface escapes (e.g. passed to fmt's ...any). Avoid the conversion on hot paths (strconv into a buffer instead of fmt)."),
        new("closure-capture", "ClosureCapture", "Captured by a func literal that escapes or outlives it.",
            "A variable captured by reference (it is reassigned or its address taken), or a value captured by a func literal that escapes, lives as long as the closure. Copy it just before the func literal if the closure need not share it."),
        new("goroutine", "GoroutineShared", "Given to a goroutine (a go statement).",
            "A goroutine may outlive the function, so what its function captures or is given by address is heap allocated. Pass a copy (go f(x) with a parameter of type T) if it need not be shared."),
        new("channel-send", "ChannelSend", "An address is sent on a channel.",
            "A pointer sent on a channel can reach any goroutine: what it points to is heap allocated. Send the value (chan T, not chan *T) if the receiver need not share it."),
        new("too-large", "TooLarge", "Too large for the stack.",
            "Declared variables over 128 KiB (64 KiB with -smallframes) and new, make or composite literals over 64 KiB (16 KiB) are always heap allocated. Work in chunks, or use a declared array variable for implicit allocations of up to 128 KiB."),
        new("too-aligned", "TooAligned", "Aligned beyond the stack's alignment.",
            "A value whose alignment exceeds the pointer size cannot be placed on the stack."),
        new("zero-sized-make", "ZeroSizedMake", "make of a slice of zero-sized elements.",
            "gc heap allocates make([]T, n) with zero-sized T (Go issue 65685)."),
        new("nonconst-make", "NonConstantMake", "make with a non-constant size: on the stack only up to 32 bytes at run time.",
            "Since Go 1.25 a make([]T, n) that does not escape uses a 32-byte stack buffer when it fits; larger sizes are heap allocated at run time (-m does not show it). Give it a constant capacity bound: make([]T, n, MAX)."),
        new("append", "AppendBackingStore", "append's backing store escapes.",
            "The slice that append grows escapes, so its new backing store is heap allocated; or a non-escaping append outgrows its 32-byte stack buffer at run time."),
        new("leak-to-heap", "LeakToHeap", "A parameter leaks to the heap.",
            "What callers pass for this parameter (derefs 0) or what it points to (derefs > 0, leaking param content) flows to the heap: callers' arguments escape. Not an allocation by itself."),
        new("leak-to-result", "LeakToResult", "A parameter leaks to a result.",
            "The parameter (or what it points to, level > 0) flows to a result: the argument escapes only if the caller's result does. Not an allocation by itself."),
        new("assumed", "AssumedLeakWithoutBody", "A function without a body: its parameters are assumed to leak.",
            "A function declared without a body (assembly, linkname) is assumed to leak its pointer parameters to the heap, unless marked //go:noescape."),
        new("escapes", "OtherEscape", "Escapes for another reason.",
            "The flow that forces it has no more specific category (see the flow's steps)."),
        new("does-not-escape", "DoesNotEscape", "Stays on the stack (does not escape).",
            "The allocation stays on the stack, or the parameter leaks nowhere."),
    ];

    public static Rule Get(string id)
    {
        foreach (var r in All) if (r.Id == id) return r;
        throw new ArgumentException("no rule " + id, nameof(id));
    }
}

/// <summary>Builds one package's part of the report from its escape records and inlinability decisions.</summary>
public static class ReportBuilder
{
    /// <summary>What the builder needs about one package.</summary>
    /// <param name="MapFile">A display path (XPos.File) to a report path and its root.</param>
    /// <param name="SourceLine">The source line at a position, or null (for go statements).</param>
    public sealed record PackageInput(string ImportPath, string Name, string? Module, string Dir,
        IReadOnlyList<EscapeRecord> Records, IReadOnlyList<InlineDecision>? Inlining,
        Func<string, (string File, string? Root)> MapFile, Func<XPos, string?> SourceLine,
        IReadOnlyList<InlinedCallRecord>? InlinedCalls = null);

    public static ReportPackage Package(PackageInput p)
    {
        ReportPos? Pos(XPos x)
        {
            if (!x.IsKnown) return null;
            var (file, root) = p.MapFile(x.File);
            return new ReportPos(file, root, x.Line, x.Col);
        }
        // a decision at no known position (none is expected: gc's -m prints the line without a position)
        ReportPos At(XPos x) => Pos(x) ?? new ReportPos("<unknown>", null, 0, 0);
        var funcs = new Dictionary<string, (List<(XPos Pos, int Seq, ReportItem Item)> Items, Dictionary<(XPos, string), ReportParam> Params, ReportInlining? Inl, XPos First)>(StringComparer.Ordinal);
        (List<(XPos, int, ReportItem)> Items, Dictionary<(XPos, string), ReportParam> Params, ReportInlining? Inl, XPos First) Fn(string name, XPos pos)
        {
            if (!funcs.TryGetValue(name, out var f)) f = ([], [], null, pos);
            else if (pos.IsKnown && (!f.First.IsKnown || pos.CompareTo(f.First) < 0)) f.First = pos;
            funcs[name] = f;
            return f;
        }

        int seq = 0;
        foreach (var r in p.Records)
        {
            // a decision without a position (range-over-func's "#next") is not in the -m text either: the report has
            // what the -m text has (ReportTests.EveryHeapAndLeakLineHasOneResult)
            if (!r.Pos.IsKnown) continue;
            var steps = r.Flow is { Count: > 0 } ? Explain.Steps(r.Flow) : [];
            var funcsOfSteps = r.Flow is { Count: > 0 } ? StepFuncs(r.Flow) : [];
            var flow = new List<ReportStep>(steps.Count);
            for (int i = 0; i < steps.Count; i++)
            {
                var s = steps[i];
                var notes = s.Notes.Select(n => new ReportNote(Pos(n.Pos), n.Where, n.Why)).ToList();
                // the sentence without its " (POS)." (the step's pos, as a display path, which depends on the current directory)
                string text = s.Sentence;
                string at = s.Notes.Count > 0 && s.Pos.IsKnown ? $" ({s.Pos})." : "";
                if (at.Length > 0 && text.EndsWith(at, StringComparison.Ordinal)) text = text[..^at.Length] + ".";
                flow.Add(new ReportStep(s.Notes.Count > 0 ? Pos(s.Pos) : null, s.Dst, s.Ops, s.Src, i < funcsOfSteps.Count ? funcsOfSteps[i] : null,
                    s.Notes.Count > 0 ? s.Notes[^1].Why : "", notes, text));
            }
            string? via = steps.Count > 0 && steps[^1].Dst.StartsWith("{storage for ", StringComparison.Ordinal) ? steps[^1].Dst["{storage for ".Length..^1] : null;
            var (kind, decision) = r.Kind switch
            {
                EscapeRecordKind.MovedToHeap => ("variable", "moved-to-heap"),
                EscapeRecordKind.EscapesToHeap => ("allocation", "heap"),
                EscapeRecordKind.DoesNotEscape => ("allocation", "stack"),
                EscapeRecordKind.ParamDoesNotEscape => ("parameter", "no-leak"),
                _ => ("parameter", "leak"),
            };
            ReportLeak? leak = r.Kind switch
            {
                EscapeRecordKind.LeakingParam or EscapeRecordKind.LeakingParamContent => new ReportLeak("heap", null, r.Derefs),
                EscapeRecordKind.LeakingParamToResult => new ReportLeak("result", r.Result, r.Derefs),
                _ => null,
            };
            string reason = Classify(r, steps, via, p.SourceLine, p.Records);
            var item = new ReportItem(At(r.Pos), kind, decision, r.Subject, What(r.Op), reason, r.Message, flow, via, leak, r.NoBody);
            var f = Fn(r.Func, r.Pos);
            f.Items.Add((r.Pos, seq++, item));
            if (kind == "parameter" && r.Tag != null && !f.Params.ContainsKey((r.Pos, r.Subject)))
                f.Params[(r.Pos, r.Subject)] = Param(r.Subject, At(r.Pos), r.Tag);
        }
        if (p.Inlining != null)
            foreach (var d in p.Inlining)
            {
                var f = Fn(d.Func, d.Pos);
                f.Inl = new ReportInlining(At(d.Pos), d.CanInline, d.CanInline ? d.Cost : null, d.Reason);
                funcs[d.Func] = f;
            }
        var calls = new Dictionary<string, List<(XPos Pos, int Seq, ReportInlinedCall Call)>>(StringComparer.Ordinal);
        if (p.InlinedCalls != null)
            foreach (var c in p.InlinedCalls)
            {
                if (!c.Pos.IsKnown) continue;
                Fn(c.Caller, c.Pos);
                if (!calls.TryGetValue(c.Caller, out var cl)) calls[c.Caller] = cl = [];
                cl.Add((c.Pos, seq++, new ReportInlinedCall(At(c.Pos), c.Callee)));
            }

        var list = new List<(XPos First, string Name, ReportFunction F)>();
        foreach (var (name, f) in funcs)
        {
            var items = f.Items;
            items.Sort((a, b) => { int c = Compare(a.Pos, b.Pos); return c != 0 ? c : a.Seq.CompareTo(b.Seq); });
            var pars = f.Params.OrderBy(e => e.Key.Item1, Comparer<XPos>.Create(Compare)).ThenBy(e => e.Key.Item2, StringComparer.Ordinal).Select(e => e.Value).ToList();
            var fpos = f.Inl?.Pos;
            List<ReportInlinedCall>? inlined = null;
            if (calls.TryGetValue(name, out var cl))
            {
                cl.Sort((a, b) => { int c = Compare(a.Pos, b.Pos); return c != 0 ? c : a.Seq.CompareTo(b.Seq); });
                inlined = cl.Select(c => c.Call).ToList();
            }
            list.Add((f.First, name, new ReportFunction(name, fpos, f.Inl, pars, items.Select(i => i.Item).ToList(), inlined)));
        }
        list.Sort((a, b) => { int c = Compare(a.First, b.First); return c != 0 ? c : string.CompareOrdinal(a.Name, b.Name); });
        return new ReportPackage(p.ImportPath, p.Name, p.Module, p.Dir, list.Select(x => x.F).ToList());
    }

    /// <summary>Positions by file name, line, column (not by gc's file index: the report is sorted by file).</summary>
    private static int Compare(XPos a, XPos b)
    {
        if (a.IsKnown != b.IsKnown) return a.IsKnown ? 1 : -1;
        int c = string.CompareOrdinal(a.File, b.File);
        if (c != 0) return c;
        if (a.Line != b.Line) return a.Line.CompareTo(b.Line);
        return a.Col.CompareTo(b.Col);
    }

    /// <summary>The function of each "flow:" entry of an explanation, in order.</summary>
    private static List<string?> StepFuncs(IReadOnlyList<LoggedOpt> flow)
    {
        var res = new List<string?>();
        foreach (var e in flow)
            if (e.Target != null && e.Target.StartsWith("   flow: ", StringComparison.Ordinal)) res.Add(e.Func);
        return res;
    }

    private static ReportParam Param(string name, ReportPos pos, string tag)
    {
        var l = Leaks.Parse(tag);
        int? N(int v) => v >= 0 ? v : null;
        var results = new List<int?>();
        for (int i = 0; i < Leaks.NumEscResults; i++) results.Add(N(l.Result(i)));
        while (results.Count > 0 && results[^1] == null) results.RemoveAt(results.Count - 1);
        return new ReportParam(name, pos, EncodeTag(tag), N(l.Heap), results, N(l.Mutator), N(l.Callee));
    }

    /// <summary>The tag as printable text: "" (leaks to the heap), else "esc:" and the bytes in hex.</summary>
    private static string EncodeTag(string tag)
    {
        if (!tag.StartsWith("esc:", StringComparison.Ordinal)) return tag;
        var sb = new System.Text.StringBuilder("esc:");
        for (int i = 4; i < tag.Length; i++) sb.Append(((int)tag[i]).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
        return sb.ToString();
    }

    /// <summary>What an allocation is, from its op.</summary>
    public static string What(Op op) => op switch
    {
        Op.ONAME => "variable",
        Op.ONEW => "new",
        Op.OPTRLIT or Op.OSTRUCTLIT or Op.OSLICELIT or Op.OMAPLIT or Op.OARRAYLIT or Op.OCOMPLIT => "composite-literal",
        Op.OMAKESLICE or Op.OMAKEMAP or Op.OMAKECHAN or Op.OMAKESLICECOPY or Op.OMAKE => "make",
        Op.OCLOSURE => "closure",
        Op.OMETHVALUE => "method-value",
        Op.OCONVIFACE or Op.OMAKEFACE => "interface-conversion",
        Op.OBYTES2STR or Op.OSTR2BYTES or Op.ORUNES2STR or Op.OSTR2RUNES or Op.ORUNESTR or Op.OBYTES2STRTMP or Op.OSTR2BYTESTMP => "conversion",
        Op.OAPPEND => "append",
        Op.OADDSTR => "string-concat",
        _ => "other",
    };

    /// <summary>
    /// The reason category of a decision, from its flow's notes and shape (the first rule that applies): forced heap
    /// allocations (too large, too aligned, zero-sized make), goroutines, channel sends, closure captures, returned
    /// addresses, stores into a slice's or map's backing store, other stores, call arguments, then the op (append,
    /// interface conversion). Leaks: to the heap or to a result (assumed for functions without body).
    /// </summary>
    public static string Classify(EscapeRecord r, IReadOnlyList<FlowStep> steps, string? via, Func<XPos, string?> sourceLine, IReadOnlyList<EscapeRecord> all)
    {
        switch (r.Kind)
        {
            case EscapeRecordKind.ParamDoesNotEscape: return "does-not-escape";
            case EscapeRecordKind.LeakingParamToResult: return "leak-to-result";
            case EscapeRecordKind.LeakingParam or EscapeRecordKind.LeakingParamContent: return r.NoBody ? "assumed" : "leak-to-heap";
            case EscapeRecordKind.DoesNotEscape:
                if (r.Op == Op.OMAKESLICE && r.Subject.StartsWith("make([]", StringComparison.Ordinal) && !ConstantMake(r.Subject)) return "nonconst-make";
                return "does-not-escape";
        }
        var notes = steps.SelectMany(s => s.Notes).ToList();
        foreach (var n in notes)
        {
            if (n.Why == "too large for stack") return "too-large";
            if (n.Why == "too aligned for stack") return "too-aligned";
            if (n.Why == "zero-sized element") return "zero-sized-make";
        }
        if (AtGo(r.Pos, sourceLine) && r.Op == Op.OCLOSURE) return "goroutine";
        if (via == "func literal" && steps.Count > 0)
        {
            // the path ends in a func literal that escapes itself: at a go statement, the goroutine's
            var last = steps[^1].Pos;
            EscapeRecord? lit = null;
            foreach (var o in all)
                if (o.Op == Op.OCLOSURE && o.Kind == EscapeRecordKind.EscapesToHeap && o.Pos.File == last.File && o.Pos.CompareTo(last) <= 0 &&
                    (lit == null || lit.Pos.CompareTo(o.Pos) < 0)) lit = o;
            if (lit != null && AtGo(lit.Pos, sourceLine)) return "goroutine";
            // the go statement's own wrapper (go f(&x)) is not reported: the capture is on the go statement's line
            if (last.IsKnown && sourceLine(last) is { } l && l.TrimStart().StartsWith("go ", StringComparison.Ordinal)) return "goroutine";
        }
        if (notes.Any(n => n.Why == "send")) return "channel-send";
        if (notes.Any(n => n.Why == "captured by a closure")) return "closure-capture";
        if (r.Op is Op.OCONVIFACE or Op.OMAKEFACE) return "interface-conversion";
        if (steps.Count > 0)
        {
            var lastStep = steps[^1];
            if (lastStep.Dst != "{heap}" && !lastStep.Dst.StartsWith('{') && lastStep.Notes.Any(n => n.Why == "return")) return "returned-address";
            if (lastStep.Dst == "{heap}")
            {
                var store = lastStep.Notes.LastOrDefault(n => n.Why is "assign" or "key of map put" or "value of map put" or "map literal key" or "map literal value" or "appendee slice" or "appended slice..." or "copied slice");
                if (store != null)
                {
                    bool element = store.Why != "assign" || Lhs(store.Where).EndsWith(']');
                    return element ? "element-store" : "stored-outside";
                }
            }
        }
        if (notes.Any(n => n.Why == "call parameter")) return "call-argument";
        if (r.Op == Op.OAPPEND) return "append";
        if (notes.Any(n => n.Why == "interface-converted")) return "interface-conversion"; // the op was decided above
        return "escapes";
    }

    private static bool ConstantMake(string make)
    {
        // make([]T, N[, M]) with literal sizes (rewriteWithLiterals has replaced constant sizes by literals)
        int depth = 0, last = -1;
        for (int i = 0; i < make.Length; i++)
        {
            char c = make[i];
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') depth--;
            else if (c == ',' && depth == 1) last = i;
        }
        if (last < 0) return false;
        string size = make[(last + 1)..^1].Trim();
        return size.Length > 0 && size.All(char.IsAsciiDigit);
    }

    private static string Lhs(string assign)
    {
        int eq = assign.IndexOf(" = ", StringComparison.Ordinal);
        if (eq < 0) eq = assign.IndexOf(" := ", StringComparison.Ordinal);
        return eq < 0 ? assign : assign[..eq];
    }

    /// <summary>Whether a position is at a go statement (the source there starts with "go ", or follows "go": go func() {...}()).</summary>
    private static bool AtGo(XPos pos, Func<XPos, string?> sourceLine)
    {
        if (!pos.IsKnown || pos.Col < 1 || sourceLine(pos) is not { } line) return false;
        // gc's column counts UTF-8 bytes; the line is UTF-16 (a string literal with non-ASCII text before the go)
        int at0 = GoText.CharIndexOfByteColumn(line, pos.Col);
        string at = line[at0..], before = line[..at0].TrimEnd();
        return at.StartsWith("go ", StringComparison.Ordinal) || before == "go" || before.EndsWith(" go", StringComparison.Ordinal) || before.EndsWith("\tgo", StringComparison.Ordinal);
    }
}
