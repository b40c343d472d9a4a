using GoEscape.Loader;
using Xunit.Abstractions;

namespace GoEscape.Tests.Loader;

/// <summary>
/// Relative patterns from a subdirectory and the patterns that match nothing, against the go command: the packages
/// (go list -e -deps -json) and, as a user sees them, goescape -m -l against go build -gcflags='-m -l' (output with
/// the warnings, and exit status).
/// </summary>
public sealed class PatternWarningTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Cli.CliHarness.NewTempDir("patterns");

    public void Dispose() => Cli.CliHarness.TryDelete(_root);

    private string Module()
    {
        var m = Path.Combine(_root, "m");
        void Write(string rel, string text)
        {
            var f = Path.Combine(m, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(f)!);
            File.WriteAllText(f, text);
        }
        Write("go.mod", "module m\n\ngo 1.22\n");
        Write("a/a.go", "package a\n\nfunc A(p *int) *int { return p }\n");
        Write("a/sub/s.go", "package sub\n\nimport \"m/b\"\n\nfunc S(p *int) *int { return b.B(p) }\n");
        Write("b/b.go", "package b\n\nfunc B(p *int) *int { return p }\n");
        Write("cg/cg.go", "package cg\n\n// #include <stdio.h>\nimport \"C\"\n\nfunc F() {}\n");
        Directory.CreateDirectory(Path.Combine(m, "empty", "x"));
        return m;
    }

    public static TheoryData<string, string> Cases => new()
    {
        { "a/sub", "../..." },
        { "a/sub", "../../b/..." },
        { "a/sub", "../../..." },
        { "a", "./..." },
        { "a", "../b" },
        { ".", "./cg/..." },
        { ".", "./empty/..." },
        { ".", "./nosuch/..." },
        { ".", "./cg" },
        { ".", "example.com/zz/..." },
        { ".", "m/nosuch/..." },
        { "a/sub", "m/..." },
    };

    /// <summary>The cases go list -e reports differently from go build (a pseudo-package for a missing directory, the
    /// error without its "package p:" stack) are compared through go build only.</summary>
    public static TheoryData<string, string> ListCases()
    {
        var d = new TheoryData<string, string>();
        foreach (var c in Cases)
            if ((string)c[1] is not ("./nosuch/..." or "./cg")) d.Add((string)c[0], (string)c[1]);
        return d;
    }

    [SkippableTheory]
    [MemberData(nameof(ListCases))]
    public void PackagesAgreeWithGoList(string sub, string pattern)
    {
        var goroot = Oracle.GoRoot();
        var dir = Path.GetFullPath(Path.Combine(Module(), sub));
        var expected = GoOracle.ListDeps(goroot, dir, "linux", "amd64", "", [pattern]);
        var ours = PackageLoader.Load(new LoadConfig
        {
            GoRoot = goroot, GoOs = "linux", GoArch = "amd64", WorkingDir = dir, Env = new Dictionary<string, string>(),
        }, [pattern]);
        var diffs = GoListAgreementTests.Compare(expected, ours);
        foreach (var d in diffs.Take(20)) output.WriteLine(d);
        Assert.True(diffs.Count == 0, $"{diffs.Count} differences, first: {diffs.FirstOrDefault()}");
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void EscapeReportAgreesWithGoBuild(string sub, string pattern)
    {
        var goroot = Oracle.GoRoot();
        var dir = Path.GetFullPath(Path.Combine(Module(), sub));
        var env = new Dictionary<string, string?> { ["GOFLAGS"] = "-buildvcs=false", ["GOPATH"] = Path.Combine(_root, "gopath"), ["GOMODCACHE"] = Path.Combine(_root, "gomodcache") };
        var go = ModuleCacheCliTests.RunGo(goroot, dir, ["build", "-gcflags=-m -l", pattern], env);
        var ours = ModuleCacheCliTests.RunGoEscape(goroot, dir, ["-m", "-l", pattern], env);
        output.WriteLine("go build:\n" + go.Output + "\ngoescape:\n" + ours.Output);
        // go build prints each package's report when its compile finishes: independent packages in any order
        Assert.Equal(ByPackage(ModuleCacheCliTests.Comparable(go, false)), ByPackage(ModuleCacheCliTests.Comparable(ours, true)));
        Assert.Equal(go.ExitCode, ours.ExitCode);
    }

    /// <summary>The lines before the first "# pkg" header, then the "# pkg" blocks sorted by header.</summary>
    private static List<string> ByPackage(string[] lines)
    {
        var head = new List<string>();
        var blocks = new List<List<string>>();
        foreach (var l in lines)
        {
            if (l.StartsWith("# ", StringComparison.Ordinal)) blocks.Add([l]);
            else if (blocks.Count > 0) blocks[^1].Add(l);
            else head.Add(l);
        }
        blocks.Sort((x, y) => string.CompareOrdinal(x[0], y[0]));
        return [.. head, .. blocks.SelectMany(b => b)];
    }
}
