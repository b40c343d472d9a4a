using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace GoEscape.Harness;

/// <summary>What a sweep item is: a file of gc's test/ suite, a package of $GOROOT/src, or a testdata package or file.</summary>
public enum SweepKind { Test, Src, Testdata }

/// <summary>
/// One input of the sweep, compiled as `go build` sees it: <see cref="Pattern"/> (a file name or a directory "." or an
/// import path) given in <see cref="Dir"/>. <see cref="Name"/> is its path relative to GOROOT (how it is reported),
/// <see cref="Files"/> the Go files its verdict depends on (hashed for gc's verdict cache), <see cref="Action"/> the
/// header of a test/ file ("run", "errorcheck -0 -m", ...).
/// </summary>
public sealed record SweepItem(SweepKind Kind, string Name, string Dir, string Pattern, IReadOnlyList<string> Files, string Action)
{
    /// <summary>A stable hash of the name: the order of --sample.</summary>
    public ulong SampleKey
    {
        get
        {
            var h = SHA256.HashData(Encoding.UTF8.GetBytes(Name));
            return BitConverter.ToUInt64(h, 0);
        }
    }

    /// <summary>Key of gc's verdict: the kind, name and contents of the files (a changed file is judged again).</summary>
    public string VerdictKey()
    {
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        sha.AppendData(Encoding.UTF8.GetBytes($"{Kind}\0{Name}\0{Pattern}\0"));
        foreach (var f in Files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(f) + "\0"));
            try { sha.AppendData(File.ReadAllBytes(f)); } catch (IOException) { }
        }
        return Convert.ToHexString(sha.GetHashAndReset())[..32].ToLowerInvariant();
    }
}

/// <summary>Finds the sweep's inputs under a GOROOT.</summary>
public static class SweepItems
{
    /// <summary>
    /// Every .go file of $GOROOT/test outside *.dir directories (the companions of rundir/compiledir tests), each as
    /// a command-line package. Its test header ("// run", "// errorcheck -0 -m", ...) is kept for the report; build
    /// constraints are judged by the go command (gc's verdict then says "build constraints exclude all Go files").
    /// </summary>
    public static List<SweepItem> TestFiles(string goroot)
    {
        var root = Path.Combine(goroot, "test");
        var items = new List<SweepItem>();
        foreach (var f in Directory.EnumerateFiles(root, "*.go", SearchOption.AllDirectories))
        {
            var rel = Path.GetRelativePath(root, f).Replace('\\', '/');
            if (rel.Split('/').SkipLast(1).Any(d => d.EndsWith(".dir", StringComparison.Ordinal))) continue;
            items.Add(new SweepItem(SweepKind.Test, "test/" + rel, Path.GetDirectoryName(f)!, Path.GetFileName(f), [f], Header(f) ?? ""));
        }
        items.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return items;
    }

    /// <summary>The test recipe: the first line comment of the file that is not a build constraint (test/run.go).</summary>
    public static string? Header(string file)
    {
        foreach (var raw in File.ReadLines(file))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith("//go:build", StringComparison.Ordinal) || line.StartsWith("// +build", StringComparison.Ordinal)) continue;
            if (!line.StartsWith("//", StringComparison.Ordinal)) return null;
            return line[2..].Trim();
        }
        return null;
    }

    /// <summary>The packages of std and cmd that the go command lists for linux/amd64 (ImportPath and Dir).</summary>
    public static List<SweepItem> SrcPackages(string goroot)
    {
        var (rc, output) = Go.Run(goroot, Path.Combine(goroot, "src"), ["list", "-e", "-f", "{{.ImportPath}}\t{{.Dir}}\t{{join .GoFiles \" \"}}", "std", "cmd"]);
        if (rc != 0) throw new InvalidOperationException("go list std cmd failed:\n" + output);
        var items = new List<SweepItem>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var parts = line.Split('\t');
            if (parts.Length < 3) continue;
            var files = parts[2].Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(f => Path.Combine(parts[1], f)).ToList();
            // a package of tests only (cmd/api, cmd/internal/testdir): go build std cmd skips it, as goescape std cmd does
            if (files.Count == 0) continue;
            items.Add(new SweepItem(SweepKind.Src, parts[0], Path.Combine(goroot, "src"), parts[0], files, ""));
        }
        items.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return items;
    }

    private static readonly Regex PackageClause = new(@"^package\s+(\w+)", RegexOptions.Multiline);
    private static readonly Regex MainFunc = new(@"^func\s+main\s*\(", RegexOptions.Multiline);

    /// <summary>
    /// The .go files under $GOROOT/src's testdata trees. types2's test files (internal/types/testdata/{check,
    /// fixedbugs,examples,spec}) are independent: each is one command-line package, and each subdirectory there is
    /// a package. Elsewhere a directory is one package when its files declare one package name and at most one
    /// of them a main function; otherwise (a directory of independent programs) each file is a package of its own.
    /// </summary>
    public static List<SweepItem> TestdataItems(string goroot)
    {
        var src = Path.Combine(goroot, "src");
        var items = new List<SweepItem>();
        var dirs = Directory.EnumerateFiles(src, "*.go", SearchOption.AllDirectories)
            .Where(f => Path.GetRelativePath(src, f).Replace('\\', '/').Split('/').Contains("testdata"))
            .GroupBy(f => Path.GetDirectoryName(f)!);
        foreach (var g in dirs)
        {
            var dir = g.Key;
            var rel = Path.GetRelativePath(goroot, dir).Replace('\\', '/');
            var files = g.OrderBy(f => f, StringComparer.Ordinal).ToList();
            bool independent = files.Count == 1 || Regex.IsMatch(rel, @"^src/internal/types/testdata/(check|fixedbugs|examples|spec)$");
            if (!independent)
            {
                var names = new HashSet<string>();
                int mains = 0;
                foreach (var f in files.Where(f => !f.EndsWith("_test.go", StringComparison.Ordinal)))
                {
                    string text;
                    try { text = File.ReadAllText(f); } catch (IOException) { continue; }
                    if (PackageClause.Match(text) is { Success: true } m) names.Add(m.Groups[1].Value);
                    if (MainFunc.IsMatch(text)) mains++;
                }
                independent = names.Count != 1 || mains > 1;
            }
            if (independent)
                foreach (var f in files)
                    items.Add(new SweepItem(SweepKind.Testdata, rel + "/" + Path.GetFileName(f), dir, Path.GetFileName(f), [f], ""));
            else
                items.Add(new SweepItem(SweepKind.Testdata, rel + "/", dir, ".", files, ""));
        }
        items.Sort((a, b) => string.CompareOrdinal(a.Name, b.Name));
        return items;
    }
}
