using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GoEscape.Harness;

/// <summary>
/// The differential harness: GoEscape's report against gc's (`go build -a -gcflags=FLAGS PATTERN`, cgo off,
/// linux/amd64), both run in $GOROOT/src, compared as multisets of lines; recall and precision per message kind.
/// gc's output is cached under ~/.cache/goescape/oracle because rebuilding std takes minutes.
/// With <c>--module DIR</c>: the packages of the module at DIR (<c>./...</c>, dependencies from the module cache), gc as
/// <c>go build -gcflags=FLAGS ./...</c> in DIR (no -a: the go command replays a cached compile's -m output) and ours as
/// <c>-C DIR FLAGS ./...</c>, both with the caller's GOMODCACHE and GOFLAGS and GOPROXY=off (see docs/real-modules.md).
/// </summary>
public static class Differential
{
    private static readonly (string Kind, Regex Re)[] Kinds =
    [
        // -m=2 explanations first: their "from ..." lines may quote any expression; so may inline bodies.
        ("inline body", new(@"^inline body: ")),
        ("flow explanation", new(@"^\S+:\s{2,}(flow: |from )")),
        ("leak explanation", new(@": parameter .+ leaks to .+ with derefs=-?\d+:$")),
        ("escape explanation", new(@" escapes to heap in .+:$")),
        ("moved to heap", new(@": moved to heap: ")),
        ("leaking param content", new(@": leaking param content: ")),
        ("leaking param to result", new(@": leaking param: .* to result ")),
        ("leaking param", new(@": leaking param: ")),
        ("does not escape", new(@" does not escape$")),
        ("escapes to heap", new(@" escapes to heap")),
        ("ignoring self-assignment", new(@": ignoring self-assignment")),
        ("can inline", new(@": can inline ")),
        ("cannot inline", new(@": cannot inline ")),
        ("inlining call", new(@": inlining call to ")),
    ];

    public static string Kind(string line)
    {
        foreach (var (k, re) in Kinds) if (re.IsMatch(line)) return k;
        return "other";
    }

    public static int Run(string goroot, List<string> args)
    {
        string flags = "-m -l", pattern = "std";
        string? dump = null, module = null;
        bool inline = false, experimental = false;
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--module") module = Path.GetFullPath(args[++i]);
            else if (args[i] == "--inline") inline = true;
            else if (args[i] == "--experimental-inlining") experimental = true;
            else if (args[i] == "--flags") flags = args[++i];
            else if (args[i] == "--dump") dump = args[++i];
            else pattern = args[i];
        }
        if (module != null) pattern = "./...";
        string src = module ?? Path.Combine(goroot, "src");
        var sw = Stopwatch.StartNew();
        var gc = module != null ? ModuleGcOutput(goroot, module, flags) : GcOutput(goroot, flags, pattern);
        var gcTime = sw.Elapsed;
        sw.Restart();
        var ours = new StringWriter();
        var cliArgs = new List<string> { "-C", src };
        cliArgs.AddRange(flags.Split(' ', StringSplitOptions.RemoveEmptyEntries));
        if (inline) cliArgs.Add("-inlinability");
        // the whole -m report with call-site inlining as far as it is built (gc's -m without -l)
        if (experimental) cliArgs.Add("-experimental-inlining");
        cliArgs.Add(pattern);
        int rc = GoEscape.Cli.CommandLine.Run([.. cliArgs], ours, ours);
        var ourTime = sw.Elapsed;
        // An internal error (exit 3) leaves reports out: the figures would look like a fidelity loss, not a crash.
        // Any exit but 0 is a failure of the run, reported as such with the lines that say why.
        if (rc != 0)
        {
            var why = ours.ToString().Split('\n').Where(l => l.StartsWith("goescape:", StringComparison.Ordinal)).Take(20).ToList();
            Console.WriteLine($"differential: goescape exited {rc}" + (rc == 3 ? " (internal error)" : "") + "; no figures");
            foreach (var l in why) Console.WriteLine("    " + l);
            return 1;
        }
        var gcLines = Lines(gc);
        var ourLines = Lines(ours.ToString());
        if (inline)
        {
            // Only the inlinability lines (CanInline's): decision and cost, then (-m=2) the printed body separately.
            gcLines = InlinabilityLines(gcLines);
            ourLines = InlinabilityLines(ourLines);
        }
        Report(gcLines, ourLines, Console.Out);
        if (dump != null) Dump(gcLines, ourLines, dump);
        Console.WriteLine($"time: gc (cached or fresh build) {gcTime.TotalSeconds:F1}s, goescape {ourTime.TotalSeconds:F1}s");
        return 0;
    }

    private static readonly Regex InlinabilityLine = new(@"^\S+: (can inline .+|cannot inline .+: .*)$");

    /// <summary>
    /// CanInline's lines ("can inline F [with cost N as: BODY]", "cannot inline F: REASON"; not the call-site
    /// "cannot inline F into G" lines); a -m=2 line is counted twice, as its decision and cost (" as: ..." cut off)
    /// and as the whole line (kind "inline body"), so that the cost model and the body printer are measured apart.
    /// </summary>
    public static List<string> InlinabilityLines(List<string> lines)
    {
        var res = new List<string>();
        foreach (var l in lines)
        {
            int a = l.IndexOf(" as: ", StringComparison.Ordinal);
            string head = a >= 0 && l.Contains(": can inline ", StringComparison.Ordinal) ? l[..a] : l;
            if (!InlinabilityLine.IsMatch(head) || head.Contains(" into ", StringComparison.Ordinal) && head.Contains(": cannot inline ", StringComparison.Ordinal)) continue;
            res.Add(head);
            if (a >= 0) res.Add("inline body: " + l);
        }
        return res;
    }

    internal static List<string> Lines(string output) =>
        output.Split('\n').Select(l => l.TrimEnd('\r')).Where(l => l.Length > 0 && !l.StartsWith('#')).ToList();

    public static void Report(List<string> gc, List<string> ours, TextWriter w)
    {
        var want = Count(gc);
        var got = Count(ours);
        var kinds = want.Keys.Concat(got.Keys).Select(Kind).Distinct().Order(StringComparer.Ordinal).ToList();
        long totalMatch = 0, totalWant = 0, totalGot = 0;
        w.WriteLine($"{"kind",-26} {"gc",9} {"ours",9} {"matched",9} {"recall",8} {"precision",9}");
        foreach (var k in kinds)
        {
            long nw = want.Where(p => Kind(p.Key) == k).Sum(p => (long)p.Value);
            long ng = got.Where(p => Kind(p.Key) == k).Sum(p => (long)p.Value);
            long nm = want.Where(p => Kind(p.Key) == k).Sum(p => (long)Math.Min(p.Value, got.GetValueOrDefault(p.Key)));
            totalMatch += nm; totalWant += nw; totalGot += ng;
            w.WriteLine($"{k,-26} {nw,9} {ng,9} {nm,9} {Pct(nm, nw),8} {Pct(nm, ng),9}");
        }
        w.WriteLine($"{"all",-26} {totalWant,9} {totalGot,9} {totalMatch,9} {Pct(totalMatch, totalWant),8} {Pct(totalMatch, totalGot),9}");
    }

    /// <summary>Writes missing.txt (gc's lines we lack) and extra.txt (ours gc lacks) into dir, sorted, with multiplicity.</summary>
    internal static void Dump(List<string> gc, List<string> ours, string dir)
    {
        Directory.CreateDirectory(dir);
        var want = Count(gc);
        var got = Count(ours);
        static IEnumerable<string> Diff(Dictionary<string, int> a, Dictionary<string, int> b) =>
            a.SelectMany(p => Enumerable.Repeat(p.Key, Math.Max(0, p.Value - b.GetValueOrDefault(p.Key)))).Order(StringComparer.Ordinal);
        File.WriteAllLines(Path.Combine(dir, "missing.txt"), Diff(want, got));
        File.WriteAllLines(Path.Combine(dir, "extra.txt"), Diff(got, want));
        Console.WriteLine($"differential: wrote {dir}/missing.txt and {dir}/extra.txt");
    }

    internal static string Pct(long a, long b) => b == 0 ? "-" : $"{100.0 * a / b:F2}%";

    internal static Dictionary<string, int> Count(List<string> lines)
    {
        var d = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var l in lines) d[l] = d.GetValueOrDefault(l) + 1;
        return d;
    }

    /// <summary>The environment of the go command in module mode: the one of <see cref="GoToolchain.Apply"/> with the
    /// caller's GOMODCACHE (else go's default, $GOPATH/pkg/mod) and GOFLAGS (as GoEscape reads them), GOPROXY=off.</summary>
    public static Dictionary<string, string?> ModuleEnv()
    {
        var env = new Dictionary<string, string?>(StringComparer.Ordinal) { ["GOPROXY"] = "off" };
        foreach (var k in new[] { "GOMODCACHE", "GOPATH", "GOFLAGS" })
            if (Environment.GetEnvironmentVariable(k) is { Length: > 0 } v) env[k] = v;
        return env;
    }

    /// <summary>gc's report for the packages of the module at dir: <c>go build -gcflags=FLAGS ./...</c> in dir (not
    /// cached here: the go command replays the compiler's output from its build cache when nothing changed).</summary>
    public static (string Output, GoRun Run) ModuleGcRun(string goroot, string dir, string flags)
    {
        var r = GoToolchain.Run(goroot, dir, ["build", "-gcflags=" + flags, "./..."], overrides: ModuleEnv());
        return (r.Output, r);
    }

    private static string ModuleGcOutput(string goroot, string dir, string flags)
    {
        var (output, r) = ModuleGcRun(goroot, dir, flags);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"go build ./... in {dir} failed (exit {r.ExitCode}):\n{output[^Math.Min(output.Length, 4000)..]}");
        return output;
    }

    /// <summary>Where gc's report for the flags and pattern is cached (~/.cache/goescape/oracle/VERSION_PATTERN_FLAGS.txt).</summary>
    public static string CachedOracleFile(string goroot, string flags, string pattern)
    {
        string version = File.ReadLines(Path.Combine(goroot, "VERSION")).First();
        string key = $"{version}_{pattern}_{flags}".Replace('/', '_').Replace(' ', '_').Replace('=', '_');
        string dir = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "goescape", "oracle");
        return Path.Combine(dir, key + ".txt");
    }

    /// <summary>gc's report for the pattern, from the cache when the same Go version made it.</summary>
    private static string GcOutput(string goroot, string flags, string pattern)
    {
        string file = CachedOracleFile(goroot, flags, pattern);
        if (File.Exists(file)) return File.ReadAllText(file);
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        Console.Error.WriteLine($"differential: running go build -a -gcflags='{flags}' {pattern} (minutes; cached afterwards in {file})");
        var r = Go.Run(goroot, Path.Combine(goroot, "src"), ["build", "-a", "-gcflags=" + flags, pattern]);
        if (r.ExitCode != 0)
            throw new InvalidOperationException($"go build failed (exit {r.ExitCode}); gc's output is not cached:\n{r.Output[^Math.Min(r.Output.Length, 4000)..]}");
        File.WriteAllText(file, r.Output);
        return r.Output;
    }
}
