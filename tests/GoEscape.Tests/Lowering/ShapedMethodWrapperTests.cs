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
    /// closure calling the shaped method (the shaped method's tags apply: the new(T) stored in the receiver passed
    /// to Get does not escape). These once exited 3 ("method expression wrapper closure (shaped receiver)": test/typeparam/issue44688.go,
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

    /// <summary>Method values x.M in shaped bodies: of a generic type's method (a closure capturing the receiver and
    /// the dictionary word: reader.curry), of a type parameter's method (the dictionary entry captured as a func
    /// value), both wrappers, so never reported; of a shaped interface (an OMETHVALUE of the receiver converted to
    /// its own type: "J[go.shape.int](j).N"); of a non-generic embedded interface (a plain OMETHVALUE).</summary>
    [SkippableFact]
    public void MethodValues() => Check("""
        package main

        type A[T any] struct{ p *T }

        func (a *A[T]) Get() *T { return a.p }

        func (a A[T]) Val(x *T) *T { return x }

        type B[T any] struct {
        	n int
        	*A[T]
        }

        type I interface{ M(*int) }

        type J[T any] interface{ N(T) }

        type C[T any] struct {
        	I
        	v T
        }

        type G interface{ G() *int }

        type P struct{ p *int }

        func (p *P) G() *int { return p.p }

        var sink any

        func value[T any](a A[T]) *T {
        	g := a.Val
        	_ = g(new(T))
        	return g(new(T))
        }

        func ptr[T any]() {
        	a := &A[T]{p: new(T)}
        	sink = a.Get
        }

        func promoted[T any](b B[T]) func() *T {
        	return b.Get
        }

        func iface[T any](c C[T], j J[T]) {
        	f := c.M
        	f(new(int))
        	h := j.N
        	h(*new(T))
        }

        func typeParam[T G](x T) {
        	f := x.G
        	_ = f()
        }

        func typeParamResult[T G](x T) func() *int {
        	return x.G
        }

        func main() {
        	_ = value(A[int]{})
        	ptr[int]()
        	_ = promoted(B[int]{})
        	iface(C[int]{}, nil)
        	typeParam(&P{})
        	_ = typeParamResult(&P{})
        }
        """, """
        # command-line-arguments
        ./x.go:27:7: leaking param: p to result ~r0 level=1
        ./x.go:33:11: new(<node DYNAMICTYPE>) escapes to heap
        ./x.go:34:14: new(<node DYNAMICTYPE>) escapes to heap
        ./x.go:38:7: &A[go.shape.int]{...} escapes to heap
        ./x.go:38:19: new(<node DYNAMICTYPE>) escapes to heap
        ./x.go:47:8: c.I.M does not escape
        ./x.go:48:7: new(int) escapes to heap
        ./x.go:49:8: J[go.shape.int](j).N does not escape
        ./x.go:50:8: new(<node DYNAMICTYPE>) does not escape
        ./x.go:67:12: &P{} escapes to heap
        ./x.go:68:22: &P{} escapes to heap
        """);

    /// <summary>Link names in shape and instantiated type names: a main package's types are "main.T" (the go command
    /// compiles it with -p main), and a type declared in a function body is "T·N", numbered per package in source
    /// order, aliases not counted (noder's declCollector typegen). Were "command-line-arguments.T"
    /// (test/typeparam/orderedmap.go, genmeth1.go).</summary>
    [SkippableFact]
    public void LinkNamesOfMainAndLocalTypes() => Check("""
        package main

        type S[T any] struct{ p *T }

        func (s S[T]) M() *T { return s.p }

        type key struct{ k []byte }

        var sink any

        func f[T any](t T) {
        	sink = &S[T]{}
        }

        func main() {
        	type L int
        	type A = int
        	type R struct{ x *int }
        	g := S[L]{}.M
        	_ = g()
        	h := S[R]{}.M
        	_ = h()
        	f(key{})
        	f(R{})
        	f(A(0))
        }
        """, """
        # command-line-arguments
        ./x.go:12:9: &S[go.shape.struct { main.k []uint8 }]{} escapes to heap
        ./x.go:12:9: &S[go.shape.struct { main.x *int }]{} escapes to heap
        ./x.go:12:9: &S[go.shape.int]{} escapes to heap
        ./x.go:19:13: S[main.L·1]{}.M does not escape
        ./x.go:21:13: S[main.R·2]{}.M does not escape
        """);

    private static void Check(string source, string want) => GoEscape.Tests.Cli.CliHarness.CheckMinusMl(source, want);
}
