using GoEscape.Cli;
using GoEscape.Harness;
using GoEscape.Tests.Cli;

namespace GoEscape.Tests.Inline;

/// <summary>
/// The cost model (GoEscape.Inline: gc 1.27's CanInline): "can inline F with cost N" and "cannot inline F: reason"
/// exactly as gc prints them with -m=2, on a fixture module that exercises each rule of the hairy visitor (calls to
/// inlinable and non-inlinable callees across packages, intrinsics, panics, closures, parameter calls, go, defer,
/// recover, noinline, select receive cases, constant ifs, &amp;s.f at offset 0, superfluous slicing, "a, err := f()",
/// append, type switches, costs past the budget). expected.costs.txt is gc's output, checked in; the second test
/// compares with gc run now.
/// </summary>
public sealed class InlinabilityTests
{
    private static readonly string Fixture = CliHarness.TestDataDir(Path.Combine("inline", "costs"));

    /// <summary>CanInline's lines as the differential harness selects them, with -m=2's " as: BODY" cut off (the
    /// body printer is measured apart).</summary>
    private static List<string> CostLines(string output)
        => [.. Differential.InlinabilityLines([.. output.ReplaceLineEndings("\n").Split('\n')])
            .Where(l => !l.StartsWith("inline body: ", StringComparison.Ordinal))];

    private static List<string> Ours()
    {
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["-goroot", Oracle.GoRoot(), "-C", Fixture, "-m=2", "-inlinability", "./..."], new StringWriter(), stderr);
        Assert.True(rc == 0, stderr.ToString());
        return CostLines(stderr.ToString());
    }

    [SkippableFact]
    public void CostsAreGcsCheckedIn()
    {
        var want = File.ReadAllLines(Path.Combine(Fixture, "expected.costs.txt")).Where(l => l.Length > 0).ToList();
        Assert.Equal(want, Ours());
    }

    [SkippableFact]
    public void CostsAreGcsNow()
    {
        var r = GoToolchain.Run(Oracle.GoRoot(), Fixture, ["build", "-gcflags=-m=2", "./..."]);
        Assert.True(r.ExitCode == 0, r.Output);
        Assert.Equal(CostLines(r.Output), Ours());
    }

    [SkippableFact]
    public void MWithoutInlinabilityIsStillRefused()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["-goroot", Oracle.GoRoot(), "-C", Fixture, "-m", "./..."], new StringWriter(), stderr));
        Assert.StartsWith(CommandLine.MNeedsInliner, stderr.ToString(), StringComparison.Ordinal);
    }

    [SkippableFact]
    public void MinusLMeansNoInlinabilityLines()
    {
        var stderr = new StringWriter();
        Assert.Equal(0, CommandLine.Run(["-goroot", Oracle.GoRoot(), "-C", Fixture, "-m=2", "-l", "-inlinability", "./..."], new StringWriter(), stderr));
        Assert.Empty(CostLines(stderr.ToString()));
    }
}
