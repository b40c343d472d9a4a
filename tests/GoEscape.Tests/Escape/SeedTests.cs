using GoEscape.Escape;
using GoEscape.IR;
using Func = GoEscape.IR.Func;
using static GoEscape.Tests.Escape.IrBuilder;

namespace GoEscape.Tests.Escape;

/// <summary>
/// The seed examples (testdata/escape/seed1/a.go.txt) built by hand as the lowering will build them, checked
/// line by line against gc 1.27's `go build -gcflags='-m -l'` and `-m=2 -l` output (m1.txt, m2.txt).
/// </summary>
public sealed class SeedTests
{
    internal static string TestData(string rel)
    {
        var dir = AppContext.BaseDirectory;
        while (dir != null && !Directory.Exists(Path.Combine(dir, "tests", "GoEscape.Tests", "testdata")))
            dir = Path.GetDirectoryName(dir);
        if (dir == null)
        {
            // artifacts output outside the repo: fall back to the source tree location of this file
            dir = Path.GetFullPath(Path.Combine(Path.GetDirectoryName(ThisFile())!, "..", "..", ".."));
        }
        return Path.Combine(dir, "tests", "GoEscape.Tests", "testdata", "escape", rel);
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string p = "") => p;

    internal static string[] Expected(string rel) => File.ReadAllLines(TestData(rel));

    /// <summary>Runs the escape analysis over a hand-built package and returns gc-format messages in emission order.</summary>
    internal static List<string> Run(IrBuilder b, int m, bool smallFrames = false)
    {
        var log = new EscapeLog();
        EscapeAnalysis.Funcs(b.Funcs, new EscapeOptions { M = m, SmallFrames = smallFrames }, log);
        return log.Lines.ToList();
    }

    /// <summary>Builds the IR of seed1/a.go.txt.</summary>
    internal static IrBuilder BuildSeed1()
    {
        var b = new IrBuilder();
        var bytesPkg = new IrPkg("bytes", "bytes");
        var bufferT = IrType.NewNamed(new IrSym(bytesPkg, "Buffer")).SetUnderlying(IrType.NewStruct([]));
        var pBuf = Ptr(bufferT);
        var byteSlice = SliceOf(IrType.Byte);
        // func (b *Buffer) Len() int           -- b does not escape: tag "esc:"
        var bufLen = Imported(bytesPkg, "(*Buffer).Len", Param("b", pBuf, "esc:"), [], [Param("~r0", IrType.Int)]);
        // func (b *Buffer) Bytes() []byte      -- leaking param content to result ~r0 level=1
        var bufBytes = Imported(bytesPkg, "(*Buffer).Bytes", Param("b", pBuf, "esc:\u0000\u0000\u0000\u0002"), [], [Param("~r0", byteSlice)]);
        // func NewBufferString(s string) *Buffer  -- s does not escape
        var newBufferString = Imported(bytesPkg, "NewBufferString", null, [Param("s", IrType.String, "esc:")], [Param("~r0", pBuf)]);

        var myBuffer = b.Named("MyBuffer", b.Struct(("buffer", pBuf)));
        var pMy = Ptr(myBuffer);
        var sT = IrType.NewNamed(new IrSym(b.Pkg, "S"));
        sT.SetUnderlying(b.Struct(("M", Ptr(IrType.Int))));

        // 11 func (mb *MyBuffer) Read() ([]byte, error) {
        // 12 	b := make([]byte, mb.buffer.Len(), SIZE)
        // 13 	copy(b, mb.buffer.Bytes())
        // 14 	return b, nil
        var read = b.Func("(*MyBuffer).Read", 11, 21, Par("mb", pMy, 11, 7), [], [Par("~r0", byteSlice, 11, 28), Par("~r1", Error, 11, 36)]);
        {
            var mb = read["mb"];
            var lb = read.Local("b", byteSlice, 12, 2);
            var mk = b.MakeSlice(byteSlice,
                b.MethodCall(bufLen, pBuf, b.DotPtr(mb, "buffer", pBuf, 12, 22), 12, 33),
                b.Int(8, 12, 37), 12, 11);
            var cp = new BinaryExpr(Op.OCOPY, b.P(13, 6), lb, b.MethodCall(bufBytes, pBuf, b.DotPtr(mb, "buffer", pBuf, 13, 12), 13, 25)) { Type = IrType.Int };
            read.Body(
                read.Define(lb, mk, 12, 4),
                cp,
                read.Return(14, 2, lb, b.Nil(Error, 14, 12)));
        }
        var readName = read.Fn.Nname;

        // 17 func getOne() *int { i := 1; return &i }
        var getOne = b.Func("getOne", 17, 6, null, [], [Par("~r0", Ptr(IrType.Int), 17, 15)]);
        {
            var i = getOne.Local("i", IrType.Int, 18, 2);
            getOne.Body(getOne.Define(i, b.Int(1, 18, 7), 18, 4), getOne.Return(19, 2, b.AddrOf(i, 19, 9)));
        }

        // 22 func nextIntWithPtr(i *int) int { return *i + 1 }
        var next = b.Func("nextIntWithPtr", 22, 6, null, [Par("i", Ptr(IrType.Int), 22, 21)], [Par("~r0", IrType.Int, 22, 28)]);
        next.Body(next.Return(23, 2, new BinaryExpr(Op.OADD, b.P(23, 12), b.Deref(next["i"], 23, 9), b.Int(1, 23, 14)) { Type = IrType.Int }));

        // 26 func ref(y *int, z *S) { z.M = y }
        var refF = b.Func("ref", 26, 6, null, [Par("y", Ptr(IrType.Int), 26, 10), Par("z", Ptr(sT), 26, 18)], []);
        refF.Body(refF.Assign(b.DotPtr(refF["z"], "M", Ptr(IrType.Int), 27, 3), refF["y"], 27, 6));

        // 34 func refStruct(y int) (z S) { z.M = &y; return z }
        var refStruct = b.Func("refStruct", 34, 6, null, [Par("y", IrType.Int, 34, 16)], [Par("z", sT, 34, 24)]);
        {
            var y = refStruct["y"]; var z = refStruct["z"];
            refStruct.Body(
                refStruct.Assign(b.Dot(z, "M", Ptr(IrType.Int), 35, 3), b.AddrOf(y, 35, 8), 35, 6),
                refStruct.Return(36, 2, z));
        }

        // 39 func identity(z *S) *S { return z }
        var identity = b.Func("identity", 39, 6, null, [Par("z", Ptr(sT), 39, 15)], [Par("~r0", Ptr(sT), 39, 21)]);
        identity.Body(identity.Return(40, 2, identity["z"]));

        // 43 func mk(v int) { s := make([]int, v); _ = s; t := make([]int64, 8*1024+1); _ = t; u := make([]int64, 8*1024); _ = u }
        var mkF = b.Func("mk", 43, 6, null, [Par("v", IrType.Int, 43, 9)], []);
        {
            var blank = IrBuilder.Blank;
            var s = mkF.Local("s", SliceOf(IrType.Int), 44, 2);
            var t = mkF.Local("t", SliceOf(IrType.Int64), 46, 2);
            var u = mkF.Local("u", SliceOf(IrType.Int64), 48, 2);
            mkF.Body(
                mkF.Define(s, b.MakeSlice(SliceOf(IrType.Int), mkF["v"], null, 44, 11), 44, 4),
                mkF.Assign(blank, s, 45, 4),
                mkF.Define(t, b.MakeSlice(SliceOf(IrType.Int64), b.Int(8193, 46, 24), null, 46, 11), 46, 4),
                mkF.Assign(blank, t, 47, 4),
                mkF.Define(u, b.MakeSlice(SliceOf(IrType.Int64), b.Int(8192, 48, 24), null, 48, 11), 48, 4),
                mkF.Assign(blank, u, 49, 4));
        }

        // 52 func clo() { var x *int; func() { j := 2; x = &j }(); _ = x }
        var clo = b.Func("clo", 52, 6, null, [], []);
        {
            var blank = IrBuilder.Blank;
            var x = clo.Local("x", Ptr(IrType.Int), 53, 6);
            var (closure, inner) = clo.Closure("clo.func1", 54, 2, [], [], (x, 56, 3));
            var j = inner.Local("j", IrType.Int, 55, 3);
            inner.Body(
                inner.Define(j, b.Int(2, 55, 8), 55, 5),
                inner.Assign(inner.CV("x"), b.AddrOf(j, 56, 7), 56, 5));
            clo.Body(
                clo.Var(x, 53, 6),
                b.Call(closure, 57, 3),
                clo.Assign(blank, x, 58, 4));
        }

        // 61 func g(a *int) { *a++ }
        var g = b.Func("g", 61, 6, null, [Par("a", Ptr(IrType.Int), 61, 8)], []);
        g.Body(new AssignOpStmt(b.P(62, 4), Op.OADD, b.Deref(g["a"], 62, 2), b.Int(1, 62, 4)) { IncDec = true });

        // 65 func f() int { a := 42; go g(&a); return a }
        var f = b.Func("f", 65, 6, null, [], [Par("~r0", IrType.Int, 65, 10)]);
        {
            var a = f.Local("a", IrType.Int, 66, 2);
            // typecheck's normalizeGoDeferCall: .autotmp_2 := &a; go func() { g(.autotmp_2) }()
            var tmp = Temps.TempAt(b.P(67, 7), f.Fn, Ptr(IrType.Int));
            var as2 = new AssignListStmt(Op.OAS2, b.P(67, 2), [tmp], [b.AddrOf(a, 67, 7)]);
            tmp.Defn = as2;
            var (wrap, inner) = f.Closure("f.gowrap1", 67, 2, [], [], (tmp, 67, 7));
            inner.Fn.Wrapper = true;
            inner.Body(b.Call(g.Fn.Nname, 67, 6, inner.CV(".autotmp_2")));
            var goStmt = new GoDeferStmt(Op.OGO, b.P(67, 2), b.Call(wrap, 67, 2));
            goStmt.Init.Add(new Decl(b.P(67, 7), tmp));
            goStmt.Init.Add(as2);
            f.Body(f.Define(a, b.Int(42, 66, 7), 66, 4), goStmt, f.Return(68, 2, a));
        }

        // 71 func main()
        var main = b.Func("main", 71, 6, null, [], []);
        {
            var blank = IrBuilder.Blank;
            var x = main.Local("x", sT, 72, 6);
            var i = main.Local("i", IrType.Int, 73, 6);
            var mb = main.Local("mb", pMy, 76, 2);
            var lit = b.StructLit(myBuffer, 76, 17, ("buffer", b.Call(newBufferString, 76, 43, b.Str("x", 76, 44))));
            main.Body(
                main.Var(x, 72, 6),
                main.Var(i, 73, 6),
                b.Call(refF.Fn.Nname, 74, 5, b.AddrOf(i, 74, 6), b.AddrOf(x, 74, 10)),
                main.Assign(blank, b.Deref(b.Call(identity.Fn.Nname, 75, 15, b.AddrOf(x, 75, 16)), 75, 6), 75, 4),
                main.Define(mb, b.PtrLit(lit, 76, 8), 76, 5),
                b.MethodCall(readName, pMy, mb, 77, 9),
                b.Call(mkF.Fn.Nname, 78, 4, b.Int(3, 78, 5)),
                b.Call(clo.Fn.Nname, 79, 5),
                b.Call(f.Fn.Nname, 80, 3));
        }
        return b;
    }

    [Fact]
    public void Seed1_M1_MatchesGc()
    {
        var got = Run(BuildSeed1(), 1);
        Assert.Equal(Expected("seed1/m1.txt"), got);
    }

    [Fact]
    public void Seed1_M2_MatchesGc()
    {
        var got = Run(BuildSeed1(), 2);
        Assert.Equal(Expected("seed1/m2.txt"), got);
    }

    [Fact]
    public void Seed1_Tags()
    {
        var b = BuildSeed1();
        Run(b, 0);
        var byName = b.Funcs.ToDictionary(f => f.Sym.Name);
        Assert.Equal("", byName["ref"].Signature.Params[0].Note);                 // leaking param: y
        Assert.Equal("esc:\u0000\u0001", byName["ref"].Signature.Params[1].Note); // z does not escape, but is mutated (derefs=0)
        Assert.Equal("esc:\u0000\u0000\u0000\u0001", byName["identity"].Signature.Params[0].Note); // to result ~r0 level=0
        Assert.Equal("esc:", byName["(*MyBuffer).Read"].Signature.Recv!.Note);
    }
}
