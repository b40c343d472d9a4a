using GoEscape.Harness;

namespace GoEscape.Tests.Lowering;

/// <summary>
/// Ratchet over gc's own escape tests ($GOROOT/test/escape*.go, fixedbugs/...): every file listed in
/// testdata/lowering/conformance-passing.txt passed Go's errorcheck rule through our CLI (-m -l as the file asks) and
/// must keep passing. Add lines as more pass; never remove one to make this green.
/// </summary>
public sealed class ConformanceRatchetTests
{
    public static IEnumerable<object[]> Passing()
    {
        var list = Path.Combine(PipelineExampleTests.RepoRoot(), "tests", "GoEscape.Tests", "testdata", "lowering", "conformance-passing.txt");
        foreach (var line in File.ReadAllLines(list))
        {
            var t = line.Trim();
            if (t.Length == 0 || t.StartsWith('#')) continue;
            yield return [t];
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Passing))]
    public void StillPasses(string name)
    {
        var goroot = PipelineExampleTests.GoRoot();
        var test = GcTestSuite.Discover(goroot, requireNoInline: false).SingleOrDefault(t => t.Name == name);
        Assert.True(test != null, $"{name} is not one of gc's -m errorcheck tests");
        Assert.Null(test!.Unsupported);
        var failures = GcTestSuite.Run(test, new GoEscapeAnalyzer());
        Assert.True(failures.Count == 0, $"{name}:\n" + string.Join("\n", failures.Take(30)));
    }

    [SkippableFact]
    public void RatchetListIsNotEmpty() => Assert.NotEmpty(Passing());
}
