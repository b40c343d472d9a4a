using GoEscape.Syntax;

namespace GoEscape.Tests.Syntax;

/// <summary>
/// Broken Go files (testdata/syntax/errors/*.go) with gc 1.27's output next to each (name.golden, produced by
/// `go tool compile -p p -o TMP.o name.go`; never -o /dev/null: gc removes its output file on errors, and as root that deletes /dev/null in that directory). Our first error (gc's ordering) must equal
/// gc's first output line, position and text. UPDATE_GOLDEN=1 regenerates the .golden files from the oracle.
/// </summary>
public sealed class ErrorCorpusTests
{
    private static string Dir => Path.Combine(SyntaxTestEnv.TestDataDir, "errors");

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var f in Directory.GetFiles(Dir, "*.go").OrderBy(x => x, StringComparer.Ordinal)) data.Add(Path.GetFileName(f));
        return data;
    }

    [SkippableFact]
    public void CorpusIsLargeEnough() => Assert.True(Cases().Count >= 40, $"only {Cases().Count} cases");

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void FirstErrorMatchesGc(string name)
    {
        var path = Path.Combine(Dir, name);
        var golden = Path.ChangeExtension(path, ".golden");
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            var goroot = SyntaxTestEnv.GoRoot;
            var (_, stdout, stderr) = SyntaxTestEnv.RunGo(goroot, Dir, "tool", "compile", "-p", "p", "-o", Path.Combine(Path.GetTempPath(), $"goescape-gc-{Guid.NewGuid():N}.o"), name);
            System.IO.File.WriteAllText(golden, stdout + stderr);
        }
        var expectedLines = System.IO.File.ReadAllLines(golden);
        Assert.NotEmpty(expectedLines);

        var errs = new ErrorSink();
        Parser.ParseFile(name, System.IO.File.ReadAllBytes(path), errs, ParseMode.Default);
        var sorted = errs.Sorted();
        Assert.NotEmpty(sorted);
        Assert.Equal(expectedLines[0], sorted[0].ToString());

        // Every error we report must be one gc reports too (gc prints at most 10 errors, and type errors when
        // there is no "syntax error"; so only check ours up to gc's last printed position).
        foreach (var e in sorted.Take(3))
        {
            if (expectedLines.Length >= 10) break;
            Assert.Contains(e.ToString(), expectedLines);
        }
    }
}
