using GoEscape.Cli;

namespace GoEscape.Tests.Cli;

/// <summary>
/// gc inlines unless -l is given, and GoEscape does not model inlining yet: -m (or -m=2) without -l must be refused
/// with one line and exit 2, never answered with the -l report. gc's -l is a count: -l=1 is -l, -l=0 and -l=2 and
/// more turn inlining on.
/// </summary>
public sealed class InliningFlagTests
{
    [Theory]
    [InlineData("-m")]
    [InlineData("-m=2")]
    [InlineData("-m", "-m")]
    [InlineData("-m", "-l=0")]
    [InlineData("-m", "-l=2")]
    [InlineData("-m=2", "-l=4")]
    [InlineData("-m", "-N")]
    public void MWithoutLIsRefusedWithOneLine(params string[] flags)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        // the pattern names a directory that does not exist: the flags are refused before anything is loaded
        int rc = CommandLine.Run([.. flags, "./no-such-dir-" + Guid.NewGuid().ToString("N")], stdout, stderr);
        Assert.Equal(2, rc);
        Assert.Equal("", stdout.ToString());
        Assert.Equal(
            "goescape: -m without -l needs the inliner, which is not complete yet; pass -l to analyze with inlining off (as go build -gcflags='-m -l'), or -experimental-inlining for call-site inlining as far as it is built (may differ from gc)\n",
            stderr.ToString().ReplaceLineEndings("\n"));
    }

    [SkippableTheory]
    [InlineData("-m", "-l")]
    [InlineData("-m=2", "-l")]
    [InlineData("-m", "-l=1")]
    [InlineData("-l", "-m")]
    public void MWithLIsAnalyzed(params string[] flags)
    {
        var dir = CliHarness.NewTempDir("mflag");
        try
        {
            CliHarness.WriteGoMod(dir);
            File.WriteAllText(Path.Combine(dir, "p.go"), "package p\n\nfunc F() *int {\n\tx := 1\n\treturn &x\n}\n");
            var stderr = new StringWriter();
            int rc = CommandLine.Run(["-goroot", Oracle.GoRoot(), "-C", dir, .. flags, "."], new StringWriter(), stderr);
            Assert.Equal(0, rc);
            Assert.Contains("./p.go:4:2: moved to heap: x", stderr.ToString(), StringComparison.Ordinal);
        }
        finally { CliHarness.TryDelete(dir); }
    }

    /// <summary>A main package's default.pgo makes go build apply the profile (PGO inlining and devirtualization, even
    /// with -l): GoEscape does not model it and says so in one line before the report, which is the no-profile one.</summary>
    [SkippableFact]
    public void DefaultPgoIsNamedAsNotModelled()
    {
        var dir = CliHarness.NewTempDir("pgo");
        try
        {
            CliHarness.WriteGoMod(dir);
            File.WriteAllText(Path.Combine(dir, "main.go"), "package main\n\nfunc F() *int {\n\tx := 1\n\treturn &x\n}\n\nfunc main() { F() }\n");
            File.WriteAllText(Path.Combine(dir, "default.pgo"), "");
            var stderr = new StringWriter();
            int rc = CommandLine.Run(["-goroot", Oracle.GoRoot(), "-C", dir, "-m", "-l", "."], new StringWriter(), stderr);
            Assert.Equal(0, rc);
            var lines = stderr.ToString().ReplaceLineEndings("\n").Split('\n');
            Assert.Equal("goescape: ./default.pgo: profile-guided optimization is not modelled; this report is gc's without a profile (as go build -pgo=off)", lines[0]);
            Assert.Contains("./main.go:4:2: moved to heap: x", lines);
            // without the profile: no such line
            File.Delete(Path.Combine(dir, "default.pgo"));
            stderr = new StringWriter();
            Assert.Equal(0, CommandLine.Run(["-goroot", Oracle.GoRoot(), "-C", dir, "-m", "-l", "."], new StringWriter(), stderr));
            Assert.DoesNotContain("profile-guided", stderr.ToString(), StringComparison.Ordinal);
        }
        finally { CliHarness.TryDelete(dir); }
    }

    [Fact]
    public void UnknownDebugKeyIsAUsageError()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["-m", "-l", "-d=inlbudgetslack=3", "."], new StringWriter(), stderr));
        Assert.StartsWith("goescape: unknown debug key inlbudgetslack (GoEscape models: ", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void InlFuncsWithClosuresIsAModelledDebugKey()
    {
        // gc's tests pass -d=inlfuncswithclosures=0 (inline_funcs_with_closures tests): parsed, not refused
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["-m", "-l", "-d=inlfuncswithclosures=0", "./no-such-dir-" + Guid.NewGuid().ToString("N")], new StringWriter(), stderr);
        Assert.DoesNotContain("unknown debug key", stderr.ToString(), StringComparison.Ordinal);
        Assert.NotEqual(0, rc); // the directory does not exist
    }

    [Fact]
    public void InvalidLValueIsAUsageError()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["-m", "-l=x", "."], new StringWriter(), stderr));
        Assert.StartsWith("goescape: invalid value \"x\" for flag -l\n", stderr.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
