using System.Text;
using System.Text.RegularExpressions;

namespace GoEscape.Report.Profile;

/// <summary>One frame the profile attributes bytes to (the innermost frame of a sample's leaf location).</summary>
public sealed record ProfileFrame(string Function, string File, long Line, bool Inlined, long[] Values);

/// <summary>
/// The report's allocation decisions on one line of one function (pprof records lines, not columns, so the sites of a
/// line are one site here), with what the profile allocated there. Decision: heap (escapes, moved to heap) or stack.
/// </summary>
public sealed record ProfileSite(string Package, string Function, ReportPos Pos, IReadOnlyList<ReportItem> Items, string Decision,
    long[] Values, IReadOnlyList<ProfileFrame> AllocatedAt);

/// <summary>Samples at a line where the report has no allocation decision (Why: no-decision) or outside the report's
/// functions (outside-report), keyed by the sample's outermost frame.</summary>
public sealed record ProfileUnmatched(string Function, string File, long Line, string Why, long[] Values);

/// <summary>The report's heap decisions ranked by a heap profile (docs/profile.md).</summary>
/// <param name="Present">Which of <see cref="Columns"/> the profile has.</param>
/// <param name="Index">The column ranked by.</param>
public sealed record ProfileRanking(string File, bool[] Present, int Index, long[] Total, IReadOnlyList<ProfileSite> Heap,
    IReadOnlyList<ProfileSite> StackAllocating, IReadOnlyList<ProfileSite> NotSeen, IReadOnlyList<ProfileUnmatched> Unmatched,
    IReadOnlyList<string> Notes)
{
    /// <summary>The heap profile's sample types (runtime/pprof's writeHeapProto), in its order.</summary>
    public static readonly IReadOnlyList<string> Columns = ["alloc_objects", "alloc_space", "inuse_objects", "inuse_space"];

    public static long[] Sum(IEnumerable<long[]> vs)
    {
        var s = new long[4];
        foreach (var v in vs) for (int i = 0; i < 4; i++) s[i] += v[i];
        return s;
    }
}

public static partial class ProfileMatcher
{
    /// <summary>Checks that a profile is a heap profile and returns the column to rank by (sampleIndex, else alloc_space,
    /// else inuse_space).</summary>
    public static int CheckHeap(PprofProfile p, string shown, string? sampleIndex)
    {
        bool heap = false;
        foreach (var t in p.SampleTypes) if (t.Type is "alloc_space" or "inuse_space" && t.Unit == "bytes") heap = true;
        string types = string.Join(", ", p.SampleTypes.Select(t => t.Type + "/" + t.Unit));
        if (!heap)
        {
            bool cpu = p.SampleTypes.Any(t => t.Type == "cpu" || t.Unit == "nanoseconds");
            throw new ProfileException($"profile {shown}: {(cpu ? "a CPU profile" : "not a heap profile")} (sample types {types}); -profile needs a heap profile (go test -memprofile, runtime/pprof.WriteHeapProfile, /debug/pprof/heap or /debug/pprof/allocs)");
        }
        string want = sampleIndex ?? (p.IndexOf("alloc_space") >= 0 ? "alloc_space" : "inuse_space");
        int col = -1;
        for (int i = 0; i < ProfileRanking.Columns.Count; i++) if (ProfileRanking.Columns[i] == want) col = i;
        if (col < 0 || p.IndexOf(want) < 0) throw new ProfileException($"profile {shown}: no sample type {want} (it has {types})");
        return col;
    }

    [GeneratedRegex(@"\[[^\[\]]*\]")]
    private static partial Regex TypeArgs();

    /// <summary>A function's name as the linker spells it, normalized: type arguments as [...], %2e as '.'.</summary>
    public static string Normalize(string name)
    {
        string n = name.Replace("%2e", ".", StringComparison.OrdinalIgnoreCase);
        string prev;
        do { prev = n; n = TypeArgs().Replace(n, m => m.Value == "[...]" ? "\u0001" : "\u0001"); } while (n != prev);
        return n.Replace("\u0001", "[...]", StringComparison.Ordinal);
    }

    /// <summary>The symbol prefix of a report package: "main" for package main (gc's), else the import path without a test suffix.</summary>
    public static string Prefix(ReportPackage p)
    {
        if (p.Name == "main") return "main";
        int sp = p.ImportPath.IndexOf(" [", StringComparison.Ordinal);
        return sp >= 0 ? p.ImportPath[..sp] : p.ImportPath;
    }

    /// <summary>
    /// Matches each sample's leaf location to the report's allocation decisions: a frame (function, file, line) of the
    /// location's lines matches the decisions on that line of that function. A report with call-site inlining has the
    /// sites of inlined bodies at the outermost call (as gc's -m prints them), so the frames are tried outermost first;
    /// a report without (-l) has every site in its own function, so innermost first.
    /// </summary>
    public static ProfileRanking Rank(ReportModel m, PprofProfile p, string shown, int index)
    {
        bool inlinedReport = m.Flags.Inlining == "experimental";
        var roots = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in m.Roots)
            if (Uri.TryCreate(v, UriKind.Absolute, out var u) && u.IsFile) roots[k] = u.LocalPath.EndsWith('/') ? u.LocalPath : u.LocalPath + "/";
        bool FileMatches(string profileFile, ReportPos pos)
        {
            if (profileFile == pos.File) return true;
            if (pos.Root != null && roots.TryGetValue(pos.Root, out var dir) && profileFile == dir + pos.File) return true;
            return pos.Root != null && profileFile.EndsWith("/" + pos.File, StringComparison.Ordinal);
        }
        var cols = new int[4];
        for (int i = 0; i < 4; i++) cols[i] = p.IndexOf(ProfileRanking.Columns[i]);

        // the report's allocation decisions by (function symbol, line)
        var index2 = new Dictionary<(string, long), List<(ReportPackage P, ReportFunction F, ReportItem I)>>();
        var funcs = new HashSet<string>(StringComparer.Ordinal);
        foreach (var pkg in m.Packages)
            foreach (var f in pkg.Functions)
            {
                string sym = Normalize(Prefix(pkg) + "." + f.Name);
                funcs.Add(sym);
                foreach (var it in f.Items)
                {
                    if (it.Kind == "parameter" || it.Pos.Line <= 0) continue;
                    if (!index2.TryGetValue((sym, it.Pos.Line), out var l)) index2[(sym, it.Pos.Line)] = l = [];
                    l.Add((pkg, f, it));
                }
            }

        var sites = new Dictionary<(string Pkg, string Func, string File, string? Root, int Line, string Decision), (List<ReportItem> Items, long[] Values, Dictionary<(string, string, long, bool), long[]> Frames)>();
        var unmatched = new Dictionary<(string, string, long, string), long[]>();
        var total = new long[4];
        bool anyInlined = false, inlinedInReport = false;
        foreach (var s in p.Samples)
        {
            var v = new long[4];
            bool nonzero = false;
            for (int i = 0; i < 4; i++) { v[i] = cols[i] >= 0 ? s.Values[cols[i]] : 0; nonzero |= v[i] != 0; }
            if (!nonzero) continue;
            for (int i = 0; i < 4; i++) total[i] += v[i];
            var lines = s.Stack.Count > 0 ? s.Stack[0].Lines : [];
            if (lines.Count == 0 || lines.Any(l => l.Function == null))
            {
                Add(unmatched, ("(unsymbolized)", "", 0, "outside-report"), v);
                continue;
            }
            if (lines.Count > 1) anyInlined = true;
            bool found = false;
            for (int j = 0; j < lines.Count && !found; j++)
            {
                var fr = lines[inlinedReport ? lines.Count - 1 - j : j];
                if (!index2.TryGetValue((Normalize(fr.Function!.Name), fr.Line), out var cands)) continue;
                var ok = cands.Where(c => FileMatches(fr.Function.File, c.I.Pos)).ToList();
                if (ok.Count == 0) continue;
                var heap = ok.Where(c => c.I.Decision is "heap" or "moved-to-heap").ToList();
                var chosen = heap.Count > 0 ? heap : ok;
                var first = chosen[0];
                var key = (first.P.ImportPath, first.F.Name, first.I.Pos.File, first.I.Pos.Root, first.I.Pos.Line, heap.Count > 0 ? "heap" : "stack");
                if (!sites.TryGetValue(key, out var site)) sites[key] = site = ([], new long[4], []);
                foreach (var c in chosen) if (!site.Items.Contains(c.I)) site.Items.Add(c.I);
                for (int i = 0; i < 4; i++) site.Values[i] += v[i];
                var inner = lines[0];
                Add(site.Frames, (inner.Function!.Name, inner.Function.File, inner.Line, lines.Count > 1), v);
                if (lines.Count > 1 && !inlinedReport) inlinedInReport = true;
                found = true;
            }
            if (!found)
            {
                var outer = lines[^1];
                bool known = lines.Any(l => funcs.Contains(Normalize(l.Function!.Name)));
                Add(unmatched, (outer.Function!.Name, outer.Function.File, outer.Line, known ? "no-decision" : "outside-report"), v);
            }
        }

        ProfileSite Site(KeyValuePair<(string Pkg, string Func, string File, string? Root, int Line, string Decision), (List<ReportItem> Items, long[] Values, Dictionary<(string, string, long, bool), long[]> Frames)> e)
        {
            var items = e.Value.Items.OrderBy(i => i.Pos.Column).ToList();
            var frames = e.Value.Frames.Select(f => new ProfileFrame(f.Key.Item1, f.Key.Item2, f.Key.Item3, f.Key.Item4, f.Value))
                .OrderByDescending(f => f.Values[index]).ThenBy(f => f.Function, StringComparer.Ordinal).ThenBy(f => f.File, StringComparer.Ordinal).ThenBy(f => f.Line).ToList();
            return new ProfileSite(e.Key.Pkg, e.Key.Func, items[0].Pos, items, e.Key.Decision, e.Value.Values, frames);
        }
        IEnumerable<ProfileSite> Ranked(IEnumerable<ProfileSite> ss) => ss
            .OrderByDescending(s => s.Values[index]).ThenByDescending(s => s.Values[1]).ThenByDescending(s => s.Values[0])
            .ThenBy(s => s.Pos.File, StringComparer.Ordinal).ThenBy(s => s.Pos.Line).ThenBy(s => s.Function, StringComparer.Ordinal);
        var all = sites.Select(Site).ToList();
        var heapSites = Ranked(all.Where(s => s.Decision == "heap")).ToList();
        var stackSites = Ranked(all.Where(s => s.Decision == "stack")).ToList();

        // heap decisions with no sample
        var seen = new HashSet<ReportItem>(ReferenceEqualityComparer.Instance);
        foreach (var s in heapSites) foreach (var i in s.Items) seen.Add(i);
        var notSeen = new List<ProfileSite>();
        foreach (var pkg in m.Packages)
            foreach (var f in pkg.Functions)
                foreach (var g in f.Items.Where(i => i.Decision is "heap" or "moved-to-heap" && !seen.Contains(i)).GroupBy(i => (i.Pos.File, i.Pos.Root, i.Pos.Line)))
                {
                    var items = g.OrderBy(i => i.Pos.Column).ToList();
                    notSeen.Add(new ProfileSite(pkg.ImportPath, f.Name, items[0].Pos, items, "heap", new long[4], []));
                }
        notSeen = notSeen.OrderBy(s => s.Pos.Root ?? "", StringComparer.Ordinal).ThenBy(s => s.Pos.File, StringComparer.Ordinal).ThenBy(s => s.Pos.Line)
            .ThenBy(s => s.Pos.Column).ThenBy(s => s.Function, StringComparer.Ordinal).ToList();

        var un = unmatched.Select(e => new ProfileUnmatched(e.Key.Item1, e.Key.Item2, e.Key.Item3, e.Key.Item4, e.Value))
            .OrderByDescending(u => u.Values[index]).ThenBy(u => u.Function, StringComparer.Ordinal).ThenBy(u => u.File, StringComparer.Ordinal).ThenBy(u => u.Line).ToList();
        var notes = new List<string>();
        if (inlinedInReport)
            notes.Add("the profile's binary was built with inlining and this report without (-l): samples inside inlined calls are matched to the callee's own site");
        if (inlinedReport && !anyInlined)
            notes.Add("the profile has no inlined frames (built with -gcflags=-l?) and this report has call-site inlining: sites in inlined copies cannot be seen");
        var present = cols.Select(c => c >= 0).ToArray();
        return new ProfileRanking(shown, present, index, total, heapSites, stackSites, notSeen, un, notes);
    }

    private static void Add<TKey>(Dictionary<TKey, long[]> d, TKey k, long[] v) where TKey : notnull
    {
        if (!d.TryGetValue(k, out var s)) d[k] = s = new long[4];
        for (int i = 0; i < 4; i++) s[i] += v[i];
    }

    /// <summary>Bytes as pprof prints them (B, kB, MB, GB with 1024 steps, two decimals trimmed).</summary>
    public static string Bytes(long b)
    {
        string[] units = ["B", "kB", "MB", "GB", "TB"];
        double v = b;
        int u = 0;
        while (Math.Abs(v) >= 1024 && u < units.Length - 1) { v /= 1024; u++; }
        string s = u == 0 ? b.ToString(System.Globalization.CultureInfo.InvariantCulture) : v.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture);
        return s + units[u];
    }

    /// <summary>A position as the text and HTML show it: $GOROOT/src/ for GOROOT, else relative to SRCROOT.</summary>
    public static string Where(ReportPos p) => $"{(p.Root == "GOROOT" ? "$GOROOT/src/" : "")}{p.File}:{p.Line}:{p.Column}";

    /// <summary>-format text with -profile: the ranking as a table (docs/profile.md).</summary>
    public static string RenderText(ProfileRanking r)
    {
        var sb = new StringBuilder();
        string col = ProfileRanking.Columns[r.Index];
        long heapTotal = ProfileRanking.Sum(r.Heap.Select(s => s.Values))[r.Index];
        string Pct(long v) => r.Total[r.Index] == 0 ? "0%" : (100.0 * v / r.Total[r.Index]).ToString("0.0", System.Globalization.CultureInfo.InvariantCulture) + "%";
        sb.Append($"profile {r.File}: ranked by {col}; {Fmt(heapTotal, r.Index)} of {Fmt(r.Total[r.Index], r.Index)} ({Pct(heapTotal)}) at {r.Heap.Count} heap site(s) of the report\n");
        foreach (var n in r.Notes) sb.Append("note: ").Append(n).Append('\n');
        string Row(long[] v) => $"{Bytes(v[1]),10} {v[0],10} {Bytes(v[3]),10} {v[2],10}";
        sb.Append($"\n{"alloc_space",10} {"alloc_obj",10} {"inuse",10} {"inuse_obj",10}  site\n");
        foreach (var s in r.Heap) Site(s);
        void Site(ProfileSite s)
        {
            sb.Append(Row(s.Values)).Append("  ").Append(Where(s.Pos)).Append("  ").Append(s.Function).Append(": ").Append(string.Join("; ", s.Items.Select(i => i.Message))).Append('\n');
            foreach (var f in s.AllocatedAt)
                if (f.Inlined || f.Line != s.Pos.Line) sb.Append($"{"",44}  allocated in {f.Function} {f.File}:{f.Line}{(f.Inlined ? " (inline)" : "")}: {Bytes(f.Values[1])}\n");
        }
        if (r.StackAllocating.Count > 0)
        {
            sb.Append("\nallocating in the profile, but the report says stack:\n");
            foreach (var s in r.StackAllocating)
            {
                Site(s);
                var reasons = s.Items.Select(i => i.Reason).Where(x => x is "nonconst-make" or "append").Distinct().ToList();
                if (reasons.Count > 0) sb.Append($"{"",44}  expected at run time: {string.Join("; ", reasons.Select(x => ReportRules.Get(x).Short))}\n");
            }
        }
        var noDecision = r.Unmatched.Where(u => u.Why == "no-decision").ToList();
        if (noDecision.Count > 0)
        {
            sb.Append("\nallocating at lines of the report's functions with no allocation decision (runtime-internal: map growth, callees' allocations):\n");
            foreach (var u in noDecision) sb.Append(Row(u.Values)).Append($"  {u.File}:{u.Line}  {u.Function}\n");
        }
        var outside = r.Unmatched.Where(u => u.Why == "outside-report").ToList();
        if (outside.Count > 0)
        {
            var sum = ProfileRanking.Sum(outside.Select(u => u.Values));
            sb.Append($"\noutside the report: {Fmt(sum[r.Index], r.Index)} ({Pct(sum[r.Index])}) in {outside.Count} location(s); top: ");
            sb.Append(string.Join(", ", outside.Take(3).Select(u => $"{u.Function} ({Fmt(u.Values[r.Index], r.Index)})"))).Append('\n');
        }
        if (r.NotSeen.Count > 0)
        {
            sb.Append("\nheap sites not seen in profile:\n");
            foreach (var s in r.NotSeen) sb.Append($"  {Where(s.Pos)}  {s.Function}: {string.Join("; ", s.Items.Select(i => i.Message))}\n");
        }
        return sb.ToString();
    }

    private static string Fmt(long v, int index) => index % 2 == 1 ? Bytes(v) : v.ToString(System.Globalization.CultureInfo.InvariantCulture) + " objects";
}
