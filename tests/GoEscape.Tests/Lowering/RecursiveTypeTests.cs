namespace GoEscape.Tests.Lowering;

using GoEscape.Tests.Cli;
using Xunit.Abstractions;

/// <summary>
/// gc's test files with invalid recursive types and an instantiation cycle, which once killed the process (the
/// link-name writers recursed without end, Lowerer.WriteLink and Shapes.WriteLink) or grew without bound (nested
/// shaped instantiations). gc rejects every one of them. Each must now end within the limit, without a stack overflow
/// or a stack trace: rejected with gc's first error (exit 1), or, until the checker detects these errors (issue 7),
/// as listed in <see cref="KnownGaps"/>: never a crash or a hang. A listed case that starts agreeing with gc must be
/// removed from the list.
/// </summary>
public sealed class RecursiveTypeTests(ITestOutputHelper output)
{
    /// <summary>gc's verdict for each file: its first error (as errorcheck wants it).</summary>
    public static TheoryData<string, string> Files() => new()
    {
        { "fixedbugs/bug398.go", "invalid recursive type" },
        { "fixedbugs/issue16369.go", "invalid recursive type" },
        { "fixedbugs/issue56103.go", "invalid recursive type" },
        { "typeparam/issue48711.go", "instantiation cycle" },
    };

    /// <summary>What GoEscape does today where it does not agree with gc yet (exit code, and a line it prints).</summary>
    private static readonly Dictionary<string, (int Exit, string? Line)> KnownGaps = new()
    {
        // none: the checker now rejects all four as gc does (invalid recursive types, instantiation cycle)
    };

    [SkippableTheory]
    [MemberData(nameof(Files))]
    public void EndsWithoutCrashing(string file, string gcError)
    {
        var goroot = Oracle.GoRoot();
        Assert.True(CliHarness.GoEscapeProcessAvailable, "goescape.dll (with its runtimeconfig) is not next to the tests");
        var path = Path.Combine(goroot, "test", file);
        var r = CliHarness.RunGoEscapeProcess(["-m", "-l", "-goroot", goroot, path], TimeSpan.FromMinutes(3),
            new Dictionary<string, string?> { ["GOESCAPE_DEBUG"] = null });
        output.WriteLine($"exit {r.ExitCode} in {r.Elapsed.TotalSeconds:F1}s:\n{r.Output}");
        Assert.False(r.TimedOut, $"{file}: no answer within the limit");
        Assert.DoesNotContain("Stack overflow", r.Output, StringComparison.Ordinal);
        Assert.DoesNotContain(r.Lines(), l => l.TrimStart().StartsWith("at ", StringComparison.Ordinal));
        if (KnownGaps.TryGetValue(file, out var gap))
        {
            Assert.True(r.ExitCode != 1 || !r.Output.Contains(gcError, StringComparison.Ordinal),
                $"{file} now agrees with gc: remove it from KnownGaps");
            Assert.Equal(gap.Exit, r.ExitCode);
            if (gap.Line != null) Assert.Contains(r.Lines(), l => l.StartsWith(gap.Line, StringComparison.Ordinal));
            if (gap.Exit == 3) Assert.Single(r.Lines(), l => l.StartsWith("goescape: internal error:", StringComparison.Ordinal));
            return;
        }
        Assert.Equal(1, r.ExitCode);
        Assert.Contains(gcError, r.Output, StringComparison.Ordinal);
    }
}
