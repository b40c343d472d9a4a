using System.Collections.Concurrent;

namespace GoEscape.Harness;

/// <summary>Whether a compiler accepts an input; <see cref="FirstError"/> is the first error line when it rejects it.</summary>
public enum Verdict { Accept, Reject, NotApplicable }

public sealed record GcVerdict(Verdict Verdict, string FirstError);

/// <summary>
/// gc's verdicts, from `go list -export -e` in the input's directory (it compiles the package as go build does and
/// reports the compiler's errors), cached in a TSV file keyed by <see cref="SweepItem.VerdictKey"/>. A package of
/// $GOROOT/src is accepted by definition (the distribution builds it) unless the go command reports it excluded or
/// broken for linux/amd64.
/// </summary>
public sealed class GcVerdicts(string goroot, string cacheFile)
{
    private readonly ConcurrentDictionary<string, GcVerdict> _cache = Load(cacheFile);
    private readonly object _fileLock = new();

    private static ConcurrentDictionary<string, GcVerdict> Load(string file)
    {
        var d = new ConcurrentDictionary<string, GcVerdict>(StringComparer.Ordinal);
        if (!File.Exists(file)) return d;
        foreach (var line in File.ReadLines(file))
        {
            // key, go list's exit code, its output (escaped), the input's name: judged when read
            var p = line.Split('\t');
            if (p.Length < 3 || !int.TryParse(p[1], out int rc)) continue;
            d[p[0]] = Judge(rc, Unescape(p[2]));
        }
        return d;
    }

    public int Cached => _cache.Count;

    public GcVerdict Get(SweepItem item)
    {
        string key = item.VerdictKey();
        if (_cache.TryGetValue(key, out var v)) return v;
        var (rc, output) = Compute(item);
        if (output.Length > 4096) output = output[..4096];
        v = Judge(rc, output);
        _cache[key] = v;
        lock (_fileLock)
        {
            Directory.CreateDirectory(Path.GetDirectoryName(cacheFile)!);
            File.AppendAllText(cacheFile, $"{key}\t{rc}\t{Escape(output)}\t{item.Name}\n");
        }
        return v;
    }

    private (int, string) Compute(SweepItem item)
    {
        string pattern = item.Kind == SweepKind.Src ? item.Pattern : "./" + (item.Pattern == "." ? "" : item.Pattern);
        var args = item.Kind == SweepKind.Src
            ? new List<string> { "list", "-e", "-f", Template, pattern }
            : ["list", "-export", "-e", "-f", Template, pattern];
        return RunGo(item.Dir, args, Timeout);
    }

    /// <summary>gc's limit per input: gc too can take unbounded time (internal/types/testdata/fixedbugs/issue78346.go).</summary>
    public static readonly TimeSpan Timeout = TimeSpan.FromSeconds(120);

    /// <summary>Exit code of a go command that was stopped at <see cref="Timeout"/>.</summary>
    public const int TimedOut = -2;

    /// <summary><see cref="Go.Run"/>'s command and environment, with a time limit (the process tree is killed).</summary>
    private (int, string) RunGo(string dir, List<string> args, TimeSpan limit)
    {
        var psi = new System.Diagnostics.ProcessStartInfo(Path.Combine(goroot, "bin", "go"))
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["CGO_ENABLED"] = "0";
        psi.Environment["GOTOOLCHAIN"] = "local";
        psi.Environment["GOOS"] = "linux";
        psi.Environment["GOARCH"] = "amd64";
        psi.Environment["GOROOT"] = goroot;
        psi.Environment["GOFLAGS"] = "";
        psi.Environment.Remove("GOPATH");
        using var p = System.Diagnostics.Process.Start(psi)!;
        var output = new System.Text.StringBuilder();
        var lk = new object();
        p.OutputDataReceived += (_, e) => { if (e.Data != null) lock (lk) output.Append(e.Data).Append('\n'); };
        p.ErrorDataReceived += (_, e) => { if (e.Data != null) lock (lk) output.Append(e.Data).Append('\n'); };
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        if (!p.WaitForExit(limit))
        {
            try { p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            p.WaitForExit();
            return (TimedOut, "");
        }
        p.WaitForExit();
        lock (lk) return (p.ExitCode, output.ToString());
    }

    private const string Template = "{{if .Error}}{{.Error}}{{\"\\n\"}}{{end}}{{range .DepsErrors}}{{.}}{{\"\\n\"}}{{end}}";

    /// <summary>gc's verdict from the go command's output: no error text is an accept.</summary>
    public static GcVerdict Judge(int rc, string output)
    {
        // a named file excluded by its constraints: "go: no Go source files" (go list ./x.go)
        if (output.Contains("build constraints exclude all Go files", StringComparison.Ordinal) ||
            output.Contains("go: no Go source files", StringComparison.Ordinal))
            return new GcVerdict(Verdict.NotApplicable, "build constraints exclude all Go files");
        // gc did not finish (stopped at the limit, or killed by a signal without a word): no verdict to compare with
        if (rc == TimedOut || rc > 128 && output.Trim().Length == 0)
            return new GcVerdict(Verdict.NotApplicable, $"gc did not finish in {Timeout.TotalSeconds:F0}s");
        var first = FirstErrorLine(output);
        if (rc == 0 && first == null) return new GcVerdict(Verdict.Accept, "");
        return new GcVerdict(Verdict.Reject, first ?? $"go list exited {rc}");
    }

    /// <summary>
    /// The first error line of a go build-style output: not a "# package" header, a "goescape:" notice, or an
    /// indented continuation; a leading "./" is dropped (go list and goescape may differ there).
    /// </summary>
    public static string? FirstErrorLine(string output)
    {
        var lines = output.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            var line = lines[i].TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#') || line.StartsWith('\t') || line.StartsWith(' ')) continue;
            // a line without a position ("package p" then "\timports q: ..." or "\tx.go:9:2: use of internal package")
            // is read with its indented continuation lines
            if (!Positioned.IsMatch(line))
                for (int j = i + 1; j < lines.Length && lines[j].StartsWith('\t'); j++)
                    line += " " + lines[j].Trim();
            return Normalize(line);
        }
        return null;
    }

    private static readonly System.Text.RegularExpressions.Regex Positioned = new(@"^\S+\.go:\d+(:\d+)?: ");

    public static string Normalize(string line) => line.StartsWith("./", StringComparison.Ordinal) ? line[2..] : line;

    public static string Escape(string s) => s.Replace("\\", "\\\\").Replace("\t", "\\t").Replace("\n", "\\n");

    private static string Unescape(string s)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '\\' && i + 1 < s.Length)
            {
                char c = s[++i];
                sb.Append(c switch { 't' => '\t', 'n' => '\n', _ => c });
            }
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }
}
