using System.Text.RegularExpressions;
using GoEscape.Harness;
using GoEscape.IR;

namespace GoEscape.Tests.Lowering;

/// <summary>
/// Fmt.InlineBody, the text -m=2 prints after "can inline F with cost N as: " (gc's ir/fmt.go stmtFmt/exprFmt and
/// the %v of ir.Nodes and of the function's type). The fixture (testdata/lowering/inlinebody/p/p.go.txt) covers
/// statements and expressions of every kind gc's printer distinguishes; expected.m2.txt holds gc 1.27's "can inline"
/// lines of `go build -gcflags=-m=2 ./p` on it.
/// </summary>
public sealed class InlineBodyPrinterTests
{
    private static readonly Regex CanInline = new(@"^(\S+): can inline (.+?) with cost \d+ as: (.*)$");

    private static string Dir() => Path.Combine(PipelineExampleTests.RepoRoot(), "tests", "GoEscape.Tests", "testdata", "lowering", "inlinebody");

    private static List<(string Pos, string Name, string Text)> Expected()
    {
        var r = new List<(string, string, string)>();
        foreach (var l in File.ReadAllLines(Path.Combine(Dir(), "expected.m2.txt")))
        {
            var m = CanInline.Match(l);
            Assert.True(m.Success, l);
            r.Add((m.Groups[1].Value, m.Groups[2].Value, m.Groups[3].Value));
        }
        return r;
    }

    /// <summary>The fixture as a module in a temporary directory ("ex", package ./p).</summary>
    private static DirectoryInfo Module()
    {
        var tmp = Directory.CreateTempSubdirectory("goescape-inlinebody-");
        File.WriteAllText(Path.Combine(tmp.FullName, "go.mod"), "module ex\n\ngo 1.27\n");
        Directory.CreateDirectory(Path.Combine(tmp.FullName, "p"));
        File.Copy(Path.Combine(Dir(), "p", "p.go.txt"), Path.Combine(tmp.FullName, "p", "p.go"));
        return tmp;
    }

    private static string LineOf(string pos) => pos[..pos.LastIndexOf(':')];

    /// <summary>Every function gc can inline in the fixture prints as gc prints it. (Functions are matched by file,
    /// line and name: our methods are positioned at their name, gc's at the receiver.)</summary>
    [SkippableFact]
    public void FixtureBodiesPrintAsGcPrintsThem()
    {
        var goroot = Oracle.GoRoot(); // Go's sources (the fixture imports strings and unsafe)
        var tmp = Module();
        try
        {
            var ours = Printer.Lower(goroot, tmp.FullName, ["./p"], out var errors);
            Assert.Empty(errors);
            var byLine = new Dictionary<(string, string), Func>();
            foreach (var (k, f) in ours) byLine.TryAdd((LineOf(k.Pos), k.Name), f);
            var want = Expected();
            Assert.Equal(70, want.Count);
            var diffs = new List<string>();
            foreach (var (pos, name, text) in want)
            {
                if (!byLine.TryGetValue((LineOf(pos), name), out var fn)) { diffs.Add($"{pos}: {name}: not lowered"); continue; }
                var got = Fmt.InlineBody(fn);
                if (got != text) diffs.Add($"{pos}: {name}:\n  gc:   {text}\n  ours: {got}");
            }
            Assert.True(diffs.Count == 0, string.Join('\n', diffs));
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }

    /// <summary>expected.m2.txt is what gc 1.27 prints for the fixture.</summary>
    [SkippableFact]
    public void CheckedInTextIsGcs()
    {
        var goroot = Oracle.GoRoot();
        var tmp = Module();
        try
        {
            var (rc, output) = Go.Run(goroot, tmp.FullName, ["build", "-gcflags=-m=2", "./p"]);
            Assert.True(rc == 0, output);
            var gc = output.ReplaceLineEndings("\n").Split('\n').Where(l => l.Contains(": can inline ", StringComparison.Ordinal)).ToList();
            Assert.Equal(File.ReadAllLines(Path.Combine(Dir(), "expected.m2.txt")), gc);
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }

    // ---- nodes built by hand: forms the fixture cannot produce through our lowering, printed as stmtFmt does

    private static readonly IrPkg Local = new("ex/p", "p") { IsLocal = true };
    private static readonly IrPkg Other = new("ex/q", "q");

    private static Name Var(string name, IrType t, IrPkg? pkg = null) => new(default, new IrSym(pkg ?? Local, name), t, Class.PAUTO);

    private static Func Fn(IrType sig, params Node[] body)
    {
        var fn = new Func(default, new Name(default, new IrSym(Local, "f"), sig, Class.PFUNC));
        fn.Body.AddRange(body);
        return fn;
    }

    private static BasicLit Int(long v) => new(default, IrType.Int, IrConst.OfInt(v));

    [Fact]
    public void EmptyBodyHasTwoSpaces()
        => Assert.Equal("func() {  }", Fmt.InlineBody(Fn(IrType.NewSignature(null, [], []))));

    [Fact]
    public void MethodSignatureHasItsReceiverAndNoParameterNames()
    {
        var t = IrType.NewNamed(new IrSym(Local, "T"));
        var sig = IrType.NewSignature(new Field(new IrSym(null, "t"), IrType.NewPtr(t)),
            [new Field(new IrSym(null, "a"), IrType.Int), new Field(new IrSym(null, "b"), IrType.NewSlice(IrType.String)) { IsDDD = true }],
            [new Field(null, IrType.Bool), new Field(null, IrType.NewNamed(new IrSym(Other, "E")))]);
        Assert.Equal("method(*T) func(int, ...string) (bool, q.E) {  }", Fmt.InlineBody(Fn(sig)));
    }

    [Fact]
    public void DeclarationsAssignmentsAndBlocks()
    {
        var x = Var("x", IrType.Int);
        var y = Var("y", IrType.Int, Other);
        var def = new AssignStmt(default, x, Int(1)) { Def = true };
        var fn = Fn(IrType.NewSignature(null, [], []),
            new Decl(default, x),
            def,
            new AssignStmt(default, x, null),
            new BlockStmt(default, [new AssignOpStmt(default, Op.OADD, x, Int(1)) { IncDec = true }, new AssignOpStmt(default, Op.OLSH, x, Int(2))]),
            new BlockStmt(default, []),
            new AssignListStmt(Op.OAS2, default, [x, y], [y, x]),
            new ReturnStmt(default, []));
        Assert.Equal("func() { var x int; x := 1; x = <nil>; x++; x <<= 2; ; x, q.y = q.y, x; return  }", Fmt.InlineBody(fn));
    }

    [Fact]
    public void ComplexInitListsAreNotPrinted()
    {
        // stmtFmt prints an if's init only when it is one statement without inits of its own (simpleinit); other
        // statements' inits, and complex ones, are not printed (exportFormat is false)
        var x = Var("x", IrType.Int);
        var cond = new BinaryExpr(Op.OGT, default, x, Int(0)) { Type = IrType.Bool };
        var simple = new IfStmt(default, cond, [new ReturnStmt(default, [])], []);
        simple.Init.Add(new AssignStmt(default, x, Int(2)));
        var complex = new IfStmt(default, cond, [], [new BranchStmt(Op.OBREAK, default, null)]);
        complex.Init.Add(new Decl(default, x));
        complex.Init.Add(new AssignStmt(default, x, Int(2)) { Def = true });
        var assign = new AssignStmt(default, x, Int(3));
        assign.Init.Add(new Decl(default, x));
        var fn = Fn(IrType.NewSignature(null, [], []), simple, complex, assign);
        Assert.Equal("func() { if x = 2; x > 0 { return  }; if x > 0 {  } else { break }; x = 3 }", Fmt.InlineBody(fn));
    }

    [Fact]
    public void LabelsBranchesAndShortenedStatements()
    {
        var l = new IrSym(Local, "L");
        var x = Var("x", IrType.Int);
        var fn = Fn(IrType.NewSignature(null, [], []),
            new LabelStmt(default, l),
            new BranchStmt(Op.OGOTO, default, l),
            new BranchStmt(Op.OCONTINUE, default, l),
            new BranchStmt(Op.OFALL, default, null),
            new ForStmt(default, null, null, []),
            new RangeStmt(default, x, null, null, []),
            new SwitchStmt(default, x, []),
            new SelectStmt(default, []),
            new InlineMarkStmt(default, 3));
        // OINLMARK has no precedence in gc's OpPrec: fmtNode sends it to exprFmt, which does not know it
        Assert.Equal("func() { L: ; goto L; continue L; fallthrough; for loop; for loop; switch statement; select statement; <node inlmark> }",
            Fmt.InlineBody(fn));
    }

    [Fact]
    public void UnknownOpsPrintWithGcsOpName()
    {
        var p = Var("p", IrType.NewPtr(IrType.Uint8));
        var fn = Fn(IrType.NewSignature(null, [], [new Field(null, IrType.String)]),
            new ReturnStmt(default, [new BinaryExpr(Op.OUNSAFESTRING, default, p, Int(1)) { Type = IrType.String }]));
        Assert.Equal("func() string { return <node unsafe.String> }", Fmt.InlineBody(fn));
    }

    [Theory]
    [InlineData(0xD800, "'\uFFFD'")]   // invalid runes print as utf8.RuneError
    [InlineData(0xFFFD, "'\uFFFD'")]
    [InlineData(0xFFFF, "'\\uffff'")]  // not printable
    [InlineData(0xE000, "'\\ue000'")]
    [InlineData(0x10FFFF, "'\\U0010ffff'")]
    [InlineData(0x3FF, "'\u03FF'")]
    [InlineData(0x10000, "'\U00010000'")]
    [InlineData(0xA0, "'\\u00a0'")]
    public void RuneConstantsQuoteAsStrconv(int r, string want) => Assert.Equal(want, StrLit.QuoteRune(r));

    [Theory]
    [InlineData(9223372036854775808.0, "9223372036854775808", "9.22337e+18")]
    [InlineData(16777216.0, "16777216", "1.67772e+07")]
    [InlineData(1.0, "1", "1")]
    [InlineData(100000.0, "100000", "100000")]
    [InlineData(0.5, "0.5", "0.5")]
    public void FloatConstantsPrintAsGoConstantFloats(double v, string text, string want)
        => Assert.Equal(want, IrConst.OfFloat(v, text).ToString());

    [Fact]
    public void StructFieldsOfOtherPackagesAreQualifiedWhenUnexported()
    {
        var s = IrType.NewStruct([new Field(new IrSym(Other, "f"), IrType.Int), new Field(new IrSym(Other, "G"), IrType.Int),
                                  new Field(new IrSym(Local, "h"), IrType.Int)]);
        Assert.Equal("struct { q.f int; G int; h int }", TypeFmt.Format(s));
        var i = IrType.NewInterface([new Field(new IrSym(Local, "m"), IrType.NewSignature(null, [], []))]);
        Assert.Equal("interface { ex/p.m() }", TypeFmt.Format(i));
    }
}
