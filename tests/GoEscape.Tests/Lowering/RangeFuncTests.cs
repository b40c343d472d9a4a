using GoEscape.Cli;

namespace GoEscape.Tests.Lowering;

/// <summary>
/// Range-over-func loops (testdata/lowering/rangefunc, one package per group of cases) through the whole pipeline,
/// compared with gc 1.27's `go build -gcflags='-m -l'` and `-m=2 -l` output (expected.*.txt were produced by gc):
/// plain loops over 0/1/2-value iterators, break/continue (labelled too, of outer range-over-func and regular loops),
/// returns with results (#rvN renaming, results of a call), goto out of nested loops, defers (#defers), nested loops
/// (#next, #stateN), method-value and method-call iterators, named yield types, assignment (non-:=) range variables,
/// range-over-func inside function literals inside loop bodies; (edge) break in select, goto inside
/// the body, continue of the loop from a nested regular loop, defer in a literal, a type-parameter iterator, loop
/// variables of enclosing loops captured by the body closure (loopvar copies), &amp;x of the range variable; (mixed) break of a labelled switch around the loop, a body ending in panic,
/// a named yield type with assigned variables, defers with goto/break/continue/return across three levels,
/// method iterators returning two results, closures capturing the range variable, a local iterator closure. The generic package calls generic iterators
/// (maps.Keys, slices.Values): only its own lines are compared (the instantiations' lines are the generics work).
/// </summary>
public sealed class RangeFuncTests
{
    private static string Dir() => Path.Combine(PipelineExampleTests.RepoRoot(), "tests", "GoEscape.Tests", "testdata", "lowering", "rangefunc");

    [Theory]
    [InlineData("basic", "-m -l")]
    [InlineData("basic", "-m=2 -l")]
    [InlineData("control", "-m -l")]
    [InlineData("control", "-m=2 -l")]
    [InlineData("more", "-m -l")]
    [InlineData("more", "-m=2 -l")]
    [InlineData("edge", "-m -l")]
    [InlineData("edge", "-m=2 -l")]
    [InlineData("mixed", "-m -l")]
    [InlineData("mixed", "-m=2 -l")]
    [InlineData("generic", "-m -l")]
    public void MatchesGc(string pkg, string flags)
    {
        if (PipelineExampleTests.GoRoot() == null) { Console.WriteLine("Go 1.27 not found: skipped"); return; }
        var suffix = flags == "-m -l" ? "m-l" : "m2-l";
        var want = File.ReadAllText(Path.Combine(Dir(), pkg, $"expected.{suffix}.txt")).ReplaceLineEndings("\n").TrimEnd('\n');
        var output = new StringWriter();
        var args = new List<string> { "-C", Dir() };
        args.AddRange(flags.Split(' '));
        args.Add("./" + pkg);
        int rc = CommandLine.Run([.. args], output, output);
        Assert.Equal(0, rc);
        var got = output.ToString().ReplaceLineEndings("\n").TrimEnd('\n');
        if (pkg == "generic") got = string.Join("\n", got.Split('\n').Where(l => !l.StartsWith('/')));
        Assert.Equal(want, got);
    }
}
