using System.Text;
using GoEscape.Escape;
using GoEscape.IR;

namespace GoEscape.Report;

/// <summary>What escape analysis decided for one allocation, variable or parameter (the -m line's kind).</summary>
public enum Decision
{
    /// <summary>"moved to heap: x": a declared variable lives on the heap.</summary>
    MovedToHeap,
    /// <summary>"E escapes to heap": an implicit allocation (new, make, &amp;T{}, a func literal, an interface conversion, append) is on the heap.</summary>
    EscapesToHeap,
    /// <summary>"E does not escape" / "p does not escape".</summary>
    DoesNotEscape,
    /// <summary>"leaking param: p": what the caller passes for p flows to the heap.</summary>
    LeakingParam,
    /// <summary>"leaking param content: p": what p points to flows to the heap.</summary>
    LeakingParamContent,
    /// <summary>"leaking param: p to result r level=N": p flows to a result (no allocation by itself).</summary>
    LeakingParamToResult,
}

/// <summary>One "     from WHERE (WHY)" line of a -m=2 flow: the IR node, gc's reason word, and the node's position.</summary>
public sealed record FlowNote(XPos Pos, string Where, string Why);

/// <summary>
/// One "   flow: DST ← OPS SRC:" step of a -m=2 explanation (escape's explainFlow), with its notes and the plain
/// sentence that says it. Ops is "&amp;" (the address of Src flows), "" (its value) or "*"... (what it points to).
/// </summary>
public sealed record FlowStep(string Dst, string Ops, string Src, IReadOnlyList<FlowNote> Notes, string Sentence)
{
    /// <summary>Where the step happens, as explain prints it: its last note (the statement), else its first.</summary>
    public XPos Pos => Notes.Count > 0 ? Notes[^1].Pos : default;
}

/// <summary>
/// explain's answer for one thing at the asked position: the -m line (its decision and text), the -m=2 flow that
/// forces it (the first explanation escape analysis printed for it: the path its walk found), the flow of the
/// location that path ends in when that location escapes itself (<see cref="Then"/>), and the fix hint, if any.
/// </summary>
/// <param name="Func">The function -m=2 names in the explanation's header ("u escapes to heap in createUserV2:"), if any.</param>
public sealed record ExplainItem(XPos Pos, Decision Decision, string Subject, string Message, IReadOnlyList<FlowStep> Steps,
    string? Then, IReadOnlyList<FlowStep> ThenSteps, FixHint? Hint, string? Func = null);

/// <summary>
/// `goescape explain`: for each allocation, variable or parameter that escape analysis reports at a position, the
/// decision and the path that forces it, one sentence per step, built from escape analysis' own flow (the
/// explanation entries it logs for -json, the same paths -m=2 prints), so that explain always agrees with -m=2; then
/// a fix hint from <see cref="FixHints"/>. Input: one package's -m=2 messages and optimization log (run with M=2 and
/// LogOpt), the file's display path and the line (and column) asked, and the package's source lines.
/// </summary>
public static class Explain
{
    /// <summary>The items at file:line[:col] (col 0: the whole line), in the -m report's order.</summary>
    public static List<ExplainItem> At(IReadOnlyList<EscapeMessage> messages, IReadOnlyList<LoggedOpt> opts, Func<string, bool> isFile,
        int line, int col, Func<XPos, string?> sourceLine)
    {
        var items = new List<ExplainItem>();
        var captures = Captures(messages);
        var decisions = Decisions(messages);
        foreach (var (pos, decision, subject, message, extra) in decisions)
        {
            if (pos.Line != line || (col != 0 && pos.Col != col) || !isFile(pos.File)) continue;
            var (steps, then, thenSteps) = Flow(decision, subject, pos, extra, opts, decisions);
            var item = new ExplainItem(pos, decision, subject, message, steps, then, thenSteps, null, HeaderFunc(messages, pos, decision, subject));
            captures.TryGetValue((pos, subject), out var capture);
            items.Add(item with { Hint = FixHints.For(item, capture, sourceLine) });
        }
        return items;
    }

    /// <summary>The function of the -m=2 explanation header at pos: "S escapes to heap in F:" or "parameter p leaks to R for F with derefs=N:".</summary>
    private static string? HeaderFunc(IReadOnlyList<EscapeMessage> messages, XPos pos, Decision decision, string subject)
    {
        string prefix = pos + ": ";
        foreach (var m in messages)
        {
            if (m.Pos != pos || !m.Text.StartsWith(prefix, StringComparison.Ordinal) || !m.Text.EndsWith(':')) continue;
            string msg = m.Text[prefix.Length..^1];
            if (decision is Decision.MovedToHeap or Decision.EscapesToHeap)
            {
                string h = (subject == "append" ? "" : subject) + " escapes to heap in ";
                int at = msg.IndexOf(" escapes to heap in ", StringComparison.Ordinal);
                if (at >= 0 && (subject == "append" ? msg.StartsWith("append(", StringComparison.Ordinal) : msg.StartsWith(h, StringComparison.Ordinal)))
                    return msg[(at + " escapes to heap in ".Length)..];
            }
            else if (decision is Decision.LeakingParam or Decision.LeakingParamContent or Decision.LeakingParamToResult &&
                     msg.StartsWith("parameter " + subject + " leaks to ", StringComparison.Ordinal))
            {
                int f = msg.LastIndexOf(" for ", StringComparison.Ordinal), w = msg.LastIndexOf(" with derefs=", StringComparison.Ordinal);
                if (f >= 0 && w > f) return msg[(f + " for ".Length)..w];
            }
        }
        return null;
    }

    /// <summary>The columns of the reported things on a line (for "nothing at this column" errors).</summary>
    public static List<int> Columns(IReadOnlyList<EscapeMessage> messages, Func<string, bool> isFile, int line)
    {
        var cols = new SortedSet<int>();
        foreach (var d in Decisions(messages))
            if (d.Pos.Line == line && isFile(d.Pos.File)) cols.Add(d.Pos.Col);
        return [.. cols];
    }

    /// <summary>The -m decision lines (not the -m=2 flow lines, which end in ':', nor "capturing by" and other notes).</summary>
    private static List<(XPos Pos, Decision Decision, string Subject, string Message, string Extra)> Decisions(IReadOnlyList<EscapeMessage> messages)
    {
        var res = new List<(XPos, Decision, string, string, string)>();
        foreach (var m in messages)
        {
            if (m.IsError || !m.Pos.IsKnown) continue;
            string prefix = m.Pos + ": ";
            if (!m.Text.StartsWith(prefix, StringComparison.Ordinal)) continue; // a -m=2 flow line ("pos:   flow: ...")
            string msg = m.Text[prefix.Length..];
            if (msg.EndsWith(':')) continue; // a -m=2 explanation header ("x escapes to heap in f:")
            if (msg.StartsWith("moved to heap: ", StringComparison.Ordinal))
                res.Add((m.Pos, Decision.MovedToHeap, msg["moved to heap: ".Length..], msg, ""));
            else if (msg.StartsWith("leaking param content: ", StringComparison.Ordinal))
                res.Add((m.Pos, Decision.LeakingParamContent, msg["leaking param content: ".Length..], msg, ""));
            else if (msg.StartsWith("leaking param: ", StringComparison.Ordinal))
            {
                string rest = msg["leaking param: ".Length..];
                int to = rest.IndexOf(" to result ", StringComparison.Ordinal);
                if (to < 0) res.Add((m.Pos, Decision.LeakingParam, rest, msg, ""));
                else
                {
                    // "p to result r level=N": Extra is "r level=N"
                    res.Add((m.Pos, Decision.LeakingParamToResult, rest[..to], msg, rest[(to + " to result ".Length)..]));
                }
            }
            else if (msg.EndsWith(" escapes to heap", StringComparison.Ordinal))
                res.Add((m.Pos, Decision.EscapesToHeap, msg[..^" escapes to heap".Length], msg, ""));
            else if (msg.EndsWith(" does not escape", StringComparison.Ordinal))
                res.Add((m.Pos, Decision.DoesNotEscape, msg[..^" does not escape".Length], msg, ""));
        }
        return res;
    }

    /// <summary>The -m=2 "F capturing by value|ref: x (addr=B assign=B width=N)" lines, by variable.</summary>
    private static Dictionary<(XPos, string), Capture> Captures(IReadOnlyList<EscapeMessage> messages)
    {
        var res = new Dictionary<(XPos, string), Capture>();
        foreach (var m in messages)
        {
            string prefix = m.Pos + ": ";
            if (!m.Pos.IsKnown || !m.Text.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string msg = m.Text[prefix.Length..];
            int at = msg.IndexOf(" capturing by ", StringComparison.Ordinal);
            if (at < 0) continue;
            string rest = msg[(at + " capturing by ".Length)..];
            bool byRef = rest.StartsWith("ref: ", StringComparison.Ordinal);
            if (!byRef && !rest.StartsWith("value: ", StringComparison.Ordinal)) continue;
            rest = rest[(byRef ? "ref: ".Length : "value: ".Length)..];
            int paren = rest.LastIndexOf(" (addr=", StringComparison.Ordinal);
            if (paren < 0) continue;
            string name = rest[..paren];
            string attrs = rest[(paren + 2)..].TrimEnd(')');
            bool addr = attrs.Contains("addr=true", StringComparison.Ordinal);
            bool assign = attrs.Contains("assign=true", StringComparison.Ordinal);
            long width = 0;
            int w = attrs.IndexOf("width=", StringComparison.Ordinal);
            if (w >= 0) long.TryParse(attrs.AsSpan(w + "width=".Length), System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out width);
            res.TryAdd((m.Pos, name), new Capture(byRef, addr, assign, width));
        }
        return res;
    }

    /// <summary>
    /// The explanation escape analysis logged for a decision: for a heap allocation, its first "escape"/"escapes" entry
    /// (the walk that first made it escape); for a leak, the "leak" entry of the root the tag records (the heap, or the
    /// result). Then, when that path ends in a location that escapes itself ({storage for E}), E's own explanation.
    /// </summary>
    private static (List<FlowStep>, string?, List<FlowStep>) Flow(Decision decision, string subject, XPos pos, string extra,
        IReadOnlyList<LoggedOpt> opts, List<(XPos Pos, Decision Decision, string Subject, string Message, string Extra)> decisions)
    {
        LoggedOpt? entry = null;
        switch (decision)
        {
            case Decision.MovedToHeap:
            case Decision.EscapesToHeap:
                entry = EscapeEntry(opts, pos, subject + " escapes to heap");
                // "append escapes to heap": gc's explanation names the call ("append(s, x) escapes to heap")
                if (entry == null && subject == "append")
                    entry = opts.FirstOrDefault(o => o.Pos == pos && o.What is "escape" or "escapes" && o.Explanation is { Count: > 0 } && o.Target != null && o.Target.StartsWith("append(", StringComparison.Ordinal));
                break;
            case Decision.LeakingParam:
            case Decision.LeakingParamContent:
            case Decision.LeakingParamToResult:
                entry = LeakEntry(decision, subject, pos, extra, opts, decisions);
                break;
        }
        if (entry?.Explanation is not { Count: > 0 } ex) return ([], null, []);
        var steps = Steps(ex);
        // the path ends in a location that escapes itself (a func literal, a ... argument slice): follow it once
        if (steps.Count > 0 && steps[^1].Dst.StartsWith("{storage for ", StringComparison.Ordinal))
        {
            string e = steps[^1].Dst["{storage for ".Length..^1];
            var last = steps[^1].Pos;
            LoggedOpt? best = null;
            foreach (var o in opts)
            {
                if (o.What is not ("escape" or "escapes") || o.Target != e + " escapes to heap" || o.Explanation is not { Count: > 0 }) continue;
                if (o.Pos.File != last.File || o.Pos.CompareTo(last) > 0) continue;
                if (best == null || best.Pos.CompareTo(o.Pos) < 0) best = o; // the nearest one before the step
            }
            if (best != null) return (steps, e, Steps(best.Explanation!));
        }
        return (steps, null, []);
    }

    private static LoggedOpt? EscapeEntry(IReadOnlyList<LoggedOpt> opts, XPos pos, string target)
    {
        foreach (var o in opts)
            if (o.Pos == pos && o.What is "escape" or "escapes" && o.Target == target && o.Explanation is { Count: > 0 }) return o;
        return null;
    }

    /// <summary>
    /// The "leak" entry for a leak decision: "parameter p leaks to ROOT with derefs=D". A heap leak is the one to
    /// {heap} (or to an escaping location) with the tag's derefs; a result leak the one to that result.
    /// </summary>
    private static LoggedOpt? LeakEntry(Decision decision, string param, XPos pos, string extra, IReadOnlyList<LoggedOpt> opts,
        List<(XPos Pos, Decision Decision, string Subject, string Message, string Extra)> decisions)
    {
        var leaks = new List<(LoggedOpt Opt, string Root, int Derefs)>();
        string prefix = "parameter " + param + " leaks to ";
        foreach (var o in opts)
        {
            if (o.Pos != pos || o.What != "leak" || o.Target == null || !o.Target.StartsWith(prefix, StringComparison.Ordinal)) continue;
            string rest = o.Target[prefix.Length..];
            int w = rest.LastIndexOf(" with derefs=", StringComparison.Ordinal);
            if (w < 0 || !int.TryParse(rest.AsSpan(w + " with derefs=".Length), System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int d)) continue;
            leaks.Add((o, rest[..w], d));
        }
        if (leaks.Count == 0) return null;
        if (decision == Decision.LeakingParamToResult)
        {
            // extra: "r level=N"
            int sp = extra.LastIndexOf(" level=", StringComparison.Ordinal);
            string res = sp < 0 ? extra : extra[..sp];
            int level = sp < 0 ? 0 : int.Parse(extra.AsSpan(sp + " level=".Length), System.Globalization.CultureInfo.InvariantCulture);
            foreach (var l in leaks) if (l.Root == res && l.Derefs == level) return l.Opt;
            foreach (var l in leaks) if (l.Root == res) return l.Opt;
            return null;
        }
        // the results this parameter is reported to leak to are not its heap leaks
        var results = new HashSet<string>(StringComparer.Ordinal);
        foreach (var d in decisions)
            if (d.Pos == pos && d.Decision == Decision.LeakingParamToResult && d.Subject == param)
                results.Add(d.Extra[..Math.Max(0, d.Extra.LastIndexOf(" level=", StringComparison.Ordinal))]);
        bool content = decision == Decision.LeakingParamContent;
        foreach (var l in leaks) if (l.Root == "{heap}" && (content ? l.Derefs > 0 : l.Derefs == 0)) return l.Opt;
        foreach (var l in leaks) if (!results.Contains(l.Root) && (content ? l.Derefs > 0 : l.Derefs == 0)) return l.Opt;
        foreach (var l in leaks) if (!results.Contains(l.Root)) return l.Opt;
        return null;
    }

    /// <summary>Parses the "escflow" entries of one explanation into steps (a flow line, then its "from" lines).</summary>
    public static List<FlowStep> Steps(IReadOnlyList<LoggedOpt> explanation)
    {
        var raw = new List<(string Dst, string Ops, string Src, List<FlowNote> Notes)>();
        foreach (var e in explanation)
        {
            string t = e.Target ?? "";
            if (t.StartsWith("   flow: ", StringComparison.Ordinal))
            {
                var (dst, ops, src) = ParseFlow(t["   flow: ".Length..].TrimEnd(':'));
                raw.Add((dst, ops, src, []));
            }
            else if (t.StartsWith("     from ", StringComparison.Ordinal) && raw.Count > 0)
            {
                string body = t["     from ".Length..];
                string where = body, why = "";
                if (body.EndsWith(')'))
                {
                    int open = body.LastIndexOf(" (", StringComparison.Ordinal);
                    if (open >= 0) { where = body[..open]; why = body[(open + 2)..^1]; }
                }
                raw[^1].Notes.Add(new FlowNote(e.Pos, where, why));
            }
        }
        var steps = new List<FlowStep>(raw.Count);
        for (int i = 0; i < raw.Count; i++)
        {
            var (dst, ops, src, notes) = raw[i];
            steps.Add(new FlowStep(dst, ops, src, notes, Sentences.Step(dst, ops, src, notes)));
        }
        return steps;
    }

    /// <summary>"DST ← OPSSRC": DST is {heap}, {temp}, a name or "{storage for E}" (braces balanced); OPS is &amp; or *...</summary>
    private static (string Dst, string Ops, string Src) ParseFlow(string s)
    {
        int end;
        if (s.StartsWith('{'))
        {
            int depth = 0;
            end = s.Length;
            for (int i = 0; i < s.Length; i++)
            {
                if (s[i] == '{') depth++;
                else if (s[i] == '}' && --depth == 0) { end = i + 1; break; }
            }
        }
        else end = Math.Max(0, s.IndexOf(" ← ", StringComparison.Ordinal));
        string dst = s[..end];
        string rest = s[end..];
        if (rest.StartsWith(" ← ", StringComparison.Ordinal)) rest = rest[" ← ".Length..];
        int k = 0;
        if (rest.StartsWith('&')) k = 1;
        else while (k < rest.Length && rest[k] == '*') k++;
        return (dst, rest[..k], rest[k..]);
    }
}

/// <summary>A closure capture as -m=2 reports it ("capturing by ref: x (addr=false assign=true width=8)").</summary>
public sealed record Capture(bool ByRef, bool Addr, bool Assign, long Width);

/// <summary>explain's text: the items at a position, each with its decision, its steps and its fix hint.</summary>
public static class ExplainText
{
    public const string WithoutInlining = "analysis without inlining (as -gcflags='-m -l')";
    public const string WithExperimentalInlining = "analysis with call-site inlining as far as it is built (-experimental-inlining: may differ from gc's -m)";

    public static string Render(IReadOnlyList<ExplainItem> items, string header)
    {
        var sb = new StringBuilder();
        sb.Append(header).Append('\n');
        foreach (var it in items)
        {
            sb.Append('\n').Append(it.Pos).Append(": ").Append(it.Message).Append('\n');
            sb.Append("  ").Append(Sentences.Summary(it)).Append('\n');
            int n = 0;
            foreach (var s in it.Steps) sb.Append("  ").Append(++n).Append(". ").Append(s.Sentence).Append('\n');
            if (it.Then != null && it.ThenSteps.Count > 0)
            {
                sb.Append("  and `").Append(it.Then).Append("` escapes itself:\n");
                foreach (var s in it.ThenSteps) sb.Append("  ").Append(++n).Append(". ").Append(s.Sentence).Append('\n');
            }
            if (it.Hint != null) sb.Append("  fix (").Append(it.Hint.Key).Append("): ").Append(it.Hint.Text).Append('\n');
        }
        return sb.ToString();
    }
}
