using GoEscape.Loader;
using Xunit.Abstractions;

namespace GoEscape.Tests.Loader;

/// <summary>
/// goescape -m -l -test against go test -c -gcflags='-m -l' on one module: a package with in-package and external
/// tests (one external test imports a package that imports the package under test, which the go command recompiles
/// for the test), a package with in-package tests only, one without tests. The generated test main ("# p.test",
/// _testmain.go) and go test's "[no test files]" lines are not compared: GoEscape does not generate the test main.
/// Also the -mod / -modfile flags as the go command parses them.
/// </summary>
public sealed class TestFlagTests(ITestOutputHelper output) : IDisposable
{
    private readonly string _root = Cli.CliHarness.NewTempDir("testflag");

    public void Dispose() => Cli.CliHarness.TryDelete(_root);

    private string Module()
    {
        var m = Path.Combine(_root, "t");
        void Write(string rel, string text)
        {
            var f = Path.Combine(m, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(f)!);
            File.WriteAllText(f, text);
        }
        Write("go.mod", "module example.com/t\n\ngo 1.22\n");
        Write("t.go", "package t\n\nfunc F(x *int) *int { return x }\n");
        Write("t_test.go", "package t\n\nimport \"testing\"\n\nfunc helper(p *int) *int { return p }\n\nfunc TestF(t *testing.T) { x := 1; _ = F(helper(&x)) }\n");
        Write("x_test.go", "package t_test\n\nimport (\n\t\"testing\"\n\t\"example.com/t\"\n)\n\nfunc TestX(tt *testing.T) { y := new(int); _ = t.F(y) }\n");
        Write("w_test.go", "package t_test\n\nimport (\n\t\"testing\"\n\t\"example.com/t/w\"\n)\n\nfunc TestW(tt *testing.T) { y := new(int); _ = w.W(y) }\n");
        Write("w/w.go", "package w\n\nimport \"example.com/t\"\n\nfunc W(p *int) *int { return t.F(p) }\n");
        Write("u/u.go", "package u\n\nimport \"example.com/t\"\n\nfunc G(p *int) *int { return t.F(p) }\n");
        Write("u/u_test.go", "package u\n\nimport \"testing\"\n\nfunc TestG(t *testing.T) { s := []int{1}; _ = s }\n");
        Write("v/v.go", "package v\n\nfunc V(p *int) *int { return p }\n");
        return m;
    }

    private static string[] Comparable(Cli.RunResult r)
    {
        var keep = new List<string>();
        bool skip = false;
        foreach (var l in r.Lines())
        {
            if (l.StartsWith("# ", StringComparison.Ordinal)) skip = l.EndsWith(".test", StringComparison.Ordinal);
            if (skip || l.StartsWith("?   ", StringComparison.Ordinal) || l.StartsWith("ok  ", StringComparison.Ordinal)) continue;
            keep.Add(l);
        }
        return [.. keep];
    }

    [SkippableTheory]
    [InlineData(".")]
    [InlineData("./u")]
    [InlineData("./...")]
    public void AgreesWithGoTestC(string pattern)
    {
        var goroot = Oracle.GoRoot();
        var m = Module();
        var env = new Dictionary<string, string?>();
        var outDir = Path.Combine(_root, "bin") + Path.DirectorySeparatorChar;
        Directory.CreateDirectory(outDir);
        var go = ModuleCacheCliTests.RunGo(goroot, m, ["test", "-c", "-o", outDir, "-gcflags=-m -l", pattern], env);
        var ours = ModuleCacheCliTests.RunGoEscape(goroot, m, ["-m", "-l", "-test", pattern], env);
        output.WriteLine("go test -c:\n" + go.Output + "\ngoescape:\n" + ours.Output);
        Assert.Equal(0, go.ExitCode);
        Assert.Equal(WorkspaceTests.Blocks(Comparable(go)), WorkspaceTests.Blocks(Comparable(ours)));
        Assert.Equal(go.ExitCode, ours.ExitCode);
        Assert.Contains(ours.Lines(), l => l.EndsWith(".test]", StringComparison.Ordinal));
    }

    [SkippableFact]
    public void TestVariantsInTheLoadResult()
    {
        var goroot = Oracle.GoRoot();
        var m = Module();
        var r = PackageLoader.Load(new LoadConfig { GoRoot = goroot, WorkingDir = m, Test = true, Env = new Dictionary<string, string>() }, ["."]);
        Assert.True(r.Success, string.Join("\n", r.AllErrors()));
        Assert.Equal(["example.com/t [example.com/t.test]", "example.com/t_test [example.com/t.test]"], r.Roots.Select(p => p.ImportPath));
        var xtest = r.Roots[1];
        Assert.Equal("example.com/t_test", xtest.CompilerPackagePath);
        Assert.Equal(["w_test.go", "x_test.go"], xtest.GoFiles.Select(Path.GetFileName));
        Assert.Equal("example.com/t [example.com/t.test]", xtest.ImportedPackages["example.com/t"].ImportPath);
        // w imports t: recompiled against the test variant
        Assert.Equal("example.com/t/w [example.com/t.test]", xtest.ImportedPackages["example.com/t/w"].ImportPath);
        Assert.Equal(["t.go", "t_test.go"], r.Roots[0].GoFiles.Select(Path.GetFileName));
        Assert.DoesNotContain(r.Packages, p => p.ImportPath == "example.com/t");
    }

    [Theory]
    [InlineData(new[] { "-mod=bogus", "." }, "-mod=bogus not supported (can be '', 'mod', 'readonly', or 'vendor')")]
    [InlineData(new[] { "-modfile" }, "flag needs an argument: -modfile")]
    public void BadModFlagsAreUsageErrors(string[] args, string message)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        Assert.Equal(2, GoEscape.Cli.CommandLine.Run(["-m", "-l", .. args], stdout, stderr));
        Assert.Contains("goescape: " + message, stderr.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void ModFileIsReadInsteadOfGoMod()
    {
        var goroot = Oracle.GoRoot();
        var m = Module();
        File.WriteAllText(Path.Combine(m, "alt.mod"), "module example.com/alt\n\ngo 1.21\n");
        File.WriteAllText(Path.Combine(m, "go.mod"), "module example.com/t\n\ngo 1.22\n");
        var r = PackageLoader.Load(new LoadConfig { GoRoot = goroot, WorkingDir = Path.Combine(m, "v"), ModFile = "../alt.mod", Env = new Dictionary<string, string>() }, ["."]);
        Assert.Equal("example.com/alt/v", Assert.Single(r.Roots).ImportPath);
        Assert.Equal("go1.21", r.Roots[0].GoVersion);
        var bad = PackageLoader.Load(new LoadConfig { GoRoot = goroot, WorkingDir = m, ModFile = "alt.txt", Env = new Dictionary<string, string>() }, ["."]);
        Assert.Equal(["go: -modfile=alt.txt: file does not have .mod extension"], bad.Errors);
        var ws = PackageLoader.Load(new LoadConfig { GoRoot = goroot, WorkingDir = m, ModFlag = "mod", Env = new Dictionary<string, string>() }, ["."]);
        Assert.True(ws.Success, string.Join("\n", ws.AllErrors()));
    }
}
