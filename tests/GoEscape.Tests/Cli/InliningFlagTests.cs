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
            "goescape: -m without -l needs the inliner, which is not built yet; pass -l to analyze with inlining off (as go build -gcflags='-m -l')\n",
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

    [Fact]
    public void InvalidLValueIsAUsageError()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["-m", "-l=x", "."], new StringWriter(), stderr));
        Assert.StartsWith("goescape: invalid value \"x\" for flag -l\n", stderr.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }
}
