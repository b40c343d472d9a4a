using GoEscape.Escape;
using GoEscape.IR;
using static GoEscape.Tests.Escape.IrBuilder;
using Func = GoEscape.IR.Func;

namespace GoEscape.Tests.Escape;

/// <summary>
/// testdata/escape/cases4/a.go.txt: literal rewriting of make sizes and interface conversions (1.25+),
/// nested closures, closures whose results are lost (called through a parameter), defer wrappers.
/// </summary>
public sealed class Cases4Tests
{
    internal static IrBuilder BuildCases4()
    {
        var b = new IrBuilder();
        var pInt = Ptr(IrType.Int);
        var intSlice = SliceOf(IrType.Int);

        // 3 func makeVar() int { n := 10; s := make([]int, n); return len(s) }
        var makeVar = b.Func("makeVar", 3, 6, null, [], [Par("~r0", IrType.Int, 3, 16)]);
        {
            var n = makeVar.Local("n", IrType.Int, 4, 2);
            var s = makeVar.Local("s", intSlice, 5, 2);
            makeVar.Body(
                makeVar.Define(n, b.Int(10, 4, 7), 4, 4),
                makeVar.Define(s, b.MakeSlice(intSlice, n, null, 5, 11), 5, 4),
                makeVar.Return(6, 2, new UnaryExpr(Op.OLEN, b.P(6, 12), s) { Type = IrType.Int }));
        }

        // 9 func makeLen() int { lit := []int{1, 2, 3}; s := make([]int, len(lit)); return len(s) }
        var makeLen = b.Func("makeLen", 9, 6, null, [], [Par("~r0", IrType.Int, 9, 16)]);
        {
            var lit = makeLen.Local("lit", intSlice, 10, 2);
            var s = makeLen.Local("s", intSlice, 11, 2);
            makeLen.Body(
                makeLen.Define(lit, b.SliceLit(intSlice, 10, 14, b.Int(1, 10, 15), b.Int(2, 10, 18), b.Int(3, 10, 21)), 10, 6),
                makeLen.Define(s, b.MakeSlice(intSlice, new UnaryExpr(Op.OLEN, b.P(11, 22), lit) { Type = IrType.Int }, null, 11, 11), 11, 4),
                makeLen.Return(12, 2, new UnaryExpr(Op.OLEN, b.P(12, 12), s) { Type = IrType.Int }));
        }

        // 15 func ifaceConst() interface{} { x := 7; return x }
        var ifaceConst = b.Func("ifaceConst", 15, 6, null, [], [Par("~r0", IrType.EmptyInterface, 15, 19)]);
        {
            var x = ifaceConst.Local("x", IrType.Int, 16, 2);
            ifaceConst.Body(
                ifaceConst.Define(x, b.Int(7, 16, 7), 16, 4),
                ifaceConst.Return(17, 2, b.ConvIface(x, IrType.EmptyInterface, 17, 9)));
        }

        // 20 func nested() *int { x := 0; f := func() func() *int { return func() *int { return &x } }; return f()() }
        var fnPInt = Sig([], [pInt]);
        var nested = b.Func("nested", 20, 6, null, [], [Par("~r0", pInt, 20, 15)]);
        {
            var x = nested.Local("x", IrType.Int, 21, 2);
            var (outer, func1) = nested.Closure("nested.func1", 22, 7, [], [Par("~r0", fnPInt, 22, 14)], (x, 23, 32));
            var (innerClo, func11) = func1.Closure("nested.func1.1", 23, 10, [], [Par("~r0", pInt, 23, 17)], (func1.CV("x"), 23, 32));
            func11.Body(func11.Return(23, 24, b.AddrOf(func11.CV("x"), 23, 31)));
            func1.Body(func1.Return(23, 3, innerClo));
            var f = nested.Local("f", outer.Type!, 22, 2);
            var fcall = b.Call(f, 25, 10);
            nested.Body(
                nested.Define(x, b.Int(0, 21, 7), 21, 4),
                nested.Define(f, outer, 22, 4),
                nested.Return(25, 2, new CallExpr(Op.OCALLFUNC, b.P(25, 12), fcall, []) { Type = pInt }));
        }

        // 28 func apply(f func() *int) *int { return f() }
        var apply = b.Func("apply", 28, 6, null, [Par("f", fnPInt, 28, 12)], [Par("~r0", pInt, 28, 27)]);
        apply.Body(apply.Return(28, 34, b.Call(apply["f"], 28, 42)));

        // 30 func lost() *int { y := 0; return apply(func() *int { return &y }) }
        var lost = b.Func("lost", 30, 6, null, [], [Par("~r0", pInt, 30, 13)]);
        {
            var y = lost.Local("y", IrType.Int, 31, 2);
            var (clo, inner) = lost.Closure("lost.func1", 32, 15, [], [Par("~r0", pInt, 32, 22)], (y, 32, 37));
            inner.Body(inner.Return(32, 29, b.AddrOf(inner.CV("y"), 32, 36)));
            lost.Body(
                lost.Define(y, b.Int(0, 31, 7), 31, 4),
                lost.Return(32, 2, b.Call(apply.Fn.Nname, 32, 14, clo)));
        }

        // 35 func deferArgs(p *int) { defer println(p) }
        //    normalized: .autotmp_1 := p; defer func() { println(.autotmp_1) }()
        var deferArgs = b.Func("deferArgs", 35, 6, null, [Par("p", pInt, 35, 16)], []);
        {
            var tmp = Temps.TempAt(b.P(36, 2), deferArgs.Fn, pInt);
            var as2 = new AssignListStmt(Op.OAS2, b.P(36, 2), [tmp], [deferArgs["p"]]);
            tmp.Defn = as2;
            var (wrap, inner) = deferArgs.Closure("deferArgs.deferwrap1", 36, 2, [], [], (tmp, 36, 2));
            inner.Fn.Wrapper = true;
            inner.Body(new CallExpr(Op.OPRINTLN, b.P(36, 15), null, [inner.CV(".autotmp_1")]));
            var d = new GoDeferStmt(Op.ODEFER, b.P(36, 2), b.Call(wrap, 36, 2));
            d.Init.Add(new Decl(tmp.Pos, tmp));
            d.Init.Add(as2);
            deferArgs.Body(d);
        }

        b.Func("main", 39, 6, null, [], []);
        return b;
    }

    [Fact]
    public void Cases4_M1_MatchesGc() => Assert.Equal(SeedTests.Expected("cases4/m1.txt"), SeedTests.Run(BuildCases4(), 1));

    [Fact]
    public void Cases4_M2_MatchesGc() => Assert.Equal(SeedTests.Expected("cases4/m2.txt"), SeedTests.Run(BuildCases4(), 2));

    [Fact]
    public void Cases4_RewritesKeepSideEffects()
    {
        var b = BuildCases4();
        SeedTests.Run(b, 0);
        var makeVar = b.Funcs.Single(f => f.Sym.Name == "makeVar");
        var mk = (MakeExpr)((AssignStmt)((BlockStmt)makeVar.Body[1]).List[1]).Y!;
        Assert.Equal(Op.OLITERAL, mk.Len!.Op);
        // the original operand is kept, assigned to a temp, in the make's init
        Assert.Equal(2, mk.Init.Count);
        Assert.Equal(".autotmp_3 = n", mk.Init[1].ToString());
        Assert.True(b.Funcs.Single(f => f.Sym.Name == "lost.func1").ClosureResultsLost);
        Assert.False(b.Funcs.Single(f => f.Sym.Name == "nested.func1").ClosureResultsLost);
        Assert.True(b.Funcs.Single(f => f.Sym.Name == "nested.func1.1").ClosureResultsLost);
    }
}
