using GoEscape.Cli;

namespace GoEscape.Tests.Lowering;

/// <summary>
/// Small packages (testdata/lowering/golden/NAME: go.mod, a.go) through the whole pipeline, compared line by line with
/// gc 1.27's output checked in next to them (expected.m-l.txt = `go build -gcflags='-m -l'`, expected.m2-l.txt =
/// `-m=2 -l`, without the "# pkg" header): regressions for lowering constructs found by the std differential.
/// </summary>
public sealed class GcGoldenTests
{
    private static string Dir() => Path.Combine(PipelineExampleTests.RepoRoot(), "tests", "GoEscape.Tests", "testdata", "lowering", "golden");

    public static IEnumerable<object[]> Cases()
    {
        foreach (var dir in Directory.GetDirectories(Dir()).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (File.Exists(Path.Combine(dir, "expected.m-l.txt"))) yield return [name, "-m -l"];
            if (File.Exists(Path.Combine(dir, "expected.m2-l.txt"))) yield return [name, "-m=2 -l"];
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void MatchesGc(string name, string flags)
    {
        var goroot = Oracle.GoRoot(); // goescape needs Go's sources
        var dir = Path.Combine(Dir(), name);
        var suffix = flags == "-m -l" ? "m-l" : "m2-l";
        var want = File.ReadAllText(Path.Combine(dir, $"expected.{suffix}.txt")).TrimEnd('\n');
        var output = new StringWriter();
        var args = new List<string> { "-goroot", goroot, "-C", dir };
        args.AddRange(flags.Split(' '));
        args.Add(".");
        int rc = CommandLine.Run([.. args], output, output);
        Assert.Equal(0, rc);
        var got = string.Join("\n", output.ToString().ReplaceLineEndings("\n").TrimEnd('\n').Split('\n').Where(l => !l.StartsWith('#')));
        Assert.Equal(want, got);
    }
}
