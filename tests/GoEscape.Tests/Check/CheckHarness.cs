using GoEscape.Driver;
using GoEscape.Harness;
using GoEscape.Loader;

namespace GoEscape.Tests.Check;

/// <summary>Shared helpers of the checker tests: locating Go and the repository, running our checker in-process and
/// the go/types dumper (tests/oracle/typesdump) through the go command.</summary>
internal static class CheckHarness
{
    /// <summary>GOROOT of Go 1.27; skips the calling test when Go is absent (<see cref="Oracle.GoRoot"/>).</summary>
    public static string GoRoot() => Oracle.GoRoot();

    public static string RepoRoot([System.Runtime.CompilerServices.CallerFilePath] string here = "")
    {
        // the source file's location (build output may live outside the repository)
        var d = new DirectoryInfo(Path.GetDirectoryName(here)!);
        while (d != null && !File.Exists(Path.Combine(d.FullName, "GoEscape.sln"))) d = d.Parent;
        return d?.FullName ?? throw new InvalidOperationException("repository root (GoEscape.sln) not found above " + here);
    }

    public static string TestData(string name) => Path.Combine(RepoRoot(), "tests", "GoEscape.Tests", "testdata", "check", name);

    /// <summary>Loads and type-checks the patterns in workingDir (continuing after errors, as typesdump does).</summary>
    public static (LoadResult Load, Compilation Comp) Check(string goroot, string workingDir, params string[] patterns)
    {
        var load = PackageLoader.Load(new LoadConfig { GoRoot = goroot, WorkingDir = workingDir }, patterns);
        var comp = Compilation.Run(load, new CompilationOptions { ContinueAfterErrors = true });
        return (load, comp);
    }

    /// <summary>Our dump of the patterns (lines without the "# path" headers).</summary>
    public static List<string> OurDump(string goroot, params string[] patterns)
    {
        var (_, comp) = Check(goroot, Path.Combine(goroot, "src"), patterns);
        foreach (var u in comp.Packages)
            Assert.True(u.InternalError == null, $"{u.ImportPath}: internal error: {u.InternalError}");
        var w = new StringWriter();
        TypesDump.Write(w, comp, null);
        return DumpLines(w.ToString());
    }

    /// <summary>go/types' dump of the patterns, by tests/oracle/typesdump run with GOROOT's go in GOROOT/src.</summary>
    public static List<string> GoDump(string goroot, params string[] patterns)
    {
        var r = GoToolchain.Run(goroot, Path.Combine(goroot, "src"),
            ["run", "-mod=mod", Path.Combine(RepoRoot(), "tests", "oracle", "typesdump", "main.go"), .. patterns]);
        Assert.True(r.ExitCode == 0, "typesdump oracle failed: " + r.Stderr);
        var output = r.Stdout;
        return DumpLines(output);
    }

    public static List<string> DumpLines(string text)
    {
        var res = new List<string>();
        foreach (var l in text.Split('\n'))
            if (l.Length > 0 && !l.StartsWith("# ", StringComparison.Ordinal)) res.Add(l);
        return res;
    }

    /// <summary>Multiset comparison: entries of go printed identically by us, go's entries we miss, and our extra entries.</summary>
    public static (int Common, List<string> Missing, List<string> Extra) Compare(List<string> go, List<string> ours)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var l in ours) counts[l] = counts.GetValueOrDefault(l) + 1;
        int common = 0;
        var missing = new List<string>();
        foreach (var l in go)
        {
            if (counts.TryGetValue(l, out int n) && n > 0) { counts[l] = n - 1; common++; }
            else missing.Add(l);
        }
        var extra = new List<string>();
        foreach (var (l, n) in counts)
            for (int i = 0; i < n; i++) extra.Add(l);
        missing.Sort(StringComparer.Ordinal);
        extra.Sort(StringComparer.Ordinal);
        return (common, missing, extra);
    }

    public static string Sample(List<string> lines, int n = 20) => string.Join("\n", lines.Take(n));
}
