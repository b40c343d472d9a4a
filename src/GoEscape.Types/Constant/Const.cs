using System.Numerics;
using System.Text;

namespace GoEscape.Types.Constant;

/// <summary>
/// Factories, accessors and operations on <see cref="ConstValue"/>; models go/constant (Go 1.27) function
/// by function, including its representation choices, so that values and their printed forms agree with
/// go/types bit for bit.
/// </summary>
public static class Const
{
    /// <summary>Mantissa precision of Float values (go/constant's prec).</summary>
    public const uint Prec = 512;

    /// <summary>Fractions keep numerator and denominator below 2^MaxExp bits (go/constant's maxExp).</summary>
    public const int MaxExp = 4 << 10;

    public static readonly ConstValue Unknown = UnknownConst.Instance;

    // ------------------------------------------------------------------
    // Internal constructors (models makeInt, makeRat, makeFloat, makeComplex, smallInt, smallFloat)

    internal static int BitLen(BigInteger x) => (int)BigInteger.Abs(x).GetBitLength();

    private static ConstValue MakeInt(BigInteger x)
        => x >= long.MinValue && x <= long.MaxValue ? new Int64Const((long)x) : new BigIntConst(x);

    private static bool SmallInt(BigInteger x) => BitLen(x) < MaxExp;

    private static bool SmallFloat(BigFloat x) => !x.IsInf && -MaxExp < x.MantExp && x.MantExp < MaxExp;

    private static ConstValue MakeRat(BigRat x)
        => SmallInt(x.Num) && SmallInt(x.Den) ? new RatConst(x) : new FloatConst(BigFloat.FromRatio(x.Num, x.Den, Prec));

    private static ConstValue MakeFloatVal(BigFloat x)
    {
        if (x.Sign == 0) return FloatConst.Zero;
        if (x.IsInf) return Unknown;
        return new FloatConst(x);
    }

    private static ConstValue MakeComplex(ConstValue re, ConstValue im)
        => re.Kind == ConstKind.Unknown || im.Kind == ConstKind.Unknown ? Unknown : new ComplexConst(re, im);

    private static RatConst I64ToR(long x) => new(BigRat.FromInteger(x));
    private static FloatConst IToF(BigInteger x) => new(BigFloat.FromInteger(x, Prec));
    private static FloatConst RToF(BigRat x) => new(BigFloat.FromRatio(x.Num, x.Den, Prec));

    // ------------------------------------------------------------------
    // Factories

    public static ConstValue MakeUnknown() => Unknown;
    public static ConstValue MakeBool(bool b) => BoolConst.Of(b);

    /// <summary>A String value from Go string bytes.</summary>
    public static ConstValue MakeString(byte[] s) => s.Length == 0 ? StringConst.Empty : new StringConst(s);

    /// <summary>A String value from .NET text (encoded as UTF-8).</summary>
    public static ConstValue MakeString(string s) => MakeString(Encoding.UTF8.GetBytes(s));

    public static ConstValue MakeInt64(long x) => new Int64Const(x);
    public static ConstValue MakeUint64(ulong x) => x < 1UL << 63 ? new Int64Const((long)x) : new BigIntConst(x);
    public static ConstValue MakeBigInt(BigInteger x) => MakeInt(x);

    /// <summary>Models constant.Make(*big.Rat): a Float value for num/den (den != 0).</summary>
    public static ConstValue MakeRat(BigInteger num, BigInteger den) => MakeRat(BigRat.Make(num, den));

    /// <summary>Models constant.Make(*big.Float): a Float value for x (zero normalised, infinities Unknown).</summary>
    public static ConstValue MakeFloat(BigFloat x) => MakeFloatVal(x);

    /// <summary>Models constant.MakeFloat64: exact; -0 becomes 0, non-finite values Unknown.</summary>
    public static ConstValue MakeFloat64(double x)
    {
        if (double.IsInfinity(x) || double.IsNaN(x))
            return Unknown;
        if (x == 0)
            x = 0; // convert -0 to 0
        var f = BigFloat.FromDouble(x);
        if (f.Sign == 0 || (-MaxExp < f.MantExp && f.MantExp < MaxExp))
        {
            var (n, d) = f.ToRatio();
            return new RatConst(BigRat.Make(n, d));
        }
        return new FloatConst(f);
    }

    /// <summary>Models constant.MakeFromLiteral: the value of a Go literal, or Unknown if its syntax is invalid.</summary>
    public static ConstValue MakeFromLiteral(string lit, LiteralKind kind)
        => kind is LiteralKind.Rune or LiteralKind.String ? MakeFromLiteral(Encoding.UTF8.GetBytes(lit), kind) : MakeFromLiteralText(lit, kind);

    /// <summary>Like <see cref="MakeFromLiteral(string, LiteralKind)"/> for literal source bytes
    /// (string and rune literals may hold bytes that are not UTF-8).</summary>
    public static ConstValue MakeFromLiteral(byte[] lit, LiteralKind kind)
    {
        switch (kind)
        {
            case LiteralKind.Rune:
                if (lit.Length >= 2 && GoQuote.UnquoteChar(lit.AsSpan(1, lit.Length - 2), (byte)'\'', out int code, out _, out _))
                    return new Int64Const(code);
                return Unknown;
            case LiteralKind.String:
                return GoQuote.Unquote(lit) is { } s ? MakeString(s) : Unknown;
            default:
                return MakeFromLiteralText(Encoding.Latin1.GetString(lit), kind);
        }
    }

    private static ConstValue MakeFromLiteralText(string lit, LiteralKind kind)
    {
        switch (kind)
        {
            case LiteralKind.Int:
                if (Literals.ParseInt(lit) is { } i)
                    return MakeInt(i);
                break;
            case LiteralKind.Float:
                if (MakeFloatFromLiteral(lit) is { } f)
                    return f;
                break;
            case LiteralKind.Imag:
                if (lit.Length > 0 && lit[^1] == 'i' && MakeFloatFromLiteral(lit[..^1]) is { } im)
                    return MakeComplex(new Int64Const(0), im);
                break;
            default:
                throw new ArgumentOutOfRangeException(nameof(kind));
        }
        return Unknown;
    }

    // models makeFloatFromLiteral
    private static ConstValue? MakeFloatFromLiteral(string lit)
    {
        bool neg = false;
        if (lit.Length > 0 && (lit[0] == '+' || lit[0] == '-'))
        {
            neg = lit[0] == '-';
            lit = lit[1..];
        }
        if (Literals.SplitFloat(lit) is not { } parts || Literals.ToFloat(parts, Prec) is not { } f)
            return null;
        if (SmallFloat(f))
        {
            if (f.Sign == 0)
                return new RatConst(BigRat.FromInteger(0)); // issue 20228: parse just "0"
            var r = Literals.ToRat(parts);
            return new RatConst(neg ? -r : r);
        }
        return MakeFloatVal(neg ? f.Negate() : f);
    }

    // ------------------------------------------------------------------
    // Accessors

    public static bool BoolVal(ConstValue x) => x switch
    {
        BoolConst b => b.Value,
        UnknownConst => false,
        _ => throw NotA(x, "a Bool"),
    };

    /// <summary>The Go string bytes of a String value ("" for Unknown).</summary>
    public static byte[] StringVal(ConstValue x) => x switch
    {
        StringConst s => s.Bytes,
        UnknownConst => [],
        _ => throw NotA(x, "a String"),
    };

    /// <summary>The string decoded from UTF-8 (invalid bytes become U+FFFD).</summary>
    public static string StringValUtf8(ConstValue x) => Encoding.UTF8.GetString(StringVal(x));

    public static long StringLen(ConstValue x) => x switch
    {
        StringConst s => s.Length,
        UnknownConst => 0,
        _ => throw NotA(x, "a String"),
    };

    private static long LowInt64(BigInteger v)
    {
        var a = BigInteger.Abs(v);
        ulong low = (ulong)(a & ulong.MaxValue);
        long r = unchecked((long)low);
        return v.Sign < 0 ? unchecked(-r) : r;
    }

    public static (long Value, bool Exact) Int64Val(ConstValue x) => x switch
    {
        Int64Const i => (i.Value, true),
        BigIntConst i => (LowInt64(i.Value), false),
        UnknownConst => (0, false),
        _ => throw NotA(x, "an Int"),
    };

    public static (ulong Value, bool Exact) Uint64Val(ConstValue x) => x switch
    {
        Int64Const i => (unchecked((ulong)i.Value), i.Value >= 0),
        BigIntConst i => ((ulong)(BigInteger.Abs(i.Value) & ulong.MaxValue), i.Value.Sign >= 0 && BitLen(i.Value) <= 64),
        UnknownConst => (0, false),
        _ => throw NotA(x, "an Int"),
    };

    public static BigInteger? BigIntVal(ConstValue x) => x switch
    {
        Int64Const i => i.Value,
        BigIntConst i => i.Value,
        _ => null,
    };

    public static (double Value, bool Exact) Float64Val(ConstValue x)
    {
        switch (x)
        {
            case Int64Const i:
            {
                double f = BinaryRounding.ToIeee(i.Value < 0, BigInteger.Abs(i.Value), BigInteger.One, 0, false, out bool exact);
                return (f, exact);
            }
            case BigIntConst i:
            {
                double f = BigFloat.FromInteger(i.Value, Prec).ToDouble(out bool exact);
                return (f, exact);
            }
            case RatConst r:
            {
                double f = r.Value.ToDouble(out bool exact);
                return (f, exact);
            }
            case FloatConst fv:
            {
                double f = fv.Value.ToDouble(out bool exact);
                return (f, exact);
            }
            case UnknownConst:
                return (0, false);
            default:
                throw NotA(x, "a Float");
        }
    }

    public static (float Value, bool Exact) Float32Val(ConstValue x)
    {
        switch (x)
        {
            case Int64Const i:
            {
                float f = (float)BinaryRounding.ToIeee(i.Value < 0, BigInteger.Abs(i.Value), BigInteger.One, 0, true, out bool exact);
                return (f, exact);
            }
            case BigIntConst i:
            {
                float f = BigFloat.FromInteger(i.Value, Prec).ToSingle(out bool exact);
                return (f, exact);
            }
            case RatConst r:
            {
                float f = r.Value.ToSingle(out bool exact);
                return (f, exact);
            }
            case FloatConst fv:
            {
                float f = fv.Value.ToSingle(out bool exact);
                return (f, exact);
            }
            case UnknownConst:
                return (0, false);
            default:
                throw NotA(x, "a Float");
        }
    }

    public static int BitLen(ConstValue x) => x switch
    {
        Int64Const i => BitLen((BigInteger)i.Value),
        BigIntConst i => BitLen(i.Value),
        UnknownConst => 0,
        _ => throw NotA(x, "an Int"),
    };

    public static int Sign(ConstValue x) => x switch
    {
        Int64Const i => Math.Sign(i.Value),
        BigIntConst i => i.Value.Sign,
        RatConst r => r.Value.Sign,
        FloatConst f => f.Value.Sign,
        ComplexConst c => Sign(c.Re) | Sign(c.Im),
        UnknownConst => 1, // avoid spurious division by zero errors
        _ => throw NotA(x, "numeric"),
    };

    public static ConstValue Num(ConstValue x)
    {
        switch (x)
        {
            case Int64Const or BigIntConst: return x;
            case RatConst r: return MakeInt(r.Value.Num);
            case FloatConst f when SmallFloat(f.Value): return MakeInt(f.Value.ToRatio().Num);
            case FloatConst or UnknownConst: return Unknown;
            default: throw NotA(x, "Int or Float");
        }
    }

    public static ConstValue Denom(ConstValue x)
    {
        switch (x)
        {
            case Int64Const or BigIntConst: return new Int64Const(1);
            case RatConst r: return MakeInt(r.Value.Den);
            case FloatConst f when SmallFloat(f.Value): return MakeInt(f.Value.ToRatio().Den);
            case FloatConst or UnknownConst: return Unknown;
            default: throw NotA(x, "Int or Float");
        }
    }

    /// <summary>Little-endian bytes of |x| without leading zeros; x must be an Int (models constant.Bytes).</summary>
    public static byte[] Bytes(ConstValue x)
    {
        var v = x switch
        {
            Int64Const i => (BigInteger)i.Value,
            BigIntConst i => i.Value,
            _ => throw NotA(x, "an Int"),
        };
        var b = BigInteger.Abs(v).ToByteArray(isUnsigned: true, isBigEndian: false);
        return b.Length == 1 && b[0] == 0 ? [] : b;
    }

    /// <summary>The Int value of little-endian bytes; empty means 0 (models constant.MakeFromBytes).</summary>
    public static ConstValue MakeFromBytes(ReadOnlySpan<byte> bytes) => MakeInt(new BigInteger(bytes, isUnsigned: true, isBigEndian: false));

    public static ConstValue MakeImag(ConstValue x) => x switch
    {
        UnknownConst => x,
        Int64Const or BigIntConst or RatConst or FloatConst => MakeComplex(new Int64Const(0), x),
        _ => throw NotA(x, "Int or Float"),
    };

    public static ConstValue Real(ConstValue x) => x switch
    {
        UnknownConst or Int64Const or BigIntConst or RatConst or FloatConst => x,
        ComplexConst c => c.Re,
        _ => throw NotA(x, "numeric"),
    };

    public static ConstValue Imag(ConstValue x) => x switch
    {
        UnknownConst => x,
        Int64Const or BigIntConst or RatConst or FloatConst => new Int64Const(0),
        ComplexConst c => c.Im,
        _ => throw NotA(x, "numeric"),
    };

    // ------------------------------------------------------------------
    // Numeric conversions

    public static ConstValue ToInt(ConstValue x)
    {
        switch (x)
        {
            case Int64Const or BigIntConst:
                return x;
            case RatConst r:
                if (r.Value.IsInt)
                    return MakeInt(r.Value.Num);
                break;
            case FloatConst f:
                // avoid creation of huge integers
                if (SmallFloat(f.Value))
                {
                    var i = f.Value.Truncate(out bool exact);
                    if (exact)
                        return MakeInt(i);
                    // If we can get an integer by rounding up or down, assume x is not an integer
                    // because of rounding errors in prior computations.
                    const uint delta = 4;
                    var t = f.Value.RoundTo(Prec - delta, RoundingMode.ToZero);
                    i = t.Truncate(out exact);
                    if (exact)
                        return MakeInt(i);
                    t = f.Value.RoundTo(Prec - delta, RoundingMode.AwayFromZero);
                    i = t.Truncate(out exact);
                    if (exact)
                        return MakeInt(i);
                }
                break;
            case ComplexConst:
                if (ToFloat(x) is var re && re.Kind == ConstKind.Float)
                    return ToInt(re);
                break;
        }
        return Unknown;
    }

    public static ConstValue ToFloat(ConstValue x) => x switch
    {
        Int64Const i => I64ToR(i.Value),
        BigIntConst i => SmallInt(i.Value) ? new RatConst(BigRat.FromInteger(i.Value)) : IToF(i.Value),
        RatConst or FloatConst => x,
        ComplexConst c when Sign(c.Im) == 0 => ToFloat(c.Re),
        _ => Unknown,
    };

    public static ConstValue ToComplex(ConstValue x) => x switch
    {
        Int64Const or BigIntConst or RatConst or FloatConst => new ComplexConst(x, new Int64Const(0)),
        ComplexConst => x,
        _ => Unknown,
    };

    // ------------------------------------------------------------------
    // Operations

    private static bool Is32Bit(long x) => x >= int.MinValue && x <= int.MaxValue;
    private static bool Is63Bit(long x) => x >= -(1L << 62) && x <= (1L << 62) - 1;

    /// <summary>Models constant.UnaryOp; prec &gt; 0 bounds the result of ^ to prec bits (unsigned types).</summary>
    public static ConstValue UnaryOp(UnaryOperator op, ConstValue y, uint prec)
    {
        switch (op)
        {
            case UnaryOperator.Plus:
                if (y is UnknownConst or Int64Const or BigIntConst or RatConst or FloatConst or ComplexConst)
                    return y;
                break;
            case UnaryOperator.Minus:
                switch (y)
                {
                    case UnknownConst: return y;
                    case Int64Const i:
                        return i.Value != long.MinValue ? new Int64Const(-i.Value) : MakeInt(-(BigInteger)i.Value);
                    case BigIntConst i: return MakeInt(-i.Value);
                    case RatConst r: return MakeRat(-r.Value);
                    case FloatConst f: return MakeFloatVal(f.Value.Negate());
                    case ComplexConst c:
                        return MakeComplex(UnaryOp(UnaryOperator.Minus, c.Re, 0), UnaryOp(UnaryOperator.Minus, c.Im, 0));
                }
                break;
            case UnaryOperator.Xor:
            {
                BigInteger z;
                switch (y)
                {
                    case UnknownConst: return y;
                    case Int64Const i: z = ~(BigInteger)i.Value; break;
                    case BigIntConst i: z = ~i.Value; break;
                    default: throw Invalid($"invalid unary operation ^{y}");
                }
                // For unsigned types the result would be negative and thus "too large":
                // limit the result precision to the type's precision.
                if (prec > 0)
                    z &= (BigInteger.One << checked((int)prec)) - 1;
                return MakeInt(z);
            }
            case UnaryOperator.Not:
                switch (y)
                {
                    case UnknownConst: return y;
                    case BoolConst b: return BoolConst.Of(!b.Value);
                }
                break;
        }
        throw Invalid($"invalid unary operation {op} {y}");
    }

    private static int Ord(ConstValue x) => x switch
    {
        UnknownConst => 0,
        BoolConst or StringConst => 1,
        Int64Const => 2,
        BigIntConst => 3,
        RatConst => 4,
        FloatConst => 5,
        ComplexConst => 6,
        _ => -1,
    };

    // models match: the matching representation with the smallest complexity
    private static (ConstValue, ConstValue) Match(ConstValue x, ConstValue y)
    {
        int ox = Ord(x), oy = Ord(y);
        if (ox < oy)
            return Match0(x, y);
        if (ox > oy)
        {
            var (b, a) = Match0(y, x);
            return (a, b);
        }
        return (x, y);
    }

    // Invariant: Ord(x) < Ord(y)
    private static (ConstValue, ConstValue) Match0(ConstValue x, ConstValue y)
    {
        switch (y)
        {
            case BigIntConst when x is Int64Const i:
                return (new BigIntConst(i.Value), y);
            case RatConst:
                switch (x)
                {
                    case Int64Const i: return (I64ToR(i.Value), y);
                    case BigIntConst i: return (new RatConst(BigRat.FromInteger(i.Value)), y);
                }
                break;
            case FloatConst:
                switch (x)
                {
                    case Int64Const i: return (IToF(i.Value), y);
                    case BigIntConst i: return (IToF(i.Value), y);
                    case RatConst r: return (RToF(r.Value), y);
                }
                break;
            case ComplexConst:
                if (x is Int64Const or BigIntConst or RatConst or FloatConst)
                    return (new ComplexConst(x, new Int64Const(0)), y);
                break;
        }
        // force unknown and invalid values into "x position" in callers of match
        return (x, x);
    }

    /// <summary>Models constant.BinaryOp (not comparisons or shifts). <see cref="BinaryOperator.IntQuo"/> forces
    /// integer division of Int operands. Division by zero throws <see cref="DivideByZeroException"/>.</summary>
    public static ConstValue BinaryOp(ConstValue x_, BinaryOperator op, ConstValue y_)
    {
        var (x, y) = Match(x_, y_);
        switch (x)
        {
            case UnknownConst:
                return x;
            case BoolConst bx when y is BoolConst by:
                switch (op)
                {
                    case BinaryOperator.LogAnd: return BoolConst.Of(bx.Value && by.Value);
                    case BinaryOperator.LogOr: return BoolConst.Of(bx.Value || by.Value);
                }
                break;
            case Int64Const ix when y is Int64Const iy:
            {
                long a = ix.Value, b = iy.Value;
                switch (op)
                {
                    case BinaryOperator.Add:
                        if (!Is63Bit(a) || !Is63Bit(b)) return MakeInt((BigInteger)a + b);
                        return new Int64Const(a + b);
                    case BinaryOperator.Sub:
                        if (!Is63Bit(a) || !Is63Bit(b)) return MakeInt((BigInteger)a - b);
                        return new Int64Const(a - b);
                    case BinaryOperator.Mul:
                        if (!Is32Bit(a) || !Is32Bit(b)) return MakeInt((BigInteger)a * b);
                        return new Int64Const(a * b);
                    case BinaryOperator.Quo:
                        return MakeRat(BigRat.Make(a, b));
                    case BinaryOperator.IntQuo:
                        if (b == 0) throw new DivideByZeroException();
                        return new Int64Const(b == -1 ? unchecked(-a) : a / b); // Go wraps MinInt64 / -1
                    case BinaryOperator.Rem:
                        if (b == 0) throw new DivideByZeroException();
                        return new Int64Const(b == -1 ? 0 : a % b);
                    case BinaryOperator.And: return new Int64Const(a & b);
                    case BinaryOperator.Or: return new Int64Const(a | b);
                    case BinaryOperator.Xor: return new Int64Const(a ^ b);
                    case BinaryOperator.AndNot: return new Int64Const(a & ~b);
                }
                break;
            }
            case BigIntConst ix when y is BigIntConst iy:
            {
                BigInteger a = ix.Value, b = iy.Value;
                switch (op)
                {
                    case BinaryOperator.Add: return MakeInt(a + b);
                    case BinaryOperator.Sub: return MakeInt(a - b);
                    case BinaryOperator.Mul: return MakeInt(a * b);
                    case BinaryOperator.Quo: return MakeRat(BigRat.Make(a, b));
                    case BinaryOperator.IntQuo: return MakeInt(BigInteger.Divide(a, b));
                    case BinaryOperator.Rem: return MakeInt(BigInteger.Remainder(a, b));
                    case BinaryOperator.And: return MakeInt(a & b);
                    case BinaryOperator.Or: return MakeInt(a | b);
                    case BinaryOperator.Xor: return MakeInt(a ^ b);
                    case BinaryOperator.AndNot: return MakeInt(a & ~b);
                }
                break;
            }
            case RatConst rx when y is RatConst ry:
            {
                BigRat a = rx.Value, b = ry.Value;
                switch (op)
                {
                    case BinaryOperator.Add: return MakeRat(a + b);
                    case BinaryOperator.Sub: return MakeRat(a - b);
                    case BinaryOperator.Mul: return MakeRat(a * b);
                    case BinaryOperator.Quo:
                        if (b.Sign == 0) throw new DivideByZeroException();
                        return MakeRat(a / b);
                }
                break;
            }
            case FloatConst fx when y is FloatConst fy:
            {
                BigFloat a = fx.Value, b = fy.Value;
                switch (op)
                {
                    case BinaryOperator.Add: return MakeFloatVal(BigFloat.Add(a, b, Prec));
                    case BinaryOperator.Sub: return MakeFloatVal(BigFloat.Sub(a, b, Prec));
                    case BinaryOperator.Mul: return MakeFloatVal(BigFloat.Mul(a, b, Prec));
                    case BinaryOperator.Quo:
                        if (b.Sign == 0) throw new DivideByZeroException();
                        return MakeFloatVal(BigFloat.Quo(a, b, Prec));
                }
                break;
            }
            case ComplexConst cx when y is ComplexConst cy:
            {
                ConstValue a = cx.Re, b = cx.Im, c = cy.Re, d = cy.Im;
                ConstValue re, im;
                switch (op)
                {
                    case BinaryOperator.Add:
                        re = Add(a, c);
                        im = Add(b, d);
                        break;
                    case BinaryOperator.Sub:
                        re = Sub(a, c);
                        im = Sub(b, d);
                        break;
                    case BinaryOperator.Mul:
                    {
                        var ac = Mul(a, c);
                        var bd = Mul(b, d);
                        var bc = Mul(b, c);
                        var ad = Mul(a, d);
                        re = Sub(ac, bd);
                        im = Add(bc, ad);
                        break;
                    }
                    case BinaryOperator.Quo:
                    {
                        // (ac+bd)/s + i(bc-ad)/s, with s = cc + dd
                        var ac = Mul(a, c);
                        var bd = Mul(b, d);
                        var bc = Mul(b, c);
                        var ad = Mul(a, d);
                        var cc = Mul(c, c);
                        var dd = Mul(d, d);
                        var s = Add(cc, dd);
                        re = Quo(Add(ac, bd), s);
                        im = Quo(Sub(bc, ad), s);
                        break;
                    }
                    default:
                        throw Invalid($"invalid binary operation {x_} {op} {y_}");
                }
                return MakeComplex(re, im);
            }
            case StringConst sx when y is StringConst sy && op == BinaryOperator.Add:
                return new StringConst(sx, sy);
        }
        throw Invalid($"invalid binary operation {x_} {op} {y_}");
    }

    private static ConstValue Add(ConstValue x, ConstValue y) => BinaryOp(x, BinaryOperator.Add, y);
    private static ConstValue Sub(ConstValue x, ConstValue y) => BinaryOp(x, BinaryOperator.Sub, y);
    private static ConstValue Mul(ConstValue x, ConstValue y) => BinaryOp(x, BinaryOperator.Mul, y);
    private static ConstValue Quo(ConstValue x, ConstValue y) => BinaryOp(x, BinaryOperator.Quo, y);

    /// <summary>Models constant.Shift: x must be an Int or Unknown.</summary>
    public static ConstValue Shift(ConstValue x, ShiftOperator op, uint s)
    {
        switch (x)
        {
            case UnknownConst:
                return x;
            case Int64Const i:
                if (s == 0) return x;
                if (op == ShiftOperator.Shl) return MakeInt((BigInteger)i.Value << checked((int)s));
                return new Int64Const(s >= 63 ? (i.Value < 0 ? -1 : 0) : i.Value >> (int)s);
            case BigIntConst i:
                if (s == 0) return x;
                return MakeInt(op == ShiftOperator.Shl ? i.Value << checked((int)s) : i.Value >> checked((int)Math.Min(s, int.MaxValue)));
        }
        throw Invalid($"invalid shift {x} {op} {s}");
    }

    private static bool CmpZero(int x, CompareOperator op) => op switch
    {
        CompareOperator.Eql => x == 0,
        CompareOperator.Neq => x != 0,
        CompareOperator.Lss => x < 0,
        CompareOperator.Leq => x <= 0,
        CompareOperator.Gtr => x > 0,
        CompareOperator.Geq => x >= 0,
        _ => throw new ArgumentOutOfRangeException(nameof(op)),
    };

    /// <summary>Models constant.Compare; false if an operand is Unknown.</summary>
    public static bool Compare(ConstValue x_, CompareOperator op, ConstValue y_)
    {
        var (x, y) = Match(x_, y_);
        switch (x)
        {
            case UnknownConst:
                return false;
            case BoolConst bx when y is BoolConst by:
                if (op == CompareOperator.Eql) return bx.Value == by.Value;
                if (op == CompareOperator.Neq) return bx.Value != by.Value;
                break;
            case Int64Const ix when y is Int64Const iy:
                return CmpZero(ix.Value.CompareTo(iy.Value), op);
            case BigIntConst ix when y is BigIntConst iy:
                return CmpZero(BigInteger.Compare(ix.Value, iy.Value), op);
            case RatConst rx when y is RatConst ry:
                return CmpZero(BigRat.Compare(rx.Value, ry.Value), op);
            case FloatConst fx when y is FloatConst fy:
                return CmpZero(BigFloat.Compare(fx.Value, fy.Value), op);
            case ComplexConst cx when y is ComplexConst cy:
            {
                bool re = Compare(cx.Re, CompareOperator.Eql, cy.Re);
                bool im = Compare(cx.Im, CompareOperator.Eql, cy.Im);
                if (op == CompareOperator.Eql) return re && im;
                if (op == CompareOperator.Neq) return !re || !im;
                break;
            }
            case StringConst sx when y is StringConst sy:
                return CmpZero(Math.Sign(sx.Bytes.AsSpan().SequenceCompareTo(sy.Bytes)), op);
        }
        throw Invalid($"invalid comparison {x_} {op} {y_}");
    }

    private static InvalidOperationException NotA(ConstValue x, string what) => new($"{x} not {what}");
    private static InvalidOperationException Invalid(string msg) => new(msg);
}
