using GoEscape.Cli;

namespace GoEscape.Tests.Lowering;

/// <summary>
/// Method expressions and method values on shaped receivers in shaped (generic) bodies: gc's unified IR reader has no
/// static wrapper for them and builds wrapper closures (reader.methodExprWrap, reader.curry) that call the shaped
/// method with its dictionary. Whole pipeline as `goescape -m -l x.go`; the output must be gc 1.27's
/// `go build -gcflags='-m -l' x.go` output, line for line and in order.
/// </summary>
public sealed class ShapedMethodWrapperTests
{
    /// <summary>T[P].M, (*T[P]).M of a value method (a deref inside the wrapper), (*T[P]).M called directly, a promoted
    /// method of an embedded *T[P] (an implicit field step) and of an embedded non-generic interface: each a wrapper
    /// closure calling the shaped method (tags known: the new(T) whose result is dropped does not escape through
    /// Get). These once exited 3 ("method expression wrapper closure (shaped receiver)": test/typeparam/issue44688.go,
    /// dictionaryCapture.go, chans.go, fixedbugs/issue54911.go ...).</summary>
    [SkippableFact]
    public void MethodExpressions() => Check("""
        package main

        type A[T any] struct{ p *T }

        func (a *A[T]) Get() *T { return a.p }

        func (a A[T]) Val(x *T) *T { return x }

        type B[T any] struct {
        	n int
        	*A[T]
        }

        type I interface{ M(*int) }

        type C[T any] struct {
        	I
        	v T
        }

        var sink any

        func direct[T any]() *T {
        	g := A[T].Val
        	_ = g(A[T]{}, new(T))
        	return g(A[T]{}, new(T))
        }

        func deref[T any]() *T {
        	sink = (*A[T]).Val
        	return (*A[T]).Val(&A[T]{}, new(T))
        }

        func addr[T any]() {
        	_ = (*A[T]).Get(&A[T]{p: new(T)})
        }

        func promoted[T any](b B[T]) *T {
        	return B[T].Get(b)
        }

        func iface[T any](c C[T]) {
        	C[T].M(c, new(int))
        }

        func main() {
        	_ = direct[int]()
        	_ = deref[int]()
        	addr[int]()
        	_ = promoted(B[int]{})
        	iface(C[int]{})
        }
        """, """
        # command-line-arguments
        ./x.go:25:19: new(<node DYNAMICTYPE>) escapes to heap
        ./x.go:26:22: new(<node DYNAMICTYPE>) escapes to heap
        ./x.go:31:21: &A[go.shape.int]{} does not escape
        ./x.go:31:33: new(<node DYNAMICTYPE>) escapes to heap
        ./x.go:35:18: &A[go.shape.int]{...} does not escape
        ./x.go:35:30: new(<node DYNAMICTYPE>) does not escape
        ./x.go:43:15: new(int) does not escape
        """);

    private static void Check(string source, string want)
    {
        var goroot = Oracle.GoRoot();
        var tmp = Directory.CreateTempSubdirectory("goescape-shapedwrap-");
        try
        {
            File.WriteAllText(Path.Combine(tmp.FullName, "go.mod"), "module x\n\ngo 1.27\n");
            File.WriteAllText(Path.Combine(tmp.FullName, "x.go"), source.ReplaceLineEndings("\n") + "\n");
            var output = new StringWriter();
            int rc = CommandLine.Run(["-goroot", goroot, "-C", tmp.FullName, "-m", "-l", "x.go"], output, output);
            Assert.Equal(want.ReplaceLineEndings("\n"), output.ToString().TrimEnd('\n').ReplaceLineEndings("\n"));
            Assert.Equal(0, rc);
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }
}
