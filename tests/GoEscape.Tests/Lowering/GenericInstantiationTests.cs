using GoEscape.Cli;

namespace GoEscape.Tests.Lowering;

/// <summary>
/// Shaped instantiations of generic functions through the whole pipeline: a module with a generic package and a user
/// (testdata/lowering/generics/CASE: *.go.txt files, expected.m-l.txt = gc 1.27's `go build -gcflags='-m -l' ./use`
/// output with walk's "bounds check" lines removed; $GOROOT stands for the Go root).
/// </summary>
public sealed class GenericInstantiationTests
{
    /// <summary>Calls of generic functions and methods of a generic type in another package and the local one:
    /// callers use the instances' tags, instances report allocation sites with "./gen/gen.go" positions and
    /// origin-qualified names, in gc's order.</summary>
    [SkippableFact]
    public void CallsMatchGcExactly() => Check("calls", exactOrder: true);

    /// <summary>Any use of sync.Map instantiates every method of internal/sync.HashTrieMap[any, any] (and of the
    /// types it instantiates) in the using package.</summary>
    [SkippableFact]
    public void InstantiatedTypeMethodsAreCompiled() => Check("syncmap", exactOrder: false);

    /// <summary>A generic type instantiated in a shaped body with a type argument that contains a shape has all its
    /// type arguments shapified (noder.objDictIdx): `make(gen.Slicer[go.shape.struct { Key go.shape.int; Value
    /// go.shape.bool }], ...)`, not `gen.Slicer[ex/gen.KeyValuePair[go.shape.int,go.shape.bool]]` (found on
    /// github.com/olekukonko/tablewriter@v1.1.4, docs/real-modules.md).</summary>
    [SkippableFact]
    public void NamedTypeArgumentsWithShapesAreShapified() => Check("nestedshape", exactOrder: true);

    /// <summary>-m=2: the tail call of a non-shaped method wrapper ((*atomic.Pointer[int]).Load) is at the method
    /// declaration's position (syntax.FuncDecl: the receiver's "(", type.go:58:6), as reader.funcBody's
    /// syntheticBody(fn.Pos()) places it, not at the method name's (58:22) (found on
    /// github.com/schollz/progressbar/v3@v3.19.0, docs/real-modules.md).</summary>
    [SkippableFact]
    public void MethodWrapperCallIsAtTheDeclaration() => Check("wrapperpos", exactOrder: false, flags: "-m=2");

    private static void Check(string name, bool exactOrder, string flags = "-m")
    {
        var goroot = PipelineExampleTests.GoRoot();
        var src = Path.Combine(PipelineExampleTests.RepoRoot(), "tests", "GoEscape.Tests", "testdata", "lowering", "generics", name);
        var tmp = Directory.CreateTempSubdirectory("goescape-generics-");
        try
        {
            File.WriteAllText(Path.Combine(tmp.FullName, "go.mod"), "module ex\n\ngo 1.27\n");
            foreach (var f in Directory.GetFiles(src, "*.go.txt", SearchOption.AllDirectories))
            {
                var rel = Path.GetRelativePath(src, f)[..^".txt".Length];
                var dst = Path.Combine(tmp.FullName, rel);
                Directory.CreateDirectory(Path.GetDirectoryName(dst)!);
                File.Copy(f, dst);
            }
            var want = File.ReadAllText(Path.Combine(src, flags == "-m" ? "expected.m-l.txt" : "expected.m2-l.txt")).Replace("$GOROOT", goroot, StringComparison.Ordinal)
                .TrimEnd('\n').ReplaceLineEndings("\n").Split('\n');
            var output = new StringWriter();
            int rc = CommandLine.Run(["-goroot", goroot, "-C", tmp.FullName, flags, "-l", "./use"], output, output);
            Assert.Equal(0, rc);
            var got = output.ToString().TrimEnd('\n').ReplaceLineEndings("\n").Split('\n');
            if (!exactOrder)
            {
                System.Array.Sort(want, StringComparer.Ordinal);
                System.Array.Sort(got, StringComparer.Ordinal);
            }
            Assert.Equal(string.Join('\n', want), string.Join('\n', got));
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }
}
