using GoEscape.Cli;

namespace GoEscape.Tests.Lowering;

/// <summary>
/// The bundled examples (examples/*/main.go, the seed programs) through the whole pipeline (load, parse, check, lower,
/// escape) and the CLI, compared line by line with gc 1.27's `go build -gcflags='-m -l'` and `-m=2 -l` output.
/// </summary>
public sealed class PipelineExampleTests
{
    internal static string RepoRoot()
    {
        var dir = AppContext.BaseDirectory;
        while (dir != null && !File.Exists(Path.Combine(dir, "GoEscape.sln"))) dir = Path.GetDirectoryName(dir);
        return dir ?? Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", ".."));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string p = "") => p;

    /// <summary>The oracle's GOROOT; skips the calling test when Go 1.27 is absent (<see cref="Oracle.GoRoot"/>).</summary>
    internal static string GoRoot() => Oracle.GoRoot();

    public static IEnumerable<object[]> Cases()
    {
        var examples = Path.Combine(RepoRoot(), "examples");
        foreach (var dir in Directory.GetDirectories(examples).Order(StringComparer.Ordinal))
        {
            var name = Path.GetFileName(dir);
            if (File.Exists(Path.Combine(dir, "expected.m-l.txt"))) yield return [name, "-m -l"];
            if (File.Exists(Path.Combine(dir, "expected.m2-l.txt"))) yield return [name, "-m=2 -l"];
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void ExampleMatchesGc(string example, string flags)
    {
        var goroot = GoRoot();
        var examples = Path.Combine(RepoRoot(), "examples");
        var suffix = flags == "-m -l" ? "m-l" : "m2-l";
        var want = File.ReadAllText(Path.Combine(examples, example, $"expected.{suffix}.txt")).TrimEnd('\n');
        var output = new StringWriter();
        var args = new List<string> { "-goroot", goroot, "-C", examples };
        args.AddRange(flags.Split(' '));
        args.Add("./" + example);
        int rc = CommandLine.Run([.. args], output, output);
        Assert.Equal(0, rc);
        Assert.Equal(want, output.ToString().TrimEnd('\n').ReplaceLineEndings("\n"));
    }
}
