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
        var goroot = Oracle.GoRoot(); // the checker reads Go's sources (skipped without Go)
        var dir = CliHarness.NewTempDir("checkreg");
        try
        {
            CliHarness.WriteGoMod(dir);
            File.WriteAllText(Path.Combine(dir, name), src);
            var run = CliHarness.RunGoEscape(["check", "-goroot", goroot, "-C", dir, name], Limit);
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

    [SkippableFact]
    public void DirectSelfReference() =>
        Rejects("package p\n\ntype T T\n", "x.go:3:6: invalid recursive type: T refers to itself");

    [SkippableFact]
    public void DirectCycleOfNames() =>
        Rejects("package p\n\ntype A B\ntype B C\ntype C A\n",
            "x.go:3:6: invalid recursive type A",
            "\tx.go:3:6: A refers to B",
            "\tx.go:4:6: B refers to C",
            "\tx.go:5:6: C refers to A");

    [SkippableFact]
    public void StructContainingItselfThroughArray() =>
        Rejects("package p\n\ntype A [1]B\ntype B struct{ a A }\n",
            "x.go:3:6: invalid recursive type A",
            "\tx.go:3:6: A refers to B",
            "\tx.go:4:6: B refers to A");

    [SkippableFact]
    public void AnonymousInterfaceCycle() =>
        Rejects("package p\n\ntype T interface{ M(interface{ T }) }\n",
            "x.go:3:8: invalid recursive type: anonymous interface refers to itself (see https://go.dev/issue/56103)");

    [SkippableFact]
    public void GenericTypeContainingItsOwnInstance() =>
        Rejects("package p\n\ntype A2[P any] [10]A2[*P]\n\nvar _ A2[int]\n",
            "x.go:3:20: invalid recursive type: A2[*P] refers to itself");

    [SkippableFact]
    public void GenericInterfaceEmbeddingItsOwnInstanceUsedAsConstraint() =>
        // used to expand B[*U], B[**U], ... without end (substitution computed type sets eagerly)
        Rejects("package p\n\ntype C[U B[U]] int\n\ntype B[T any] interface {\n\tB[*T]\n}\n",
            "x.go:6:2: invalid recursive type: B[*T] refers to itself");

    [SkippableFact]
    public void ConversionToTypeBeingDeclared() =>
        Rejects("package p\n\ntype T interface {\n\tm() [T(nil).m()[0]]int\n}\n",
            "x.go:3:6: invalid recursive type: T refers to itself");

    [SkippableFact]
    public void SizeofOfTypeContainingItself() =>
        // used to overflow the stack in GcSizes.Alignof
        Rejects("package p\n\nimport \"unsafe\"\n\ntype T[P any] struct {\n\tT[P]\n}\n\nconst _ = unsafe.Sizeof(T[int]{})\n",
            "x.go:6:2: invalid recursive type: T[P] refers to itself",
            "x.go:9:11: unsafe.Sizeof(T[int]{}) (value of type uintptr) is not constant",
            "x.go:9:25: invalid recursive type: T[int] refers to itself");

    [SkippableFact]
    public void ValidGenericNestsAreAccepted() =>
        // types2 validtype.go's example: the nest of A[A[string]] must not be mistaken for a cycle
        Accepts("package p\n\nvar _ A[A[string]]\n\ntype A[P any] struct{ _ B[P] }\ntype B[P any] struct{ _ P }\n\n" +
                "type List[T any] struct {\n\tnext *List[T]\n\tv    T\n}\n\ntype Pair[K comparable, V any] struct {\n\tk K\n\tv V\n}\n\nvar _ Pair[string, List[Pair[int, bool]]]\n");

    [SkippableFact]
    public void LongCycleOfStructTypesIsFoundAndLongChainAccepted()
    {
        // validType once gave up (and called the type valid) beyond a nest of 2000 types
        const int n = 3000;
        var sb = new System.Text.StringBuilder("package p\n\n");
        for (int i = 0; i < n; i++) sb.Append($"type T{i} struct{{ f T{i + 1} }}\n");
        var (exit, lines) = Check(sb + $"type T{n} struct{{ f T0 }}\n");
        Assert.Equal(1, exit);
        Assert.Equal("x.go:3:6: invalid recursive type T0", lines[0]);
        Assert.Equal($"\tx.go:{n + 3}:6: T{n} refers to T0", lines[n + 1]);
        Accepts(sb + $"type T{n} int\n");
    }

    // ---- instantiation cycles (types2 mono.go)

    [SkippableFact]
    public void InstantiationCycleInType() =>
        // used to grow without bound
        Rejects("package p\n\ntype T[X any] struct {\n\tnext *T[T[X]]\n\tv    X\n}\n",
            "x.go:3:8: instantiation cycle:",
            "\tx.go:4:10: X instantiated as T[X]");

    [SkippableFact]
    public void InstantiationCycleInFunction() =>
        Rejects("package p\n\nfunc f[T any](n int) {\n\tif n > 0 {\n\t\tf[*T](n - 1)\n\t}\n}\n\nvar _ = f[int]\n",
            "x.go:3:8: instantiation cycle:",
            "\tx.go:5:5: T instantiated as *T");

    [SkippableFact]
    public void InstantiationCycleThroughTwoFunctions() =>
        Rejects("package p\n\nfunc f[T any]() { g[[]T]() }\nfunc g[U any]() { f[U]() }\n",
            "x.go:3:8: instantiation cycle:",
            "\tx.go:4:21: T instantiated as U",
            "\tx.go:3:21: U instantiated as []T");

    [SkippableFact]
    public void RecursionWithTheSameTypeArgumentsIsAccepted() =>
        Accepts("package p\n\nfunc f[T any](n int) {\n\tif n > 0 {\n\t\tf[T](n - 1)\n\t}\n}\n\n" +
                "type G[T any] struct{ x T }\n\nfunc (g G[T]) M(n int) {\n\tif n > 0 {\n\t\tg.M(n - 1)\n\t}\n}\n\nvar _ = f[int]\n");

    // ---- inputs that used to end in an internal error (exit 3)

    [SkippableFact]
    public void MinOfUnorderedConstant() =>
        Rejects("package p\n\nvar _ = min(1, 2i)\n",
            "x.go:3:16: invalid argument: 2i (untyped complex constant (0 + 2i)) cannot be ordered");

    [SkippableFact]
    public void MethodExpressionAsParameterTypeOfItself() =>
        Rejects("package p\n\ntype S0 struct{}\n\nfunc (S0) m1(x S0.m1) {}\n",
            "x.go:5:19: S0.m1 is not a type");

    [SkippableFact]
    public void MissingMethodWithMisspelledMethodDeclaredLater() =>
        Rejects("package p\n\ntype T struct{}\ntype I interface{ M() }\n\nvar _ I = T{}\n\nfunc (T) m() {}\n",
            "x.go:6:11: cannot use T{} (value of struct type T) as I value in variable declaration: T does not implement I (missing method M)",
            "\t\thave m()",
            "\t\twant M()");

    [SkippableFact]
    public void RecursivePartialInstantiation() =>
        // types2 testdata fixedbugs/issue57155.go: used to hit the unification depth limit
        Accepts("package p\n\nfunc f[P *Q, Q any](p P, q Q) {\n\tfunc() {\n\t\t_ = f[P]\n\t\tf(p, q)\n\t\tf[P](p, q)\n\t\tf[P, Q](p, q)\n\t}()\n}\n");

    [SkippableFact]
    public void RecursivePartialInstantiationCycle() =>
        // types2 testdata fixedbugs/issue48656.go
        Rejects("package p\n\nfunc f[P *Q, Q any](P, Q) {\n\t_ = f[P]\n}\n\nfunc f2[P *Q, Q any](P, Q) {\n\t_ = f2[*P]\n}\n",
            "x.go:7:9: instantiation cycle:",
            "\tx.go:8:9: P instantiated as *P");

    // ---- valid code that used to be rejected

    [SkippableFact]
    public void MethodExpressionOnTypeParameter() =>
        Accepts("package p\n\ntype I interface{ M() }\n\nfunc f[T I]() {\n\tg := T.M\n\t_ = g\n}\n");

    [SkippableFact]
    public void ParenthesizedReceiveInSelect() =>
        Accepts("package p\n\nfunc f(c chan int) {\n\tselect {\n\tcase x := (<-c):\n\t\t_ = x\n\tcase (<-c):\n\t}\n}\n");

    [SkippableFact]
    public void StringConstantToBytesOrRunesTypeParameter() =>
        Accepts("package p\n\nfunc f[T []byte | []rune]() T { return T(\"\") }\n");

    [SkippableFact]
    public void GenericTypeInItsOwnConstraint() =>
        Accepts("package p\n\ntype T[U interface{ M() T[U] }] int\n");

    [SkippableFact]
    public void FunctionInItsOwnSignature() =>
        Accepts("package p\n\nimport \"unsafe\"\n\nfunc f5(x [unsafe.Sizeof(f5)]int) {}\n");

    [SkippableFact]
    public void GenericMethodValuesAndExpressions() =>
        Accepts("package p\n\ntype S[T any] struct{ v T }\n\nfunc (s S[T]) Get() T { return s.v }\n\n" +
                "func f() {\n\tvar s S[int]\n\tg := s.Get\n\th := S[string].Get\n\t_, _ = g(), h(S[string]{})\n}\n");

    // ---- invalid code that used to be accepted

    [SkippableFact]
    public void DuplicateTypeSwitchCases() =>
        Rejects("package p\n\nfunc f(x any) {\n\tswitch x.(type) {\n\tcase nil, error:\n\tcase int, nil:\n\tcase error:\n\t}\n}\n",
            "x.go:6:12: duplicate case nil in type switch",
            "\tx.go:5:7: previous case",
            "x.go:7:7: duplicate case error in type switch",
            "\tx.go:5:12: previous case");

    [SkippableFact]
    public void DuplicateMapLiteralKeys() =>
        Rejects("package p\n\nvar _ = map[int]int{1: 1, 1: 2}\n", "x.go:3:27: duplicate key 1 in map literal");

    [SkippableFact]
    public void MakeWithTooManyArguments() =>
        // gc's test/fixedbugs/bug122.go
        Rejects("package p\n\nvar _ = make([]int, 1, 2, 3)\n",
            "x.go:3:9: invalid operation: make([]int, 1, 2, 3) expects 2 or 3 arguments; found 4");

    [SkippableFact]
    public void MakeWithSwappedLengthAndCapacity() =>
        Rejects("package p\n\nvar _ = make([]int, 3, 2)\n", "x.go:3:21: invalid argument: length and capacity swapped");

    [SkippableFact]
    public void ConstantOverflowAndFloatShift() =>
        Rejects("package p\n\nvar _ int8 = 1000\nvar _ = 1 << 1.5\n",
            "x.go:3:14: cannot use 1000 (untyped int constant) as int8 value in variable declaration (overflows)",
            "x.go:4:14: 1.5 (untyped float constant) truncated to uint");

    [SkippableFact]
    public void IntegerLiteralBeyond512Bits() =>
        // gc's test/fixedbugs/issue54280.go
        Rejects("package p\n\nconst C = 1" + new string('0', 160) + "\n", "x.go:3:11: constant overflow");

    [SkippableFact]
    public void ComplexOfShiftAndMismatchedConstants() =>
        // gc's test/fixedbugs/issue28079c.go: the untyped shift becomes float64
        Rejects("package p\n\nvar _ = complex(1, 2i)\nvar _ = complex(1, 2)\nvar s uint\nvar _ = complex(1<<s, 0)\n",
            "x.go:3:17: invalid operation: complex(1, 2i) (mismatched types untyped float and untyped complex)",
            "x.go:6:17: invalid operation: shifted operand 1 (type float64) must be integer");

    [SkippableFact]
    public void PointerToConstraintInterfaceInExpression() =>
        // types2 testdata fixedbugs/issue51578.go
        Rejects("package p\n\nvar _ = (*interface{ int })(nil)\n",
            "x.go:3:11: cannot use type interface{int} outside a type constraint: interface contains type constraints");

    // ---- builtin argument counts (types2 builtin: invalidOp prefix; found by tools/sweep on builtins0.go)

    [SkippableFact]
    public void BuiltinArgumentCountIsAnInvalidOperation() =>
        Rejects("package p\n\nfunc f() {\n\t_ = append()\n\t_ = len(1, 2)\n}\n",
            "x.go:4:6: invalid operation: not enough arguments for append() (expected 1, found 0)",
            "x.go:5:6: invalid operation: too many arguments for len(1, 2) (expected 1, found 2)");

    // ---- the noder's writer after type checking (pkgWriter.funcDecl under -complete; found by tools/sweep)

    [SkippableFact]
    public void FunctionWithoutBodyInACompletePackage() =>
        Rejects("package p\n\nimport _ \"unsafe\"\n\nfunc f()\n\n//go:linkname g runtime.g\nfunc g()\n\ntype T struct{}\n\nfunc (T) m()\n",
            "x.go:5:6: missing function body",
            "x.go:12:6: missing function body");

    [SkippableFact]
    public void MisplacedDirectivesAndLinknameTargets() =>
        // pkgWriter.collectDecls (gc's test/directive.go, fixedbugs/issue55889.go); the expectation is go build's
        Rejects("package p\n\nimport _ \"unsafe\"\n\n//go:noinline\nvar v int\n\n//go:linkname nonexistent runtime.x\n\n" +
            "//go:linkname f runtime.f\nfunc f()\n\n//go:linkname f runtime.g\n\n//go:linkname c runtime.c\nconst c = 1\n\n" +
            "func g() {\n\t//go:nosplit\n\ttype T int\n\t_ = T(0)\n}\n",
            "x.go:5:3: misplaced compiler directive",
            "x.go:8:3: //go:linkname must refer to declared function or variable",
            "x.go:13:3: duplicate //go:linkname for f",
            "x.go:15:3: //go:linkname must refer to declared function or variable",
            "x.go:19:4: misplaced compiler directive");

    [SkippableFact]
    public void VersionErrorNamesTheBuildLine() =>
        // noder.checkFiles' conf.Error hook (test/fixedbugs/issue63489a.go); types2's switch message (issue43110.go)
        Rejects("//go:build go1.21\n\npackage p\n\nfunc f() {\n\tfor range 10 {\n\t}\n\tswitch struct{ _ func() }{} {\n\t}\n}\n",
            "x.go:6:12: cannot range over 10 (untyped int constant): requires go1.22 or later (file declares //go:build go1.21)",
            "x.go:8:9: cannot switch on struct{_ func()}{} (value of type struct{_ func()}) (struct{_ func()} is not comparable)");

    [Fact]
    public void PointerToTypeParameterIsNotATypeParameter() =>
        // types2.isInterfacePtr holds for a pointer to a type parameter; interfacePtrError names it (gc 1.27's words)
        Rejects("package p\n\ntype M interface{ M() }\n\nfunc f[P M](p *P) {\n\tp.M()\n}\n",
            "x.go:6:4: p.M undefined (type *P is pointer to type parameter, not type parameter)");

    // ---- a method of a generic type seen through an instance before its declaration is checked (types2
    // Named.expandMethod calls check.objDecl(origm) first; found on github.com/urfave/cli/v2@v2.27.7 sliceflag.go,
    // docs/real-modules.md): the expanded signature was the unsubstituted one ("have Get() S, want Get() []int")

    [SkippableFact]
    public void InstanceMethodBeforeItsDeclaration() =>
        Accepts("package p\n\ntype S1[S any] struct{ Value S }\n\ntype I interface{ Get() []int }\n\n" +
                "var _ I = (*S1[[]int])(nil)\n\nfunc (x *S1[Q]) Get() Q { return x.Value }\n");

    [SkippableFact]
    public void InstanceMethodBeforeItsDeclarationThroughAliasAndConstraint() =>
        Accepts("package p\n\ntype (\n\tS1[T I[E], S ~[]E, E any] struct {\n\t\tTarget T\n\t\tValue  S\n\t}\n" +
                "\tI[E any] interface{ Get() []E }\n\tA = S1[*X, []string, string]\n)\n\n" +
                "var (\n\t_ I[string] = (*S1[*X, []string, string])(nil)\n\t_ I[string] = (*A)(nil)\n)\n\n" +
                "func (x *S1[T, S, E]) Get() S { return x.Value }\n\ntype X struct{}\n\nfunc (*X) Get() []string { return nil }\n");

    [SkippableFact]
    public void InstanceMethodBeforeItsDeclarationStillRejectsAMismatch() =>
        Rejects("package p\n\ntype S1[S any] struct{ Value S }\n\ntype I interface{ Get() []int }\n\n" +
                "var _ I = (*S1[[]string])(nil)\n\nfunc (x *S1[Q]) Get() Q { return x.Value }\n",
            "x.go:7:11: cannot use (*S1[[]string])(nil) (value of type *S1[[]string]) as I value in variable declaration: *S1[[]string] does not implement I (wrong type for method Get)",
            "\t\thave Get() []string",
            "\t\twant Get() []int");

    // ---- positions inside messages are written relative to the working directory, as the error's own (found by
    // tools/sweep on test/method1.go and the adversarial instantiation cycle)

    [SkippableFact]
    public void PositionsInsideMessagesAreRelative()
    {
        var goroot = Oracle.GoRoot();
        var dir = CliHarness.NewTempDir("checkrel");
        try
        {
            CliHarness.WriteGoMod(dir);
            File.WriteAllText(Path.Combine(dir, "x.go"), "package p\n\ntype T struct{}\n\nfunc (T) M() {}\nfunc (T) M() {}\n");
            var run = CliHarness.RunGoEscape(["check", "-goroot", goroot, "-C", dir, "."], Limit);
            Assert.Equal(1, run.ExitCode);
            Assert.Contains("./x.go:6:10: method T.M already declared at ./x.go:5:10", run.Lines());
        }
        finally
        {
            CliHarness.TryDelete(dir);
        }
    }
}
