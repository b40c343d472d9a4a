using System.Numerics;
using System.Text;
using GoEscape.Types.Constant;

namespace GoEscape.Tests.Constant;

/// <summary>API behaviour of GoEscape.Types.Constant that the golden replay does not reach.</summary>
public sealed class ConstApiTests
{
    private static ConstValue Lit(string s, LiteralKind k) => Const.MakeFromLiteral(s, k);

    [Fact]
    public void StringsAreByteStrings()
    {
        var s = Lit("\"\\xffé\"", LiteralKind.String);
        Assert.Equal(new byte[] { 0xff, 0xc3, 0xa9 }, Const.StringVal(s));
        Assert.Equal(3, Const.StringLen(s));
        Assert.Equal("\"\\xffé\"", s.String());
        Assert.Equal("\uFFFDé", Const.StringValUtf8(s));
        Assert.Equal("\"é\"", Const.MakeString("é").ExactString());
    }

    [Fact]
    public void LongConcatenationChainsFlattenWithoutRecursion()
    {
        var s = Const.MakeString("");
        var piece = Const.MakeString("ab");
        for (int i = 0; i < 200_000; i++)
            s = Const.BinaryOp(s, BinaryOperator.Add, piece);
        Assert.Equal(400_000, Const.StringLen(s));
        Assert.Equal(400_000, Const.StringVal(s).Length);
        Assert.StartsWith("\"abab", s.String());
        Assert.EndsWith("...", s.String());
    }

    [Fact]
    public void DivisionByZeroThrows()
    {
        var one = Const.MakeInt64(1);
        var zero = Const.MakeInt64(0);
        Assert.Throws<DivideByZeroException>(() => Const.BinaryOp(one, BinaryOperator.Quo, zero));
        Assert.Throws<DivideByZeroException>(() => Const.BinaryOp(one, BinaryOperator.IntQuo, zero));
        Assert.Throws<DivideByZeroException>(() => Const.BinaryOp(Lit("1.5", LiteralKind.Float), BinaryOperator.Quo, Lit("0.0", LiteralKind.Float)));
    }

    [Fact]
    public void InvalidOperationsThrow()
    {
        Assert.Throws<InvalidOperationException>(() => Const.BinaryOp(Const.MakeBool(true), BinaryOperator.Add, Const.MakeInt64(1)));
        Assert.Throws<InvalidOperationException>(() => Const.Int64Val(Const.MakeString("x")));
        Assert.Throws<InvalidOperationException>(() => Const.Shift(Lit("1.5", LiteralKind.Float), ShiftOperator.Shl, 1));
    }

    [Fact]
    public void UnknownPropagates()
    {
        var u = Const.Unknown;
        Assert.Same(u, Const.BinaryOp(u, BinaryOperator.Add, Const.MakeInt64(1)));
        Assert.Same(u, Const.BinaryOp(Const.MakeInt64(1), BinaryOperator.Mul, u));
        Assert.False(Const.Compare(u, CompareOperator.Eql, u));
        Assert.Equal(1, Const.Sign(u));
        Assert.True(Representable.Check(u, BasicTarget.Int8, out var r));
        Assert.Same(u, r);
    }

    [Fact]
    public void RepresentationsFollowGoConstant()
    {
        Assert.Equal("int64Val", Const.MakeUint64(1UL << 62).ReprName);
        Assert.Equal("intVal", Const.MakeUint64(1UL << 63).ReprName);
        Assert.Equal("ratVal", Lit("1e1000", LiteralKind.Float).ReprName);
        Assert.Equal("floatVal", Lit("1e10000", LiteralKind.Float).ReprName);
        Assert.Equal("unknownVal", Lit("1e1000000000", LiteralKind.Float).ReprName);
        var big = Const.Shift(Const.MakeInt64(1), ShiftOperator.Shl, 100);
        Assert.Equal(BigInteger.One << 100, Const.BigIntVal(big));
        Assert.Null(Const.BigIntVal(Lit("1.5", LiteralKind.Float)));
        Assert.Equal(101, Const.BitLen(big));
    }

    [Fact]
    public void BytesRoundTrip()
    {
        var v = Const.MakeBigInt(BigInteger.Parse("123456789012345678901234567890"));
        var b = Const.Bytes(v);
        Assert.Equal(v.ExactString(), Const.MakeFromBytes(b).ExactString());
        Assert.Empty(Const.Bytes(Const.MakeInt64(0)));
        Assert.Equal("0", Const.MakeFromBytes([]).ExactString());
    }

    [Fact]
    public void RepresentabilityOfTypedTargets()
    {
        Assert.True(Representable.Check(Lit("255", LiteralKind.Int), BasicTarget.Uint8));
        Assert.False(Representable.Check(Lit("256", LiteralKind.Int), BasicTarget.Uint8));
        Assert.False(Representable.Check(Lit("-1", LiteralKind.Int), BasicTarget.Uintptr));
        Assert.True(Representable.Check(Lit("18446744073709551615", LiteralKind.Int), BasicTarget.Uint));
        Assert.False(Representable.Check(Lit("1.5", LiteralKind.Float), BasicTarget.Int));
        Assert.True(Representable.Check(Lit("2.0", LiteralKind.Float), BasicTarget.Int, out var two));
        Assert.Equal("int64Val", two.ReprName);
        Assert.False(Representable.Check(Lit("1e309", LiteralKind.Float), BasicTarget.Float64));
        Assert.True(Representable.Check(Lit("0.1", LiteralKind.Float), BasicTarget.Float32, out var f32));
        Assert.Equal("13421773/134217728", f32.ExactString());
        Assert.True(Representable.Check(Const.MakeString("x"), BasicTarget.UntypedString));
        Assert.False(Representable.Check(Const.MakeString("x"), BasicTarget.Bool));
    }

    [Fact]
    public void FloatFormattingMatchesFmt()
    {
        Assert.Equal("1e+06", FloatFormat.G(1e6, 6));
        Assert.Equal("100000", FloatFormat.G(1e5, 6));
        Assert.Equal("0.0001", FloatFormat.G(1e-4, 6));
        Assert.Equal("1e-05", FloatFormat.G(1e-5, 6));
        Assert.Equal("1.0000005e+06", FloatFormat.G(1000000.5));
        Assert.Equal("5e-324", FloatFormat.G(double.Epsilon));
        Assert.Equal("1.7976931348623157e+308", FloatFormat.G(double.MaxValue));
        Assert.Equal("-0", FloatFormat.G(-0.0));
        Assert.Equal("0.30000000000000004", FloatFormat.G(0.1 + 0.2));
    }

    [Fact]
    public void StringTruncatesAfter72Runes()
    {
        var s = Const.MakeString(Encoding.UTF8.GetBytes(new string('a', 100)));
        Assert.Equal("\"" + new string('a', 68) + "...", s.String());
        Assert.Equal(102, s.ExactString().Length);
    }

    [Fact]
    public void IntToStringConversion()
    {
        Assert.Equal("\"A\"", Representable.IntToString(Const.MakeInt64(65)).ExactString());
        Assert.Equal("\"\uFFFD\"", Representable.IntToString(Const.MakeInt64(-1)).ExactString());
        Assert.Equal(new byte[] { 0xEF, 0xBF, 0xBD }, Const.StringVal(Representable.IntToString(Const.MakeInt64(0xD800))));
        Assert.Equal(new byte[] { 0xF4, 0x8F, 0xBF, 0xBF }, Const.StringVal(Representable.IntToString(Const.MakeInt64(0x10FFFF))));
        Assert.Equal(new byte[] { 0xEF, 0xBF, 0xBD }, Const.StringVal(Representable.IntToString(Const.MakeInt64(0x110000))));
        Assert.True(Representable.UntypedIntOverflows(Const.Shift(Const.MakeInt64(1), ShiftOperator.Shl, 512)));
        Assert.False(Representable.UntypedIntOverflows(Const.Shift(Const.MakeInt64(1), ShiftOperator.Shl, 511)));
    }
}
