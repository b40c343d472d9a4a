using Xunit.Abstractions;

namespace GoEscape.Tests.Cli;

/// <summary>
/// The escape report must not depend on the scheduling: packages are checked, lowered and analyzed in parallel over
/// the import DAG (see Compilation's scheduler), and the output must be byte-identical with one worker and with
/// several. Runs `goescape -m -l` (and -m=2) in-process on std packages with several reported roots and shared
/// dependencies, with -threads 1, 2 and 8.
/// </summary>
public sealed class DeterminismTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("-m", "encoding/...", "container/...", "sort", "strconv", "unicode/...", "bufio", "text/tabwriter")]
    [InlineData("-m=2", "encoding/json", "encoding/xml", "bytes", "strings", "errors")]
    public void SameOutputForAnyThreadCount(string mFlag, params string[] patterns)
    {
        var goroot = Oracle.GoRoot();
        string? first = null;
        foreach (int threads in new[] { 1, 2, 8 })
        {
            string[] args = [mFlag, "-l", "-threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture),
                             "-goroot", goroot, "-C", Path.Combine(goroot, "src"), .. patterns];
            var r = CliHarness.RunGoEscape(args, TimeSpan.FromMinutes(5));
            Assert.Null(r.Crash);
            Assert.False(r.TimedOut, $"-threads {threads} timed out");
            Assert.Equal(0, r.ExitCode);
            output.WriteLine($"-threads {threads}: {r.Lines().Length} lines in {r.Elapsed.TotalSeconds:F1}s");
            Assert.True(r.Lines().Length > 100, "expected a substantial report");
            if (first == null) first = r.Output;
            else Assert.True(first == r.Output, $"output with -threads {threads} differs from -threads 1");
        }
    }
}
