using Xunit.Abstractions;

namespace GoEscape.Tests.Cli;

/// <summary>
/// An internal failure is never swallowed: the CLI (as a child process) is run on a small module with a failure
/// injected into the lowering of one function (env GOESCAPE_INJECT_FAILURE, test-only). It must exit 3 with exactly
/// one line naming the package and the function, no stack trace (unless GOESCAPE_DEBUG=1), no report for the failing
/// package nor for the packages that import it, and the reports of the other packages as usual, whatever -threads.
/// </summary>
public sealed class InternalErrorTests(ITestOutputHelper output)
{
    private const string Injected = "InvalidOperationException: failure injected by GOESCAPE_INJECT_FAILURE";

    /// <summary>Module example.com/m: a (leaf), b imports a, c imports neither, d imports b (a's importer's importer).</summary>
    private static string Module()
    {
        var dir = CliHarness.NewTempDir("internal-error");
        CliHarness.WriteGoMod(dir, "example.com/m");
        void Write(string rel, string text)
        {
            var path = Path.Combine(dir, rel);
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, text);
        }
        Write("a/a.go", "package a\n\nfunc F(p *int) *int {\n\treturn p\n}\n\ntype T struct{ x *int }\n\nfunc (t *T) M() *int {\n\treturn t.x\n}\n");
        Write("b/b.go", "package b\n\nimport \"example.com/m/a\"\n\nfunc G(x int) *int {\n\treturn a.F(&x)\n}\n");
        Write("c/c.go", "package c\n\nfunc H() *int {\n\ty := 2\n\treturn &y\n}\n");
        Write("d/d.go", "package d\n\nimport \"example.com/m/b\"\n\nfunc K() *int {\n\tz := b.G(3)\n\tw := *z\n\treturn &w\n}\n");
        return dir;
    }

    private RunResult Run(string dir, string? inject, string threads = "2", bool debug = false)
    {
        var goroot = Oracle.GoRoot();
        Assert.True(CliHarness.GoEscapeProcessAvailable, "goescape.dll (with its runtimeconfig) is not next to the tests");
        var env = new Dictionary<string, string?>
        {
            ["GOESCAPE_INJECT_FAILURE"] = inject,
            ["GOESCAPE_DEBUG"] = debug ? "1" : null,
        };
        var r = CliHarness.RunGoEscapeProcess(["-m", "-l", "-threads", threads, "-goroot", goroot, "-C", dir, "./..."], TimeSpan.FromMinutes(2), env);
        Assert.False(r.TimedOut, "goescape timed out");
        output.WriteLine($"exit {r.ExitCode}:\n{r.Output}");
        return r;
    }

    [SkippableFact]
    public void WithoutInjectionEveryPackageIsReported()
    {
        var dir = Module();
        try
        {
            var r = Run(dir, null);
            Assert.Equal(0, r.ExitCode);
            foreach (var p in new[] { "a", "b", "c", "d" }) Assert.Contains("# example.com/m/" + p, r.Lines());
        }
        finally { CliHarness.TryDelete(dir); }
    }

    [SkippableTheory]
    [InlineData("1")]
    [InlineData("2")]
    [InlineData("8")]
    public void FailureInOneFunctionIsOneLineAndExit3(string threads)
    {
        var dir = Module();
        try
        {
            var r = Run(dir, "example.com/m/a.F", threads);
            Assert.Equal(3, r.ExitCode);
            var lines = r.Lines();
            // the untouched package's report, as without the failure; nothing of a, nor of b and d that depend on a
            Assert.Equal(
            [
                "# example.com/m/c",
                "c/c.go:4:2: moved to heap: y",
                "goescape: internal error: example.com/m/a: F: " + Injected,
            ], lines);
            Assert.DoesNotContain("# example.com/m/a", lines);
            Assert.DoesNotContain("# example.com/m/b", lines);
            Assert.DoesNotContain("# example.com/m/d", lines);
            Assert.Single(lines, l => l.StartsWith("goescape:", StringComparison.Ordinal));
            Assert.DoesNotContain(lines, l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        }
        finally { CliHarness.TryDelete(dir); }
    }

    [SkippableFact]
    public void FailureInAMethodOfTheImporterSparesItsDependency()
    {
        var dir = Module();
        try
        {
            var r = Run(dir, "example.com/m/b.G");
            Assert.Equal(3, r.ExitCode);
            var lines = r.Lines();
            Assert.Contains("# example.com/m/a", lines);
            Assert.Contains("# example.com/m/c", lines);
            Assert.DoesNotContain("# example.com/m/b", lines);
            Assert.DoesNotContain("# example.com/m/d", lines);
            Assert.Equal("goescape: internal error: example.com/m/b: G: " + Injected, lines[^1]);
            Assert.Single(lines, l => l.StartsWith("goescape:", StringComparison.Ordinal));
        }
        finally { CliHarness.TryDelete(dir); }
    }

    [SkippableFact]
    public void FailureInAMethodNamesIt()
    {
        var dir = Module();
        try
        {
            var r = Run(dir, "example.com/m/a.(*T).M");
            Assert.Equal(3, r.ExitCode);
            Assert.Equal("goescape: internal error: example.com/m/a: (*T).M: " + Injected, r.Lines()[^1]);
        }
        finally { CliHarness.TryDelete(dir); }
    }

    [SkippableFact]
    public void DebugShowsTheStackTrace()
    {
        var dir = Module();
        try
        {
            var r = Run(dir, "example.com/m/a.F", debug: true);
            Assert.Equal(3, r.ExitCode);
            Assert.Contains("goescape: internal error: example.com/m/a: F: " + Injected, r.Lines());
            Assert.Contains(r.Lines(), l => l.TrimStart().StartsWith("at GoEscape.IR.Lowering.Lowerer.Lower", StringComparison.Ordinal));
        }
        finally { CliHarness.TryDelete(dir); }
    }
}
