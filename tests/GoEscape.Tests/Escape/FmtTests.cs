using GoEscape.Escape;
using GoEscape.IR;
using static GoEscape.Tests.Escape.IrBuilder;

namespace GoEscape.Tests.Escape;

/// <summary>The -m expression printer (ir/fmt.go exprFmt) on the forms gc prints in escape diagnostics.</summary>
public sealed class FmtTests
{
    private static readonly IrBuilder B = new();
    private static readonly XPos P0 = B.P(1, 1);

    private static Name Local(string name, IrType t) => new(P0, new IrSym(B.Pkg, name), t, Class.PAUTO);

    [Fact]
    public void CompositeLiterals()
    {
        var myBuffer = B.Named("MyBuffer", B.Struct(("buffer", Ptr(IrType.Int))));
        var lit = B.StructLit(myBuffer, 1, 1, ("buffer", B.Nil(Ptr(IrType.Int), 1, 1)));
        Assert.Equal("&MyBuffer{...}", B.PtrLit(lit, 1, 1).ToString());
        Assert.Equal("MyBuffer{}", B.StructLit(myBuffer, 1, 1).ToString());
        var dots = B.SliceLit(SliceOf(IrType.EmptyInterface), 1, 1, B.Int(1, 1, 1));
        Assert.Equal("[]interface {}{...}", dots.ToString());
        dots.Implicit = true;
        Assert.Equal("... argument", dots.ToString());
        var bytesBuf = IrType.NewNamed(new IrSym(new IrPkg("bytes", "bytes"), "Buffer")).SetUnderlying(IrType.NewStruct([]));
        Assert.Equal("[]*bytes.Buffer{...}", B.SliceLit(SliceOf(Ptr(bytesBuf)), 1, 1, B.Nil(Ptr(bytesBuf), 1, 1)).ToString());
        Assert.Equal("map[string]int{}", new CompLitExpr(Op.OMAPLIT, P0, []) { Type = MapOf(IrType.String, IrType.Int) }.ToString());
    }

    [Fact]
    public void MakeNewAndBuiltins()
    {
        var n = Local("n", IrType.Int);
        Assert.Equal("make([]byte, 10)", B.MakeSlice(SliceOf(IrType.Byte), B.Int(10, 1, 1), null, 1, 1).ToString());
        Assert.Equal("make([]int, n, 8)", B.MakeSlice(SliceOf(IrType.Int), n, B.Int(8, 1, 1), 1, 1).ToString());
        // make(map[string]int) with untyped (defaulted) hint prints without size
        Assert.Equal("make(map[string]int)", new MakeExpr(Op.OMAKEMAP, P0, null, null) { Type = MapOf(IrType.String, IrType.Int) }.ToString());
        Assert.Equal("make(chan int, n)", new MakeExpr(Op.OMAKECHAN, P0, n, null) { Type = IrType.NewChan(IrType.Int, ChanDir.Both) }.ToString());
        Assert.Equal("new(int)", B.New(IrType.Int, 1, 1).ToString());
        var s = Local("s", SliceOf(Ptr(IrType.Int)));
        var v = Local("v", Ptr(IrType.Int));
        Assert.Equal("append(s, v)", new CallExpr(Op.OAPPEND, P0, null, [s, v]).ToString());
        Assert.Equal("append(s, s...)", new CallExpr(Op.OAPPEND, P0, null, [s, s]) { IsDDD = true }.ToString());
        Assert.Equal("copy(s, s)", new BinaryExpr(Op.OCOPY, P0, s, s).ToString());
        Assert.Equal("len(s)", new UnaryExpr(Op.OLEN, P0, s).ToString());
        Assert.Equal("unsafe.Slice(v, n)", new BinaryExpr(Op.OUNSAFESLICE, P0, v, n).ToString());
    }

    [Fact]
    public void CallsAndMethodExpressions()
    {
        var bytesPkg = new IrPkg("bytes", "bytes");
        var buf = IrType.NewNamed(new IrSym(bytesPkg, "Buffer")).SetUnderlying(IrType.NewStruct([]));
        var len = Imported(bytesPkg, "(*Buffer).Len", Param("b", Ptr(buf)), [], [Param("~r0", IrType.Int)]);
        var myBuffer = B.Named("MyBuffer", B.Struct(("buffer", Ptr(buf))));
        var mb = Local("mb", Ptr(myBuffer));
        var call = B.MethodCall(len, Ptr(buf), B.DotPtr(mb, "buffer", Ptr(buf), 1, 1), 1, 1);
        Assert.Equal("(*bytes.Buffer).Len(mb.buffer)", call.ToString());
        Assert.Equal("make([]byte, (*bytes.Buffer).Len(mb.buffer), 8)",
            B.MakeSlice(SliceOf(IrType.Byte), call, B.Int(8, 1, 1), 1, 1).ToString());
        var fv = Local("f", Sig([IrType.Int], []));
        Assert.Equal("f(1, 2)", new CallExpr(Op.OCALLFUNC, P0, fv, [B.Int(1, 1, 1), B.Int(2, 1, 1)]).ToString());
        var sel = new SelectorExpr(Op.OMETHVALUE, P0, mb, new IrSym(B.Pkg, "Read"));
        Assert.Equal("mb.Read", sel.ToString());
    }

    [Fact]
    public void ConversionsAndDerefs()
    {
        var r0 = Local("~r0", Ptr(IrType.Int));
        // *(*int)(~r0): deref of a non-implicit conversion (inlined result)
        var conv = new ConvExpr(Op.OCONVNOP, P0, Ptr(IrType.Int), r0);
        Assert.Equal("*(*int)(~r0)", B.Deref(conv, 1, 1).ToString());
        var bs = Local("b", SliceOf(IrType.Byte));
        Assert.Equal("string(b)", new ConvExpr(Op.OBYTES2STR, P0, IrType.String, bs).ToString());
        var s = Local("s", IrType.String);
        Assert.Equal("([]byte)(s)", new ConvExpr(Op.OSTR2BYTES, P0, SliceOf(IrType.Byte), s).ToString());
        Assert.Equal("([]rune)(s)", new ConvExpr(Op.OSTR2RUNES, P0, SliceOf(IrType.Rune), s).ToString());
        // implicit conversions are skipped
        var x = Local("x", IrType.Int);
        Assert.Equal("x", B.ConvIface(x, IrType.EmptyInterface, 1, 1).ToString());
        Assert.Equal("(interface {})(x)", B.ConvIface(x, IrType.EmptyInterface, 1, 1, @implicit: false).ToString());
        var myInt = B.Named("MyInt", IrType.Int);
        Assert.Equal("MyInt(x)", new ConvExpr(Op.OCONV, P0, myInt, x).ToString());
        // &x, *p, &*p, - -x
        var p = Local("p", Ptr(IrType.Int));
        Assert.Equal("&x", B.AddrOf(x, 1, 1).ToString());
        Assert.Equal("*p", B.Deref(p, 1, 1).ToString());
        Assert.Equal("- (-x)", new UnaryExpr(Op.ONEG, P0, new UnaryExpr(Op.ONEG, P0, x)).ToString());
        Assert.Equal("&(*p).f", B.AddrOf(B.Dot(B.Deref(p, 1, 1), "f", IrType.Int, 1, 1), 1, 1).ToString());
    }

    [Fact]
    public void LiteralsAndOperators()
    {
        Assert.Equal("\"a\\n\"", B.Str("a\n", 1, 1).ToString());
        Assert.Equal("'x'", new BasicLit(P0, IrType.Rune, IrConst.OfInt('x')).ToString());
        Assert.Equal("int64(5)", new BasicLit(P0, IrType.Int64, IrConst.OfInt(5)).ToString());
        Assert.Equal("5", new BasicLit(P0, IrType.UntypedInt, IrConst.OfInt(5)).ToString());
        Assert.Equal("SIZE", new BasicLit(P0, IrType.Int, IrConst.OfInt(8), new IrSym(B.Pkg, "SIZE")).ToString());
        var long_ = new string('x', 100);
        Assert.Equal("\"" + new string('x', 68) + "...", B.Str(long_, 1, 1).ToString()); // as gc: `"xxx...` (69 runes incl. the quote)
        var a = Local("a", IrType.Int); var b = Local("b", IrType.Int); var c = Local("c", IrType.Int);
        var sum = new BinaryExpr(Op.OADD, P0, a, b);
        Assert.Equal("(a + b) * c", new BinaryExpr(Op.OMUL, P0, sum, c).ToString());
        Assert.Equal("a - (b - c)", new BinaryExpr(Op.OSUB, P0, a, new BinaryExpr(Op.OSUB, P0, b, c)).ToString());
        Assert.Equal("a + b + c", new AddStringExpr(P0, [a, b, c]).ToString());
        Assert.Equal("nil", B.Nil(Ptr(IrType.Int), 1, 1).ToString());
    }

    [Fact]
    public void StatementsInNotes()
    {
        var fb = B.Func("stmts", 1, 6, null, [], []);
        var x = fb.Local("x", IrType.Int, 2, 2);
        var y = fb.Local("y", IrType.Int, 2, 5);
        Assert.Equal("x := 1", ((BlockStmt)fb.Define(x, B.Int(1, 1, 1), 1, 1)).List[1].ToString());
        Assert.Equal("x = y", fb.Assign(x, y, 1, 1).ToString());
        Assert.Equal("x, y = y, x", new AssignListStmt(Op.OAS2, P0, [x, y], [y, x]).ToString());
        Assert.Equal("return x, y", fb.Return(1, 1, x, y).ToString());
        Assert.Equal("x += y", new AssignOpStmt(P0, Op.OADD, x, y).ToString());
        Assert.Equal("x++", new AssignOpStmt(P0, Op.OADD, x, B.Int(1, 1, 1)) { IncDec = true }.ToString());
        Assert.Equal("for loop", new ForStmt(P0, null, null, []).ToString());
        Assert.Equal("var x int", new Decl(P0, x).ToString());
        Assert.Equal("func literal", fb.Closure("stmts.func1", 1, 1, [], []).Clo.ToString());
    }

    [Fact]
    public void Types()
    {
        Assert.Equal("[]interface {}", SliceOf(IrType.EmptyInterface).ToString());
        Assert.Equal("func(int, ...string) (int, error)",
            IrType.NewSignature(null, [new Field(null, IrType.Int), new Field(null, SliceOf(IrType.String)) { IsDDD = true }],
                [new Field(null, IrType.Int), new Field(null, Error)]).ToString());
        Assert.Equal("struct { x int; y *string }", B.Struct(("x", IrType.Int), ("y", Ptr(IrType.String))).ToString());
        Assert.Equal("chan (<-chan int)", IrType.NewChan(IrType.NewChan(IrType.Int, ChanDir.Recv), ChanDir.Both).ToString());
        Assert.Equal("map[string][4]byte", MapOf(IrType.String, ArrayOf(IrType.Byte, 4)).ToString());
        Assert.Equal("unsafe.Pointer", IrType.UnsafePointer.ToString());
    }

    [Fact]
    public void SizesFollowGcAmd64()
    {
        Assert.Equal(24, SliceOf(IrType.Int).Size);
        Assert.Equal(16, IrType.String.Size);
        Assert.Equal(16, IrType.EmptyInterface.Size);
        Assert.Equal(16, B.Struct(("a", IrType.Uint8), ("b", IrType.Int)).Size);
        Assert.Equal(16, B.Struct(("a", IrType.Int), ("b", IrType.NewStruct([]))).Size); // trailing zero-size field is padded
        Assert.Equal(64 * 1024, ArrayOf(IrType.Int64, 8192).Size);
        Assert.False(B.Struct(("a", IrType.Int), ("b", ArrayOf(IrType.Float64, 3))).HasPointers());
        Assert.True(B.Struct(("a", IrType.Int), ("b", IrType.String)).HasPointers());
        Assert.True(IrType.IsDirectIface(Ptr(IrType.Int)));
        Assert.True(IrType.IsDirectIface(B.Struct(("p", Ptr(IrType.Int)))));
        Assert.False(IrType.IsDirectIface(IrType.Int));
        // Go 1.27: pointer-sized with a pointer word, zero-sized fields allowed (os.fileWithoutReadFrom{noReadFrom; *File})
        var empty = IrType.NewStruct([]);
        Assert.True(IrType.IsDirectIface(B.Struct(("noReadFrom", empty), ("File", Ptr(IrType.Int)))));
        Assert.False(IrType.IsDirectIface(B.Struct(("p", Ptr(IrType.Int)), ("z", empty)))); // trailing zero-size field pads to 16
        Assert.True(IrType.IsDirectIface(ArrayOf(B.Struct(("f", IrType.NewSignature(null, [], []))), 1)));
        Assert.False(IrType.IsDirectIface(B.Struct(("n", IrType.Uintptr))));
        Assert.Equal(48, B.Struct(("a", IrType.Int), ("s", IrType.String), ("b", IrType.Int), ("i", IrType.EmptyInterface), ("c", IrType.Int)).PtrDataSize());
        Assert.Equal(8 * 2 + 8, ArrayOf(Ptr(IrType.Int), 3).PtrDataSize());
        Assert.Equal(0, ArrayOf(IrType.Int, 3).PtrDataSize());
    }

    [Fact]
    public void StringConstants()
    {
        // go/constant's String: quoted, then cut to 69 runes of the quoted text + "..." (the closing quote goes too)
        var msg = "crypto/cipher: use of CBC with non-AES ciphers is not allowed in FIPS 140-only mode";
        Assert.Equal("\"crypto/cipher: use of CBC with non-AES ciphers is not allowed in FIP...", B.Str(msg, 1, 1).ToString());
        Assert.Equal("\"short\"", B.Str("short", 1, 1).ToString());
        // invalid UTF-8 bytes print one by one as \xNN (strconv.Quote); unprintable spaces are escaped
        var bad = new BasicLit(P0, IrType.String, IrConst.OfString(new byte[] { 0xfe, 0xed, 0xfa }));
        Assert.Equal("\"\\xfe\\xed\\xfa\"", bad.ToString());
        Assert.Equal("\"a\\u00a0b\\tc\"", B.Str("a\u00a0b\tc", 1, 1).ToString());
        Assert.Equal("\"héllo\"", new BasicLit(P0, IrType.String, IrConst.OfString("héllo"u8.ToArray())).ToString());
    }

    [Fact]
    public void UnsafePointerConversionPrintsByName()
    {
        var x = Local("x", Ptr(IrType.Int));
        var conv = new ConvExpr(Op.OCONVNOP, P0, IrType.UnsafePointer, x);
        Assert.Equal("unsafe.Pointer(x)", conv.ToString());
        Assert.Equal("(*byte)(unsafe.Pointer(x))", new ConvExpr(Op.OCONVNOP, P0, Ptr(IrType.Byte), conv).ToString());
    }

    [Fact]
    public void PositionsFollowGcLicoLimits()
    {
        Assert.Equal("./a.go:3:254", new XPos("./a.go", 3, 254).ToString());
        Assert.Equal("./a.go:3", new XPos("./a.go", 3, 255).ToString()); // colMax: unknown column
        Assert.Equal("./a.go:3", new XPos("./a.go", 3, 261).ToString());
        Assert.Equal("./a.go:1048574", new XPos("./a.go", 2_000_000, 5).ToString()); // line saturates, column dropped
    }

    [Fact]
    public void NotInHeapTypes()
    {
        // internal/runtime/sys: type nih struct{}; type NotInHeap struct{ _ nih }
        var sys = new IrPkg("internal/runtime/sys", "sys");
        var nih = IrType.NewNamed(new IrSym(sys, "nih")).SetUnderlying(IrType.NewStruct([]));
        var notInHeap = IrType.NewNamed(new IrSym(sys, "NotInHeap")).SetUnderlying(IrType.NewStruct([new Field(new IrSym(sys, "_"), nih)]));
        // runtime: type mspan struct { _ sys.NotInHeap; next *mspan; p *int }
        var mspan = IrType.NewNamed(new IrSym(B.Pkg, "mspan"));
        mspan.SetUnderlying(B.Struct(("_", notInHeap), ("next", Ptr(mspan)), ("p", Ptr(IrType.Int))));
        Assert.True(nih.NotInHeap);
        Assert.True(notInHeap.NotInHeap);
        Assert.True(mspan.NotInHeap);
        Assert.True(ArrayOf(mspan, 2).NotInHeap);
        Assert.False(Ptr(mspan).NotInHeap);
        // types.PtrDataSize: pointers to and slices of not-in-heap memory hold no GC pointers...
        Assert.False(Ptr(mspan).HasPointers());
        Assert.False(SliceOf(mspan).HasPointers());
        Assert.False(B.Struct(("s", Ptr(mspan)), ("n", IrType.Int)).HasPointers());
        Assert.False(IrType.IsDirectIface(Ptr(mspan)));
        // ...but a not-in-heap struct with an ordinary pointer field does.
        Assert.True(mspan.HasPointers());
        Assert.True(Ptr(B.Struct(("x", IrType.Int))).HasPointers());
    }

    [Fact]
    public void LeakTags()
    {
        var l = new Leaks();
        Assert.Equal("esc:", l.Encode());
        Assert.False(l.Any());
        l.AddResult(0, 1);
        Assert.Equal("esc:\0\0\0\u0002", l.Encode());
        l.AddResult(0, 0);
        Assert.Equal(0, l.Result(0));
        l.AddMutator(3);
        l.AddHeap(2);
        l.Optimize(); // mutator 3 >= heap 2: dropped; result0 0 < 2 kept
        Assert.Equal(-1, l.Mutator);
        Assert.Equal("esc:\u0003\0\0\u0001", l.Encode());
        var back = Leaks.Parse(l.Encode());
        Assert.Equal(l, back);
        Assert.Equal(0, Leaks.Parse("").Heap); // no "esc:" prefix: leaks to heap
        var h = new Leaks();
        h.AddHeap(0);
        Assert.Equal("", h.Encode());
        var big = new Leaks();
        big.AddCallee(1000);
        Assert.Equal(254, big.Callee); // capped at 255 encoded
    }
}
