using GoEscape.Escape;
using GoEscape.IR;
using static GoEscape.Tests.Escape.IrBuilder;

namespace GoEscape.Tests.Escape;

/// <summary>Stack size limits (ir.MaxStackVarSize / MaxImplicitStackVarSize), with and without -smallframes.</summary>
public sealed class LimitsTests
{
    /// <summary>
    /// Like test/fixedbugs/issue27732a.go (-smallframes forces a large variable to the heap), with sizes between
    /// the default and the -smallframes limits:
    /// 1 package main
    /// 3 func f() byte { var c [10000]int; p := new([3000]int); s := make([]byte, 20000); return byte(c[0] + p[0]) + s[0] }
    /// </summary>
    private static IrBuilder Build()
    {
        var b = new IrBuilder();
        var f = b.Func("f", 3, 6, null, [], [Par("~r0", IrType.Byte, 3, 10)]);
        var arr = ArrayOf(IrType.Int, 10000);          // 80000 bytes: > 64 KiB, < 128 KiB
        var c = f.Local("c", arr, 3, 21);
        var p = f.Local("p", Ptr(ArrayOf(IrType.Int, 3000)), 3, 41); // 24000 bytes: > 16 KiB, < 64 KiB
        var s = f.Local("s", SliceOf(IrType.Byte), 3, 64);
        f.Body(
            f.Var(c, 3, 21),
            f.Define(p, b.New(ArrayOf(IrType.Int, 3000), 3, 49), 3, 43),
            f.Define(s, b.MakeSlice(SliceOf(IrType.Byte), b.Int(20000, 3, 83), null, 3, 73), 3, 66),
            f.Assign(Blank, new IndexExpr(Op.OINDEX, b.P(4, 7), c, b.Int(0, 4, 8)) { Type = IrType.Int }, 4, 4),
            f.Assign(Blank, new IndexExpr(Op.OINDEX, b.P(5, 7), p, b.Int(0, 5, 8)) { Type = IrType.Int }, 5, 4),
            f.Assign(Blank, new IndexExpr(Op.OINDEX, b.P(6, 7), s, b.Int(0, 6, 8)) { Type = IrType.Byte }, 6, 4),
            f.Return(7, 2, b.Int(0, 7, 9, IrType.Byte)));
        return b;
    }

    [Fact]
    public void DefaultLimitsKeepMidSizedVariablesOnStack() => Assert.Equal(
        ["./a.go:3:49: new([3000]int) does not escape", "./a.go:3:73: make([]byte, 20000) does not escape"],
        SeedTests.Run(Build(), 1, smallFrames: false));

    [Fact]
    public void SmallFramesMovesThemToHeap() => Assert.Equal(
        ["./a.go:3:21: moved to heap: c", "./a.go:3:49: new([3000]int) escapes to heap", "./a.go:3:73: make([]byte, 20000) escapes to heap"],
        SeedTests.Run(Build(), 1, smallFrames: true));
}
