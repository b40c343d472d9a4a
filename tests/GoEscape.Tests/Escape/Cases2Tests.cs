using GoEscape.Escape;
using GoEscape.IR;
using static GoEscape.Tests.Escape.IrBuilder;
using Func = GoEscape.IR.Func;

namespace GoEscape.Tests.Escape;

/// <summary>
/// testdata/escape/cases2/a.go.txt: interface calls, calls of function values, //go:noescape and bodyless
/// functions, goto loops, range, unsafe.Pointer/uintptr, too-large variables, send, panic, map puts, closures
/// returning captured addresses.
/// </summary>
public sealed class Cases2Tests
{
    internal static IrBuilder BuildCases2()
    {
        var b = new IrBuilder();
        var pInt = Ptr(IrType.Int);
        var sT = IrType.NewNamed(new IrSym(b.Pkg, "S"));
        sT.SetUnderlying(b.Struct(("p", pInt)));
        var mSig = Sig([pInt], []);
        var iT = b.Named("I", IrType.NewInterface([new Field(new IrSym(b.Pkg, "M"), mSig)]));

        // 9 func (s *S) M(p *int) { s.p = p }
        var m = b.Func("(*S).M", 9, 13, Par("s", Ptr(sT), 9, 7), [Par("p", pInt, 9, 15)], []);
        m.Body(m.Assign(b.DotPtr(m["s"], "p", pInt, 9, 26), m["p"], 9, 29));

        // 11 //go:noescape
        // 12 func noesc(p *int)
        var noesc = b.Func("noesc", 12, 6, null, [Par("p", pInt, 12, 12)], []);
        noesc.Fn.HasBody = false;
        noesc.Fn.Pragma |= Pragma.Noescape;
        // 14 func bodyless(p *int)
        var bodyless = b.Func("bodyless", 14, 6, null, [Par("p", pInt, 14, 15)], []);
        bodyless.Fn.HasBody = false;

        // 16 func callIface(i I) { x := 0; i.M(&x) }
        var callIface = b.Func("callIface", 16, 6, null, [Par("i", iT, 16, 16)], []);
        {
            var x = callIface.Local("x", IrType.Int, 17, 2);
            var dot = new SelectorExpr(Op.ODOTINTER, b.P(18, 3), callIface["i"], new IrSym(b.Pkg, "M")) { Type = mSig };
            callIface.Body(
                callIface.Define(x, b.Int(0, 17, 7), 17, 4),
                new CallExpr(Op.OCALLINTER, b.P(18, 5), dot, [b.AddrOf(x, 18, 6)]));
        }

        // 21 func callFuncValue(f func(*int) *int) *int { y := 0; return f(&y) }
        var fSig = Sig([pInt], [pInt]);
        var callFuncValue = b.Func("callFuncValue", 21, 6, null, [Par("f", fSig, 21, 20)], [Par("~r0", pInt, 21, 39)]);
        {
            var y = callFuncValue.Local("y", IrType.Int, 22, 2);
            callFuncValue.Body(
                callFuncValue.Define(y, b.Int(0, 22, 7), 22, 4),
                callFuncValue.Return(23, 2, b.Call(callFuncValue["f"], 23, 10, b.AddrOf(y, 23, 11))));
        }

        // 26 func gotoLoop() { var p *int; i := 0; loop: x := i; p = &x; i++; if i < 3 { goto loop }; _ = p }
        var gotoLoop = b.Func("gotoLoop", 26, 6, null, [], []);
        {
            var p = gotoLoop.Local("p", pInt, 27, 6);
            var i = gotoLoop.Local("i", IrType.Int, 28, 2);
            var x = gotoLoop.Local("x", IrType.Int, 30, 2);
            var label = new IrSym(b.Pkg, "loop");
            gotoLoop.Body(
                gotoLoop.Var(p, 27, 6),
                gotoLoop.Define(i, b.Int(0, 28, 7), 28, 4),
                new LabelStmt(b.P(29, 1), label),
                gotoLoop.Define(x, i, 30, 4),
                gotoLoop.Assign(p, b.AddrOf(x, 31, 6), 31, 4),
                new AssignOpStmt(b.P(32, 3), Op.OADD, i, b.Int(1, 32, 3)) { IncDec = true },
                new IfStmt(b.P(33, 2), new BinaryExpr(Op.OLT, b.P(33, 7), i, b.Int(3, 33, 9)) { Type = IrType.Bool },
                    // A fresh IrSym, as the lowering makes one per use: labels match by package and name (gc interns syms).
                    [new BranchStmt(Op.OGOTO, b.P(34, 3), new IrSym(label.Pkg, label.Name))], []),
                gotoLoop.Assign(Blank, p, 36, 4));
        }

        // 39 func rangeSlice(s []*int) *int { var r *int; for _, v := range s { r = v }; return r }
        var rangeSlice = b.Func("rangeSlice", 39, 6, null, [Par("s", SliceOf(pInt), 39, 17)], [Par("~r0", pInt, 39, 26)]);
        {
            var r = rangeSlice.Local("r", pInt, 40, 6);
            var v = rangeSlice.Local("v", pInt, 41, 9);
            var rs = new RangeStmt(b.P(41, 14), rangeSlice["s"], null, v, [rangeSlice.Assign(r, v, 42, 5)]);
            v.Defn = rs;
            rangeSlice.Body(rangeSlice.Var(r, 40, 6), rs, rangeSlice.Return(44, 2, r));
        }

        // 47 func useNoesc() { a := 0; noesc(&a); b := 0; bodyless(&b) }
        var useNoesc = b.Func("useNoesc", 47, 6, null, [], []);
        {
            var a = useNoesc.Local("a", IrType.Int, 48, 2);
            var bb = useNoesc.Local("b", IrType.Int, 50, 2);
            useNoesc.Body(
                useNoesc.Define(a, b.Int(0, 48, 7), 48, 4),
                b.Call(noesc.Fn.Nname, 49, 7, b.AddrOf(a, 49, 8)),
                useNoesc.Define(bb, b.Int(0, 50, 7), 50, 4),
                b.Call(bodyless.Fn.Nname, 51, 10, b.AddrOf(bb, 51, 11)));
        }

        // 54 func unsafeConv(p *int) uintptr { return uintptr(unsafe.Pointer(p)) }
        var unsafeConv = b.Func("unsafeConv", 54, 6, null, [Par("p", pInt, 54, 17)], [Par("~r0", IrType.Uintptr, 54, 25)]);
        unsafeConv.Body(unsafeConv.Return(55, 2,
            new ConvExpr(Op.OCONVNOP, b.P(55, 16), IrType.Uintptr, new ConvExpr(Op.OCONVNOP, b.P(55, 31), IrType.UnsafePointer, unsafeConv["p"]))));

        // 58 func fromUintptr(u uintptr) *int { return (*int)(unsafe.Pointer(u)) }
        var fromUintptr = b.Func("fromUintptr", 58, 6, null, [Par("u", IrType.Uintptr, 58, 18)], [Par("~r0", pInt, 58, 28)]);
        fromUintptr.Body(fromUintptr.Return(59, 2,
            new ConvExpr(Op.OCONVNOP, b.P(59, 15), pInt, new ConvExpr(Op.OCONV, b.P(59, 30), IrType.UnsafePointer, fromUintptr["u"]))));

        // 62 func big() byte { var a [200000]byte; return a[0] }
        var big = b.Func("big", 62, 6, null, [], [Par("~r0", IrType.Byte, 62, 12)]);
        {
            var a = big.Local("a", ArrayOf(IrType.Byte, 200000), 63, 6);
            big.Body(big.Var(a, 63, 6), big.Return(64, 2, new IndexExpr(Op.OINDEX, b.P(64, 10), a, b.Int(0, 64, 11)) { Type = IrType.Byte }));
        }

        // 67 func send(c chan *int) { x := 0; c <- &x }
        var send = b.Func("send", 67, 6, null, [Par("c", IrType.NewChan(pInt, ChanDir.Both), 67, 11)], []);
        {
            var x = send.Local("x", IrType.Int, 68, 2);
            send.Body(send.Define(x, b.Int(0, 68, 7), 68, 4), new SendStmt(b.P(69, 4), send["c"], b.AddrOf(x, 69, 7)));
        }

        // 72 func panicky() { x := 0; panic(&x) }
        var panicky = b.Func("panicky", 72, 6, null, [], []);
        {
            var x = panicky.Local("x", IrType.Int, 73, 2);
            panicky.Body(panicky.Define(x, b.Int(0, 73, 7), 73, 4),
                new UnaryExpr(Op.OPANIC, b.P(74, 7), b.ConvIface(b.AddrOf(x, 74, 8), IrType.EmptyInterface, 74, 8)));
        }

        // 77 func mapPut(m map[*int]int) { k := 0; m[&k] = 1 }
        var mapPut = b.Func("mapPut", 77, 6, null, [Par("m", MapOf(pInt, IrType.Int), 77, 13)], []);
        {
            var k = mapPut.Local("k", IrType.Int, 78, 2);
            mapPut.Body(mapPut.Define(k, b.Int(0, 78, 7), 78, 4),
                mapPut.Assign(new IndexExpr(Op.OINDEXMAP, b.P(79, 3), mapPut["m"], b.AddrOf(k, 79, 4)) { Type = IrType.Int }, b.Int(1, 79, 10), 79, 8));
        }

        // 82 func closureReturn() *int { x := 0; f := func() *int { return &x }; return f() }
        var closureReturn = b.Func("closureReturn", 82, 6, null, [], [Par("~r0", pInt, 82, 22)]);
        {
            var x = closureReturn.Local("x", IrType.Int, 83, 2);
            var (clo, inner) = closureReturn.Closure("closureReturn.func1", 84, 7, [], [Par("~r0", pInt, 84, 14)], (x, 84, 29));
            inner.Body(inner.Return(84, 21, b.AddrOf(inner.CV("x"), 84, 28)));
            var f = closureReturn.Local("f", clo.Type!, 84, 2);
            closureReturn.Body(
                closureReturn.Define(x, b.Int(0, 83, 7), 83, 4),
                closureReturn.Define(f, clo, 84, 4),
                closureReturn.Return(85, 2, b.Call(f, 85, 10)));
        }

        b.Func("main", 88, 6, null, [], []);
        return b;
    }

    [Fact]
    public void Cases2_M1_MatchesGc() => Assert.Equal(SeedTests.Expected("cases2/m1.txt"), SeedTests.Run(BuildCases2(), 1));

    [Fact]
    public void Cases2_M2_MatchesGc() => Assert.Equal(SeedTests.Expected("cases2/m2.txt"), SeedTests.Run(BuildCases2(), 2));

    [Fact]
    public void Cases2_BodylessTags()
    {
        var b = BuildCases2();
        SeedTests.Run(b, 0);
        var noesc = b.Funcs.Single(f => f.Sym.Name == "noesc");
        var bodyless = b.Funcs.Single(f => f.Sym.Name == "bodyless");
        // noescape: mutator and callee at derefs 0, no heap
        Assert.Equal("esc:\0\u0001\u0001", noesc.Signature.Params[0].Note);
        Assert.Equal("", bodyless.Signature.Params[0].Note);
        Assert.True((bodyless.Pragma & Pragma.UintptrKeepAlive) != 0);
    }
}
