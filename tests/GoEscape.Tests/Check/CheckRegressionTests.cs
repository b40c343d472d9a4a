using GoEscape.Tests.Cli;

namespace GoEscape.Tests.Check;

/// <summary>
/// Regression tests of the type checker fed as Go source: one file checked with `goescape check` (in-process, in a
/// temporary module), its diagnostics compared with what gc 1.27's `go build` prints for the same file (recorded here
/// by hand, "# command-line-arguments" dropped, "./x.go" written "x.go"). Valid inputs must be accepted (exit 0,
/// no output). Each run has a time limit: several of these inputs used to overflow the stack, hang or grow without
/// bound.
/// </summary>
public sealed class CheckRegressionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    /// <summary>Checks src (a whole file) as x.go; returns exit code and normalized output lines.</summary>
    internal static (int Exit, string[] Lines) Check(string src, string name = "x.go")
    {
        var dir = CliHarness.NewTempDir("checkreg");
        try
        {
            CliHarness.WriteGoMod(dir);
            File.WriteAllText(Path.Combine(dir, name), src);
            var run = CliHarness.RunGoEscape(["check", "-C", dir, name], Limit);
            Assert.False(run.TimedOut, $"goescape check did not finish within {Limit.TotalSeconds} s");
            Assert.True(run.Crash == null, $"exception escaped CommandLine.Run: {run.Crash}");
            Assert.False(CliHarness.LooksLikeCrash(run.Output), $"internal failure in output:\n{run.Output}");
            var lines = run.Lines()
                .Where(l => l != "# command-line-arguments")
                .Select(l => l.Replace(dir + "/", "", StringComparison.Ordinal).Replace("./" + name, name, StringComparison.Ordinal))
                .ToArray();
            return (run.ExitCode, lines);
        }
        finally
        {
            CliHarness.TryDelete(dir);
        }
    }

    private static void Rejects(string src, params string[] gc)
    {
        var (exit, lines) = Check(src);
        Assert.True(gc.SequenceEqual(lines), $"gc:\n  {string.Join("\n  ", gc)}\nours (exit {exit}):\n  {string.Join("\n  ", lines)}");
        Assert.Equal(1, exit);
    }

    private static void Accepts(string src)
    {
        var (exit, lines) = Check(src);
        Assert.True(exit == 0 && lines.Length == 0, $"gc compiles this; ours (exit {exit}):\n  {string.Join("\n  ", lines)}");
    }

    // ---- invalid recursive types (types2 cycles.go, validtype.go; noder's check for go.dev/issue/56103)

    [Fact]
    public void DirectSelfReference() =>
        Rejects("package p\n\ntype T T\n", "x.go:3:6: invalid recursive type: T refers to itself");

    [Fact]
    public void DirectCycleOfNames() =>
        Rejects("package p\n\ntype A B\ntype B C\ntype C A\n",
            "x.go:3:6: invalid recursive type A",
            "\tx.go:3:6: A refers to B",
            "\tx.go:4:6: B refers to C",
            "\tx.go:5:6: C refers to A");

    [Fact]
    public void StructContainingItselfThroughArray() =>
        Rejects("package p\n\ntype A [1]B\ntype B struct{ a A }\n",
            "x.go:3:6: invalid recursive type A",
            "\tx.go:3:6: A refers to B",
            "\tx.go:4:6: B refers to A");

    [Fact]
    public void AnonymousInterfaceCycle() =>
        Rejects("package p\n\ntype T interface{ M(interface{ T }) }\n",
            "x.go:3:8: invalid recursive type: anonymous interface refers to itself (see https://go.dev/issue/56103)");

    [Fact]
    public void GenericTypeContainingItsOwnInstance() =>
        Rejects("package p\n\ntype A2[P any] [10]A2[*P]\n\nvar _ A2[int]\n",
            "x.go:3:20: invalid recursive type: A2[*P] refers to itself");

    [Fact]
    public void GenericInterfaceEmbeddingItsOwnInstanceUsedAsConstraint() =>
        // used to expand B[*U], B[**U], ... without end (substitution computed type sets eagerly)
        Rejects("package p\n\ntype C[U B[U]] int\n\ntype B[T any] interface {\n\tB[*T]\n}\n",
            "x.go:6:2: invalid recursive type: B[*T] refers to itself");

    [Fact]
    public void ConversionToTypeBeingDeclared() =>
        Rejects("package p\n\ntype T interface {\n\tm() [T(nil).m()[0]]int\n}\n",
            "x.go:3:6: invalid recursive type: T refers to itself");

    [Fact]
    public void SizeofOfTypeContainingItself() =>
        // used to overflow the stack in GcSizes.Alignof
        Rejects("package p\n\nimport \"unsafe\"\n\ntype T[P any] struct {\n\tT[P]\n}\n\nconst _ = unsafe.Sizeof(T[int]{})\n",
            "x.go:6:2: invalid recursive type: T[P] refers to itself",
            "x.go:9:11: unsafe.Sizeof(T[int]{}) (value of type uintptr) is not constant",
            "x.go:9:25: invalid recursive type: T[int] refers to itself");

    [Fact]
    public void ValidGenericNestsAreAccepted() =>
        // types2 validtype.go's example: the nest of A[A[string]] must not be mistaken for a cycle
        Accepts("package p\n\nvar _ A[A[string]]\n\ntype A[P any] struct{ _ B[P] }\ntype B[P any] struct{ _ P }\n\n" +
                "type List[T any] struct {\n\tnext *List[T]\n\tv    T\n}\n\ntype Pair[K comparable, V any] struct {\n\tk K\n\tv V\n}\n\nvar _ Pair[string, List[Pair[int, bool]]]\n");

    // ---- instantiation cycles (types2 mono.go)

    [Fact]
    public void InstantiationCycleInType() =>
        // used to grow without bound
        Rejects("package p\n\ntype T[X any] struct {\n\tnext *T[T[X]]\n\tv    X\n}\n",
            "x.go:3:8: instantiation cycle:",
            "\tx.go:4:10: X instantiated as T[X]");

    [Fact]
    public void InstantiationCycleInFunction() =>
        Rejects("package p\n\nfunc f[T any](n int) {\n\tif n > 0 {\n\t\tf[*T](n - 1)\n\t}\n}\n\nvar _ = f[int]\n",
            "x.go:3:8: instantiation cycle:",
            "\tx.go:5:5: T instantiated as *T");

    [Fact]
    public void InstantiationCycleThroughTwoFunctions() =>
        Rejects("package p\n\nfunc f[T any]() { g[[]T]() }\nfunc g[U any]() { f[U]() }\n",
            "x.go:3:8: instantiation cycle:",
            "\tx.go:4:21: T instantiated as U",
            "\tx.go:3:21: U instantiated as []T");

    [Fact]
    public void RecursionWithTheSameTypeArgumentsIsAccepted() =>
        Accepts("package p\n\nfunc f[T any](n int) {\n\tif n > 0 {\n\t\tf[T](n - 1)\n\t}\n}\n\n" +
                "type G[T any] struct{ x T }\n\nfunc (g G[T]) M(n int) {\n\tif n > 0 {\n\t\tg.M(n - 1)\n\t}\n}\n\nvar _ = f[int]\n");
}
