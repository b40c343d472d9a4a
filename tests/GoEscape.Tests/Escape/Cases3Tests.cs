using GoEscape.Escape;
using GoEscape.IR;
using static GoEscape.Tests.Escape.IrBuilder;
using Func = GoEscape.IR.Func;

namespace GoEscape.Tests.Escape;

/// <summary>
/// testdata/escape/cases3/a.go.txt: self-assignments, multi-value returns and OAS2FUNC, type switches,
/// closures created in loops, defers in loops, receive, copy, append with ..., []byte->string.
/// </summary>
public sealed class Cases3Tests
{
    internal static IrBuilder BuildCases3()
    {
        var b = new IrBuilder();
        var pInt = Ptr(IrType.Int);
        var byteSlice = SliceOf(IrType.Byte);
        var bT = IrType.NewNamed(new IrSym(b.Pkg, "B"));
        bT.SetUnderlying(b.Struct(("buf", byteSlice), ("p", pInt)));
        var pB = Ptr(bT);

        // 8 func (b *B) selfAssign() { b.buf = b.buf[1:] }
        var selfAssign = b.Func("(*B).selfAssign", 8, 13, Par("b", pB, 8, 7), [], []);
        {
            var bb = selfAssign["b"];
            var rhs = new SliceExpr(Op.OSLICE, b.P(9, 15), b.DotPtr(bb, "buf", byteSlice, 9, 11), b.Int(1, 9, 16), null, null) { Type = byteSlice };
            selfAssign.Body(selfAssign.Assign(b.DotPtr(bb, "buf", byteSlice, 9, 3), rhs, 9, 8));
        }

        // 12 func (b *B) fieldSelf() { b.p = b.p }
        var fieldSelf = b.Func("(*B).fieldSelf", 12, 13, Par("b", pB, 12, 7), [], []);
        {
            var bb = fieldSelf["b"];
            fieldSelf.Body(fieldSelf.Assign(b.DotPtr(bb, "p", pInt, 13, 3), b.DotPtr(bb, "p", pInt, 13, 9), 13, 6));
        }

        // 16 func two() (*int, *int) { x, y := 1, 2; return &x, &y }
        var two = b.Func("two", 16, 6, null, [], [Par("~r0", pInt, 16, 13), Par("~r1", pInt, 16, 19)]);
        {
            var x = two.Local("x", IrType.Int, 17, 2);
            var y = two.Local("y", IrType.Int, 17, 5);
            var as2 = new AssignListStmt(Op.OAS2, b.P(17, 7), [x, y], [b.Int(1, 17, 10), b.Int(2, 17, 13)]) { Def = true };
            x.Defn = as2; y.Defn = as2;
            two.Body(new Decl(x.Pos, x), new Decl(y.Pos, y), as2, two.Return(18, 2, b.AddrOf(x, 18, 9), b.AddrOf(y, 18, 13)));
        }

        // 21 func useTwo() *int { a, b := two(); _ = b; return a }
        var useTwo = b.Func("useTwo", 21, 6, null, [], [Par("~r0", pInt, 21, 15)]);
        {
            var a = useTwo.Local("a", pInt, 22, 2);
            var bb = useTwo.Local("b", pInt, 22, 5);
            var call = b.Call(two.Fn.Nname, 22, 13);
            var as2 = new AssignListStmt(Op.OAS2FUNC, b.P(22, 7), [a, bb], [call]) { Def = true };
            a.Defn = as2; bb.Defn = as2;
            useTwo.Body(new Decl(a.Pos, a), new Decl(bb.Pos, bb), as2, useTwo.Assign(Blank, bb, 23, 4), useTwo.Return(24, 2, a));
        }

        // 27 func typeSwitch(v interface{}) *int { switch t := v.(type) { case *int: return t }; return nil }
        var typeSwitch = b.Func("typeSwitch", 27, 6, null, [Par("v", IrType.EmptyInterface, 27, 17)], [Par("~r0", pInt, 27, 32)]);
        {
            var t = typeSwitch.Local("t", pInt, 28, 9);
            var guard = new TypeSwitchGuard(b.P(28, 14), new IrSym(b.Pkg, "t"), typeSwitch["v"]);
            var cas = new CaseClause(b.P(29, 2), [new TypeNode(b.P(29, 7), pInt)], [typeSwitch.Return(30, 3, t)]) { Var = t };
            var sw = new SwitchStmt(b.P(28, 2), guard, [cas]);
            t.Defn = guard;
            typeSwitch.Body(sw, typeSwitch.Return(32, 2, b.Nil(pInt, 32, 9)));
        }

        // 35 func loopClosure() []func() int { var fs []func() int; for i := 0; i < 3; i++ { j := i; fs = append(fs, func() int { return j }) }; return fs }
        var fnInt = Sig([], [IrType.Int]);
        var loopClosure = b.Func("loopClosure", 35, 6, null, [], [Par("~r0", SliceOf(fnInt), 35, 20)]);
        {
            var fs = loopClosure.Local("fs", SliceOf(fnInt), 36, 6);
            var i = loopClosure.Local("i", IrType.Int, 37, 6);
            var j = loopClosure.Local("j", IrType.Int, 38, 3);
            var (clo, inner) = loopClosure.Closure("loopClosure.func1", 39, 19, [], [Par("~r0", IrType.Int, 39, 26)], (j, 39, 38));
            inner.Body(inner.Return(39, 31, inner.CV("j")));
            var app = new CallExpr(Op.OAPPEND, b.P(39, 14), null, [fs, clo]) { Type = SliceOf(fnInt) };
            var forStmt = new ForStmt(b.P(37, 2),
                new BinaryExpr(Op.OLT, b.P(37, 16), i, b.Int(3, 37, 18)) { Type = IrType.Bool },
                new AssignOpStmt(b.P(37, 22), Op.OADD, i, b.Int(1, 37, 22)) { IncDec = true },
                [loopClosure.Define(j, i, 38, 5), loopClosure.Assign(fs, app, 39, 6)]);
            forStmt.Init.Add(loopClosure.Define(i, b.Int(0, 37, 11), 37, 8));
            loopClosure.Body(loopClosure.Var(fs, 36, 6), forStmt, loopClosure.Return(41, 2, fs));
        }

        // 44 func deferLoop() { for i := 0; i < 3; i++ { defer func() {}() } }
        var deferLoop = b.Func("deferLoop", 44, 6, null, [], []);
        {
            var i = deferLoop.Local("i", IrType.Int, 45, 6);
            var (clo, _) = deferLoop.Closure("deferLoop.func1", 46, 9, [], []);
            var forStmt = new ForStmt(b.P(45, 2),
                new BinaryExpr(Op.OLT, b.P(45, 16), i, b.Int(3, 45, 18)) { Type = IrType.Bool },
                new AssignOpStmt(b.P(45, 22), Op.OADD, i, b.Int(1, 45, 22)) { IncDec = true },
                [new GoDeferStmt(Op.ODEFER, b.P(46, 3), b.Call(clo, 46, 18))]);
            forStmt.Init.Add(deferLoop.Define(i, b.Int(0, 45, 11), 45, 8));
            deferLoop.Body(forStmt);
        }

        // 50 func recvIt(c chan *int) *int { return <-c }
        var recvIt = b.Func("recvIt", 50, 6, null, [Par("c", IrType.NewChan(pInt, ChanDir.Both), 50, 13)], [Par("~r0", pInt, 50, 26)]);
        recvIt.Body(recvIt.Return(51, 2, new UnaryExpr(Op.ORECV, b.P(51, 9), recvIt["c"]) { Type = pInt }));

        // 54 func copyIt(dst, src []*int) { copy(dst, src) }
        var copyIt = b.Func("copyIt", 54, 6, null, [Par("dst", SliceOf(pInt), 54, 13), Par("src", SliceOf(pInt), 54, 18)], []);
        copyIt.Body(new BinaryExpr(Op.OCOPY, b.P(55, 6), copyIt["dst"], copyIt["src"]) { Type = IrType.Int });

        // 58 func appendDots(a, b []int) []int { return append(a, b...) }
        var appendDots = b.Func("appendDots", 58, 6, null, [Par("a", SliceOf(IrType.Int), 58, 17), Par("b", SliceOf(IrType.Int), 58, 20)], [Par("~r0", SliceOf(IrType.Int), 58, 29)]);
        appendDots.Body(appendDots.Return(59, 2, new CallExpr(Op.OAPPEND, b.P(59, 15), null, [appendDots["a"], appendDots["b"]]) { Type = SliceOf(IrType.Int), IsDDD = true }));

        // 62 func bytesToString(b []byte) string { return string(b) }
        var bytesToString = b.Func("bytesToString", 62, 6, null, [Par("b", byteSlice, 62, 20)], [Par("~r0", IrType.String, 62, 29)]);
        bytesToString.Body(bytesToString.Return(63, 2, new ConvExpr(Op.OBYTES2STR, b.P(63, 16), IrType.String, bytesToString["b"])));

        b.Func("main", 66, 6, null, [], []);
        return b;
    }

    [Fact]
    public void Cases3_M1_MatchesGc() => Assert.Equal(SeedTests.Expected("cases3/m1.txt"), SeedTests.Run(BuildCases3(), 1));

    [Fact]
    public void Cases3_M2_MatchesGc() => Assert.Equal(SeedTests.Expected("cases3/m2.txt"), SeedTests.Run(BuildCases3(), 2));
}
