using System.Collections.Concurrent;
using GoEscape.Tests.Cli;
using Xunit.Abstractions;

namespace GoEscape.Tests.CheckErrors;

/// <summary>
/// The type-error corpus: small ill-typed Go files (testdata/typeerrors/NAME.go, one package each) with what gc 1.27
/// prints for `go build` of that file alone next to each (NAME.golden: gc's lines without the
/// "# command-line-arguments" header, "./NAME.go" written "NAME.go"). Each file is copied into a temporary module
/// (go.mod: module p, go 1.27) and checked with `goescape check -C DIR NAME.go`, in-process.
///
/// Acceptance criterion: our first line equals gc's first line (position and text). The stronger figure, all lines
/// equal, is reported too. Cases that do not match yet are listed in known-failing.txt as "NAME.go KIND reason":
/// KIND "first" (the first line differs) or "full" (the first line matches, a later one differs or is missing).
/// A case not listed must match fully; a listed case must still fail in the way listed, so a fix forces the entry
/// to be removed (or "first" lowered to "full"): the list can only shrink.
///
/// UPDATE_GOLDEN=1 regenerates the .golden files with the oracle.
/// </summary>
public sealed class TypeErrorCorpusTests(ITestOutputHelper output)
{
    private static readonly string Dir = CliHarness.TestDataDir("typeerrors");
    private static readonly string KnownFailingPath = Path.Combine(Dir, "known-failing.txt");
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private static readonly ConcurrentDictionary<string, Outcome> Cache = new(StringComparer.Ordinal);

    private sealed record Outcome(string[] Expected, string[] Actual, RunResult Run)
    {
        public bool FirstMatches => Expected.Length > 0 && Actual.Length > 0 && Actual[0] == Expected[0];
        public bool FullMatches => Expected.Length > 0 && Expected.SequenceEqual(Actual);
        public string Diff => $"gc:\n  {string.Join("\n  ", Expected)}\nours (exit {Run.ExitCode}):\n  {string.Join("\n  ", Actual)}";
    }

    private static List<string> CaseNames() =>
        [.. Directory.GetFiles(Dir, "*.go").Select(f => Path.GetFileName(f)).OrderBy(x => x, StringComparer.Ordinal)];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var n in CaseNames()) data.Add(n);
        return data;
    }

    [SkippableFact]
    public void CorpusIsLargeEnough() => Assert.True(CaseNames().Count >= 60, $"only {CaseNames().Count} cases");

    [SkippableFact]
    public void KnownFailingListIsWellFormed()
    {
        foreach (var (name, (kind, reason)) in CliHarness.ReadKnownFailing(KnownFailingPath))
        {
            Assert.True(File.Exists(Path.Combine(Dir, name)), $"known-failing.txt names a missing file {name}");
            Assert.True(kind is "first" or "full", $"{name}: kind must be first or full, not {kind}");
            Assert.False(string.IsNullOrWhiteSpace(reason), $"{name}: no reason given");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void MatchesGc(string name)
    {
        var o = Evaluate(name);
        Assert.False(o.Run.TimedOut, $"{name}: goescape check did not finish within {Limit.TotalSeconds} s");
        Assert.True(o.Run.Crash == null, $"{name}: exception escaped CommandLine.Run: {o.Run.Crash}");
        Assert.False(CliHarness.LooksLikeCrash(o.Run.Output), $"{name}: internal failure in output:\n{o.Run.Output}");
        Assert.NotEmpty(o.Expected);
        Assert.DoesNotContain("go: ", o.Expected[0], StringComparison.Ordinal);

        var known = CliHarness.ReadKnownFailing(KnownFailingPath);
        if (!known.TryGetValue(name, out var entry))
        {
            Assert.True(o.FullMatches, $"{name} differs from gc (fix it, or list it in known-failing.txt):\n{o.Diff}");
            Assert.Equal(1, o.Run.ExitCode);
            return;
        }
        switch (entry.Kind)
        {
            case "first":
                Assert.False(o.FirstMatches,
                    $"{name} is listed as 'first' in known-failing.txt but its first line now matches gc: " +
                    $"remove the entry (or change it to 'full' if later lines still differ).\n{o.Diff}");
                break;
            case "full":
                Assert.True(o.FirstMatches, $"{name} is listed as 'full' but its FIRST line differs from gc now (regression):\n{o.Diff}");
                Assert.False(o.FullMatches, $"{name} is listed in known-failing.txt but now matches gc fully: remove the entry.");
                break;
            default:
                Assert.Fail($"{name}: unknown kind {entry.Kind}");
                break;
        }
    }

    /// <summary>Prints the figures (first-line and full matches) and the mismatches; asserts the list is exact.</summary>
    [SkippableFact]
    public void Figures()
    {
        var names = CaseNames();
        int first = 0, full = 0;
        var known = CliHarness.ReadKnownFailing(KnownFailingPath);
        var firstFail = new List<string>();
        var fullFail = new List<string>();
        foreach (var n in names)
        {
            var o = Evaluate(n);
            if (o.FirstMatches) first++;
            else firstFail.Add(n);
            if (o.FullMatches) full++;
            else if (o.FirstMatches) fullFail.Add(n);
        }
        output.WriteLine($"type-error corpus: first-line matches {first}/{names.Count}, full matches {full}/{names.Count}");
        foreach (var n in firstFail)
        {
            var o = Evaluate(n);
            output.WriteLine($"  first {n}: gc `{o.Expected.FirstOrDefault()}` ours `{o.Actual.FirstOrDefault()}`");
        }
        foreach (var n in fullFail) output.WriteLine($"  full  {n}");
        Assert.Equal(names.Count - full, known.Count);
    }

    private static Outcome Evaluate(string name) => Cache.GetOrAdd(name, static n =>
    {
        var goroot = Oracle.GoRoot(); // goescape check needs Go's sources
        var src = Path.Combine(Dir, n);
        var golden = Path.ChangeExtension(src, ".golden");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
            File.WriteAllText(golden, string.Join("\n", RunOracle(n)) + "\n");
        var expected = File.ReadAllLines(golden);
        var dir = CliHarness.NewTempDir("typeerr");
        try
        {
            CliHarness.WriteGoMod(dir);
            File.Copy(src, Path.Combine(dir, n));
            var run = CliHarness.RunGoEscape(CliHarness.WithGoRoot(["check", "-C", dir, n], goroot), Limit);
            return new Outcome(expected, Normalize(run.Lines(), n, dir), run);
        }
        finally
        {
            CliHarness.TryDelete(dir);
        }
    });

    /// <summary>`go build` of the file alone in a temporary module (the output goes to a file in that module,
    /// not /dev/null: the compiler removes its output file on errors).</summary>
    private static string[] RunOracle(string name)
    {
        var goroot = Oracle.GoRoot();
        var dir = CliHarness.NewTempDir("typeerr-gc");
        try
        {
            CliHarness.WriteGoMod(dir);
            File.Copy(Path.Combine(Dir, name), Path.Combine(dir, name));
            var r = CliHarness.RunGo(goroot, dir, ["build", "-o", Path.Combine(dir, "out.bin"), "./" + name], TimeSpan.FromSeconds(120));
            if (r.TimedOut) throw new InvalidOperationException($"go build {name} timed out");
            var lines = Normalize(r.Lines(), name, dir);
            if (r.ExitCode != 1 || lines.Length == 0 || lines[0].StartsWith("go: ", StringComparison.Ordinal))
                throw new InvalidOperationException($"go build {name}: exit {r.ExitCode}, not a type error:\n{r.Output}");
            return lines;
        }
        finally
        {
            CliHarness.TryDelete(dir);
        }
    }

    /// <summary>Drops the package header, writes "./NAME.go" and "DIR/NAME.go" as "NAME.go".</summary>
    private static string[] Normalize(string[] lines, string name, string dir)
    {
        var res = new List<string>(lines.Length);
        foreach (var l in lines)
        {
            if (l == "# command-line-arguments") continue;
            res.Add(l.Replace(dir + "/", "", StringComparison.Ordinal).Replace("./" + name, name, StringComparison.Ordinal));
        }
        return [.. res];
    }
}
