using GoEscape.Cli;

namespace GoEscape.Tests.Lowering;

/// <summary>
/// Inputs gc compiles that once crashed the lowering or escape analysis (tools/GoEscape.Fuzz/crashes/pipeline-*),
/// through the whole pipeline as `goescape -m -l x.go`: the output must be gc 1.27's `go build -gcflags='-m -l' x.go`
/// output, line for line and in order.
/// </summary>
public sealed class LoweringCrashRegressionTests
{
    /// <summary>A builtin applied to a multi-valued call (copy(f()), delete(h()), complex(g()), println(g())): the
    /// writer's multiExpr N:1 form (autotmps assigned from the call), as for any other call; this once indexed past
    /// the builtin's single syntactic argument (issue15992.go).</summary>
    [SkippableFact]
    public void BuiltinOfMultiValueCall() => Check("""
        package main

        func f(a []byte) ([]byte, []byte) { return a, []byte("abc") }

        func h(m map[int]int) (map[int]int, int) { return m, 0 }

        func cx() (float64, float64) { return 1, 2 }

        func pp() (any, *int) { return nil, new(int) }

        func main() {
        	a := []byte{1, 2, 3}
        	_ = copy(f(a))
        	delete(h(map[int]int{0: 0}))
        	_ = complex(cx())
        	println(pp())
        }
        """, """
        # command-line-arguments
        ./x.go:3:8: leaking param: a to result ~r0 level=0
        ./x.go:3:54: ([]byte)("abc") escapes to heap
        ./x.go:5:8: leaking param: m to result ~r0 level=0
        ./x.go:9:40: new(int) escapes to heap
        ./x.go:12:13: []byte{...} does not escape
        ./x.go:14:22: map[int]int{...} does not escape
        """);

    /// <summary>append of a multi-valued call: the extra results convert to the element type of append's variadic
    /// recorded signature (writer's paramType), not to the slice type (issue5793.go).</summary>
    [SkippableFact]
    public void AppendOfMultiValueCall() => Check("""
        package main

        func appendArgs() ([]*int, *int) { return []*int{new(int)}, new(int) }

        func appendMultiArgs() ([]byte, byte, byte) { return []byte{'a', 'b'}, '1', '2' }

        func main() {
        	s := append(appendArgs())
        	b := append(appendMultiArgs())
        	println(len(s), len(b))
        }
        """, """
        # command-line-arguments
        ./x.go:3:49: []*int{...} escapes to heap
        ./x.go:3:53: new(int) escapes to heap
        ./x.go:3:64: new(int) escapes to heap
        ./x.go:5:60: []byte{...} escapes to heap
        ./x.go:8:13: append does not escape
        ./x.go:9:13: append does not escape
        """);

    /// <summary>Calls of generic methods (go1.27: x.m[int](...), inferred x.m(...), on a generic type g.m[bool](...)):
    /// the shaped method as an OMETHEXPR callee with the receiver then the dictionary first, as reader.methodExpr builds
    /// it; the receiver was once dropped (genmeth2.go: an index out of range in escape's call).</summary>
    [SkippableFact]
    public void GenericMethodCalls() => Check("""
        package main

        type T struct{ p *int }

        func (t *T) m[P any](x P) *int { return t.p }

        type G[P any] struct{ p *P }

        func (g *G[P]) m[Q any](q *Q) *Q { return q }

        var sink any

        func main() {
        	t := &T{}
        	_ = t.m[int](1)
        	_ = (&T{}).m(2)
        	g := &G[int]{}
        	var b bool
        	sink = g.m[bool](&b)
        }
        """, """
        # command-line-arguments
        ./x.go:18:6: moved to heap: b
        ./x.go:14:7: &T{} does not escape
        ./x.go:16:7: &T{} does not escape
        ./x.go:17:7: &G[int]{} does not escape
        """);

    /// <summary>Method expressions on interface types (I.M, interface{ M() }.M) called and used as values: typecheck.NewMethodExpr's OMETHEXPR whose selection (an interface method) has no Nname, so calls through it are calls of an unknown function and their arguments leak (was "interface method expression", issue51521.go).</summary>
    [SkippableFact]
    public void InterfaceMethodExpression() => Check("""
        package main

        type I interface{ M(*int) *int }

        func main() {
        	interface{ M() }.M(nil)
        	x := 1
        	var i I
        	_ = I.M(i, &x)
        	g := interface{ M(*int) *int }.M
        	y := 2
        	_ = g(i, &y)
        }
        """, """
        # command-line-arguments
        ./x.go:7:2: moved to heap: x
        ./x.go:11:2: moved to heap: y
        """);

    /// <summary>Method expressions of promoted methods ((*T).Get through an embedded S, U.Get through an embedded *S, in a package initializer too): the OMETHEXPR selects the method-set field that CalcMethods copied from S, whose Nname is (*S).Get, so calls use its tags (was "promoted method expression", abi/method_wrapper.go).</summary>
    [SkippableFact]
    public void PromotedMethodExpression() => Check("""
        package main

        type S struct{ p *int }

        func (s *S) Get() *int { return s.p }

        type T struct{ S }

        type U struct{ *S }

        var fn = (*T).Get

        var sink any

        func main() {
        	var t T
        	_ = (*T).Get(&t)
        	var u U
        	sink = U.Get(u)
        	f := (*T).Get
        	_ = f(&t)
        	sink = (*T).Get
        }
        """, """
        # command-line-arguments
        ./x.go:5:7: leaking param: s to result ~r0 level=1
        """);

    /// <summary>Method expressions whose receiver type is not the declared one ((*T).First of a value method): still the declared method's tags, the *T argument flowing to its T receiver as gc does (was "method expression wrapper", method3.go).</summary>
    [SkippableFact]
    public void MethodExpressionNeedingDerefOrAddr() => Check("""
        package main

        type T []*int

        func (t T) First() *int { return t[0] }

        var sink any

        func main() {
        	var t T = T{new(int)}
        	_ = T.First(t)
        	v := T{new(int)}
        	sink = (*T).First(&v)
        }
        """, """
        # command-line-arguments
        ./x.go:5:7: leaking param: t to result ~r0 level=1
        ./x.go:10:13: T{...} does not escape
        ./x.go:10:17: new(int) does not escape
        ./x.go:12:8: T{...} escapes to heap
        ./x.go:12:12: new(int) escapes to heap
        """);

    /// <summary>A method expression on a type parameter (T.M in a generic body, called and as a value): the
    /// dictionary's entry point punned as a func value, a call of an unknown function (reader.methodExpr's "type
    /// parameter method expression"); found by the fuzz smoke once the other method expressions lowered.</summary>
    [SkippableFact]
    public void TypeParameterMethodExpression() => Check("""
        package main

        type S1 struct{ p *int }

        func (s *S1) M(q *int) {}

        type S2 struct{}

        func (S2) M(q *int) {}

        func F[T interface{ M(*int) }](t T) {
        	_ = T.M
        	x := 1
        	T.M(t, &x)
        }

        func main() {
        	F(&S1{})
        	F(S2{})
        }
        """, """
        # command-line-arguments
        ./x.go:5:7: s does not escape
        ./x.go:5:16: q does not escape
        ./x.go:9:13: q does not escape
        ./x.go:13:2: moved to heap: x
        ./x.go:13:2: moved to heap: x
        ./x.go:18:4: &S1{} escapes to heap
        """);

    private static void Check(string source, string want) => GoEscape.Tests.Cli.CliHarness.CheckMinusMl(source, want);
}
