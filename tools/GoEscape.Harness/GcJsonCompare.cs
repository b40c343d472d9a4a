namespace GoEscape.Harness;

/// <summary>
/// goescape-harness gcjson [--examples DIR] [--dump DIR] [PATTERNS]: gc's -json=0,DIR optimization log (go build
/// -gcflags='-l -json=0,file://DIR') against GoEscape's (-l -json=0,DIR), file by file. gc's SSA back-end codes
/// (GcJson.SsaCodes: nilcheck, isInBounds, ...) are removed from gc's files first, and a file left with only its header
/// is dropped (GoEscape writes no file without entries, as gc does not). Prints "gcjson: identical N/M files".
/// PATTERNS (default: 26 std packages) are built in GOROOT/src; --examples DIR compares each subdirectory of DIR (the
/// bundled examples, each a main package: one go build each, as they would collide in DIR/main).
/// </summary>
public static class GcJsonCompare
{
    public static readonly string[] DefaultStd =
    [
        "fmt", "bytes", "strings", "strconv", "encoding/json", "net/http", "net/url", "sort", "bufio", "errors", "io", "os",
        "path/filepath", "regexp", "regexp/syntax", "text/template", "time", "unicode/utf8", "encoding/base64",
        "encoding/binary", "compress/flate", "container/list", "math/big", "sync", "context", "crypto/sha256", "html/template",
    ];

    public sealed record Result(int Identical, int Total, List<string> Differing);

    public static int Run(string goroot, List<string> args)
    {
        string? examples = null, dump = null;
        var patterns = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--examples") examples = args[++i];
            else if (args[i] == "--dump") dump = args[++i];
            else patterns.Add(args[i]);
        }
        Result r;
        if (examples != null) r = Examples(goroot, Path.GetFullPath(examples), dump);
        else r = Compare(goroot, Path.Combine(goroot, "src"), patterns.Count > 0 ? patterns : [.. DefaultStd], dump);
        foreach (var d in r.Differing) Console.WriteLine("differs: " + d);
        Console.WriteLine($"gcjson: identical {r.Identical}/{r.Total} files");
        return r.Identical == r.Total ? 0 : 1;
    }

    /// <summary>Each example directory on its own (all are package main); the counts added up.</summary>
    public static Result Examples(string goroot, string dir, string? dump = null)
    {
        int same = 0, total = 0;
        var diff = new List<string>();
        foreach (var d in Directory.GetDirectories(dir).Order(StringComparer.Ordinal))
        {
            if (!File.Exists(Path.Combine(d, "expected.m-l.txt"))) continue;
            var r = Compare(goroot, dir, ["./" + Path.GetFileName(d)], dump == null ? null : Path.Combine(dump, Path.GetFileName(d)));
            same += r.Identical;
            total += r.Total;
            diff.AddRange(r.Differing.Select(x => Path.GetFileName(d) + ": " + x));
        }
        return new Result(same, total, diff);
    }

    /// <summary>One go build and one GoEscape run over the patterns in workDir, then the file-by-file comparison.</summary>
    public static Result Compare(string goroot, string workDir, IReadOnlyList<string> patterns, string? dump = null)
    {
        // a fresh directory name each time: it is part of gc's flags, so the compile is never a cache hit (which would
        // write nothing)
        string root = dump ?? Path.Combine(Path.GetTempPath(), "goescape-gcjson-" + Guid.NewGuid().ToString("N"));
        string gcDir = Path.Combine(root, "gc-" + Guid.NewGuid().ToString("N")[..8]), ourDir = Path.Combine(root, "goescape");
        if (Directory.Exists(ourDir)) Directory.Delete(ourDir, true);
        try
        {
            var gcArgs = new List<string> { "build", "-o", "/dev/null", "-gcflags=-l -json=0,file://" + gcDir };
            gcArgs.AddRange(patterns);
            var run = GoToolchain.Run(goroot, workDir, gcArgs);
            if (run.ExitCode != 0) throw new InvalidOperationException("go build failed: " + run.Stderr);
            var sink = new StringWriter();
            var ourArgs = new List<string> { "-C", workDir, "-l", "-json=0," + ourDir };
            ourArgs.AddRange(patterns);
            int rc = GoEscape.Cli.CommandLine.Run([.. ourArgs], sink, sink);
            if (rc != 0) throw new InvalidOperationException($"goescape exited {rc}: {sink}");
            return CompareTrees(gcDir, ourDir);
        }
        finally
        {
            if (dump == null && Directory.Exists(root)) Directory.Delete(root, true);
        }
    }

    /// <summary>gc's tree (SSA codes removed) vs ours: files by relative path, contents byte for byte.</summary>
    public static Result CompareTrees(string gcDir, string ourDir)
    {
        var gc = ReadTree(gcDir, stripSsa: true);
        var ours = ReadTree(ourDir, stripSsa: false);
        int same = 0;
        var diff = new List<string>();
        var all = gc.Keys.Union(ours.Keys).Order(StringComparer.Ordinal).ToList();
        foreach (var f in all)
        {
            if (gc.TryGetValue(f, out var a) && ours.TryGetValue(f, out var b) && a == b) same++;
            else diff.Add(f + (gc.ContainsKey(f) ? ours.ContainsKey(f) ? "" : " (only gc's)" : " (only ours)"));
        }
        return new Result(same, all.Count, diff);
    }

    private static Dictionary<string, string> ReadTree(string dir, bool stripSsa)
    {
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        if (!Directory.Exists(dir)) return files;
        foreach (var path in Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories))
        {
            string text = File.ReadAllText(path);
            if (stripSsa)
            {
                var lines = text.Split('\n');
                var kept = new List<string>();
                for (int i = 0; i < lines.Length; i++)
                {
                    if (i > 0 && IsSsa(lines[i])) continue;
                    kept.Add(lines[i]);
                }
                text = string.Join('\n', kept);
                if (kept.Count(l => l.Length > 0) <= 1) continue; // the header alone
            }
            files[Path.GetRelativePath(dir, path).Replace('\\', '/')] = text;
        }
        return files;
    }

    private static bool IsSsa(string line)
    {
        foreach (var code in GoEscape.Report.GcJson.SsaCodes)
            if (line.Contains("\"code\":\"" + code + "\"", StringComparison.Ordinal)) return true;
        return false;
    }
}
