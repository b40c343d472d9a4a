using GoEscape.Cli;

namespace GoEscape.Tests.Lowering;

/// <summary>
/// The -m diagnostics of gc's passes around escape analysis (devirtualization before it, walk's "index bounds check
/// elided" after it): small packages under testdata/walk/NAME (a.go.txt, go.mod.txt) through the CLI, compared with
/// gc 1.27's `go build -gcflags='-m -l'` output (expected.m-l.txt), line for line and in order.
/// </summary>
public sealed class WalkPassTests
{
    public static IEnumerable<object[]> Cases()
    {
        var root = Path.Combine(PipelineExampleTests.RepoRoot(), "tests", "GoEscape.Tests", "testdata", "walk");
        foreach (var dir in Directory.GetDirectories(root).Order(StringComparer.Ordinal))
            yield return [Path.GetFileName(dir)];
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void MatchesGc(string name)
    {
        var goroot = PipelineExampleTests.GoRoot();
        var src = Path.Combine(PipelineExampleTests.RepoRoot(), "tests", "GoEscape.Tests", "testdata", "walk", name);
        var tmp = Directory.CreateTempSubdirectory("goescape-walk-");
        try
        {
            foreach (var f in Directory.GetFiles(src, "*.txt"))
            {
                var fn = Path.GetFileName(f);
                if (fn.StartsWith("expected", StringComparison.Ordinal)) continue;
                File.Copy(f, Path.Combine(tmp.FullName, fn[..^".txt".Length]));
            }
            var want = File.ReadAllText(Path.Combine(src, "expected.m-l.txt")).TrimEnd('\n');
            var output = new StringWriter();
            int rc = CommandLine.Run(["-goroot", goroot, "-C", tmp.FullName, "-m", "-l", "."], output, output);
            Assert.Equal(0, rc);
            Assert.Equal(want, output.ToString().TrimEnd('\n').ReplaceLineEndings("\n"));
        }
        finally { tmp.Delete(true); }
    }
}
