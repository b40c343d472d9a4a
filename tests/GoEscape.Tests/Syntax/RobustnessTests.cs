using System.Diagnostics;
using System.Text;
using GoEscape.Syntax;
using Xunit.Abstractions;

namespace GoEscape.Tests.Syntax;

/// <summary>The parser must never crash or hang: deep nesting, huge files, bad encodings, empty input.</summary>
public sealed class RobustnessTests(ITestOutputHelper output)
{
    private static (GoEscape.Syntax.File f, ErrorSink errs) Parse(string src) => SyntaxTestEnv.Parse("x.go", src);

    private static string Repeat(string s, int n) => new StringBuilder(s.Length * n).Insert(0, s, n).ToString();

    [Fact]
    public void TenThousandNestedParens()
    {
        const int n = 10_000;
        var (f, errs) = Parse("package p\n\nvar x = " + Repeat("(", n) + "1" + Repeat(")", n) + "\n");
        Assert.Equal(0, errs.Count);
        var v = Assert.IsType<VarDecl>(Assert.Single(f.DeclList));
        Expr e = v.Values!;
        int depth = 0;
        while (e is ParenExpr pe) { depth++; e = pe.X; } // gc keeps parentheses in expressions
        Assert.Equal(n, depth);
        Assert.IsType<BasicLit>(e);
    }

    [Fact]
    public void TenThousandNestedFuncLits()
    {
        const int n = 10_000;
        var (f, errs) = Parse("package p\n\nvar x = " + Repeat("func() {\n_ = ", n) + "1" + Repeat("\n}", n) + "\n");
        Assert.Equal(0, errs.Count);
        int depth = 0;
        Expr? e = ((VarDecl)f.DeclList[0]).Values;
        while (e is FuncLit fl)
        {
            depth++;
            e = ((AssignStmt)fl.Body.List[0]).Rhs;
        }
        Assert.Equal(n, depth);
    }

    [Fact]
    public void TenThousandNestedBlocksIfsAndLiterals()
    {
        const int n = 10_000;
        var (_, e1) = Parse("package p\n\nfunc f() {\n" + Repeat("{", n) + Repeat("}", n) + "\n}\n");
        Assert.Equal(0, e1.Count);
        var (_, e2) = Parse("package p\n\nfunc f(b bool) {\n" + Repeat("if b {\n", n) + Repeat("}\n", n) + "}\n");
        Assert.Equal(0, e2.Count);
        var (_, e3) = Parse("package p\n\nvar x = " + Repeat("[]any{", n) + Repeat("}", n) + "\n");
        Assert.Equal(0, e3.Count);
        var (_, e4) = Parse("package p\n\nvar x = " + Repeat("!", n) + "true\n");
        Assert.Equal(0, e4.Count);
        var (_, e5) = Parse("package p\n\nvar x " + Repeat("*", n) + "int\n");
        Assert.Equal(0, e5.Count);
        var (_, e6) = Parse("package p\n\nfunc f() {\n" + Repeat("for {\n", n) + Repeat("}\n", n) + "}\n");
        Assert.Equal(0, e6.Count);
    }

    /// <summary>Nesting beyond what even a 1 GiB stack holds (gc dies with "goroutine stack exceeds
    /// 1000000000-byte limit") is reported as an error instead of crashing.</summary>
    [Fact]
    public void AbsurdNestingIsAnErrorNotACrash()
    {
        // 2,000,000 levels: more than the 128 MiB parser stack holds however small the JIT makes the frames (300,000
        // fit once tiered compilation had optimized the recursive-descent frames: the test passed or failed by timing)
        const int n = 2_000_000;
        var sw = Stopwatch.StartNew();
        var (f, errs) = Parse("package p\n\nvar x = " + Repeat("(", n) + "1" + Repeat(")", n) + "\n");
        output.WriteLine($"{sw.ElapsedMilliseconds} ms, {errs.Count} errors: {errs.First}");
        Assert.NotNull(f);
        Assert.Contains(errs.Errors, e => e.Msg.Contains("nesting too deep"));
    }

    [Fact]
    public void FiftyMegabyteFile()
    {
        var sb = new StringBuilder("package p\n\n");
        int i = 0;
        while (sb.Length < 50 << 20)
        {
            sb.Append("// f").Append(i).Append(" does some work.\n");
            sb.Append("func f").Append(i).Append("(a, b int, s []string) (int, error) {\n");
            sb.Append("\tfor i, x := range s {\n\t\tif len(x) > a && i%2 == 0 {\n\t\t\tb += len(x) * 3\n\t\t}\n\t}\n");
            sb.Append("\tm := map[string]int{\"a\": 1, \"b\": 2}\n\treturn b + m[\"a\"], nil\n}\n\n");
            i++;
        }
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());
        var sw = Stopwatch.StartNew();
        var errs = new ErrorSink();
        var f = Parser.ParseFile("big.go", bytes, errs);
        sw.Stop();
        output.WriteLine($"{bytes.Length >> 20} MB, {f.DeclList.Count} funcs, {f.LineStarts.Length} lines in {sw.ElapsedMilliseconds} ms");
        Assert.Equal(0, errs.Count);
        Assert.Equal(i, f.DeclList.Count);
        Assert.True(sw.Elapsed < TimeSpan.FromSeconds(180), "too slow (hang?)"); // ~2 s of CPU in Release on an idle machine
    }

    [Fact]
    public void EmptyFile()
    {
        var (f, errs) = Parse("");
        Assert.True(f.Broken);
        Assert.Equal("x.go:1:1: syntax error: package statement must be first", Assert.Single(errs.Errors).ToString());
    }

    [Fact]
    public void OnlyPackageClause()
    {
        var (f, errs) = Parse("package p");
        Assert.Equal(0, errs.Count);
        Assert.Equal("p", f.PkgName.Value);
        Assert.Empty(f.DeclList);
    }

    [Fact]
    public void NulBytesAreReportedAndSkipped()
    {
        var errs = new ErrorSink();
        var f = Parser.ParseFile("x.go", Encoding.UTF8.GetBytes("package p\n\nvar x\0y = 1\n"), errs);
        Assert.Equal("x.go:3:6: invalid NUL character", Assert.Single(errs.Errors).ToString());
        Assert.Equal("x\0y", ((VarDecl)f.DeclList[0]).NameList[0].Value); // gc keeps the byte in the name
    }

    [Fact]
    public void InvalidUtf8IsReportedAndSkipped()
    {
        var errs = new ErrorSink();
        var src = System.Text.Encoding.UTF8.GetBytes("package p\nvar x = 1\n").Concat(new byte[] { 0xff, 0xfe, (byte)'\n' }).ToArray();
        var f = Parser.ParseFile("x.go", src, errs);
        Assert.Equal(["x.go:3:1: invalid UTF-8 encoding", "x.go:3:2: invalid UTF-8 encoding"], errs.Errors.Select(e => e.ToString()).ToArray());
        Assert.False(f.Broken);
        Assert.Single(f.DeclList);
        // As in gc, an error while scanning the token after the package clause drops the whole file.
        var errs2 = new ErrorSink();
        Assert.True(Parser.ParseFile("y.go", new byte[] { (byte)'p', (byte)'a', (byte)'c', (byte)'k', (byte)'a', (byte)'g', (byte)'e', (byte)' ', (byte)'p', (byte)'\n', 0xff }, errs2).Broken);
    }

    [Fact]
    public void LeadingBomIsIgnored()
    {
        var errs = new ErrorSink();
        var src = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("package p\nvar x = 1\n")).ToArray();
        var f = Parser.ParseFile("x.go", src, errs);
        Assert.Equal(0, errs.Count);
        Assert.Equal(12u, f.PkgName.Pos.Col); // gc counts the BOM's 3 bytes: "package" is at column 4
    }

    [Fact]
    public void RandomGarbageNeverCrashes()
    {
        var rng = new Random(42);
        var tokens = new[] { "package", "p", "func", "(", ")", "{", "}", "[", "]", "var", "x", ":=", "=", ",", ";", "\n", "if", "for",
            "range", "switch", "case", "default", ":", "go", "defer", "<-", "chan", "map", "struct", "interface", "type", "*", "&", "1", "\"s\"",
            "'c'", "...", ".", "~", "|", "return", "goto", "L", "break", "select", "else", "const", "import", "`r`", "/*", "*/", "//", "0x", "1e" };
        for (int iter = 0; iter < 2000; iter++)
        {
            var sb = new StringBuilder(iter % 3 == 0 ? "package p\n" : "");
            int len = rng.Next(1, 80);
            for (int k = 0; k < len; k++) sb.Append(tokens[rng.Next(tokens.Length)]).Append(rng.Next(4) == 0 ? "\n" : " ");
            var errs = new ErrorSink();
            var f = Parser.ParseFile("g.go", Encoding.UTF8.GetBytes(sb.ToString()), errs);
            Assert.NotNull(f);
        }
    }
}
