using System.Numerics;

namespace GoEscape.Types.Constant;

/// <summary>
/// Exact binary rounding shared by <see cref="BigFloat"/> and the IEEE conversions. Every math/big
/// operation go/constant relies on (Float Add/Sub/Mul/Quo/SetInt/SetRat/Set, Float.Float64/Float32,
/// Rat.Float64/Float32) is "compute exactly, then round once"; this class does that single rounding for
/// a value given as num/den * 2^k.
/// </summary>
internal static class BinaryRounding
{
    /// <summary>floor(log2(num/den)) for num, den &gt; 0.</summary>
    public static long Log2Floor(BigInteger num, BigInteger den)
    {
        long bn = (long)num.GetBitLength();
        if (den.IsOne)
            return bn - 1;
        long t = bn - (long)den.GetBitLength();
        int c = t >= 0 ? BigInteger.Compare(num, den << (int)t) : BigInteger.Compare(num << (int)-t, den);
        return c >= 0 ? t : t - 1;
    }

    /// <summary>Rounds v = num/den * 2^k (num, den &gt; 0) to a multiple of 2^lsb; returns the multiple.</summary>
    public static BigInteger RoundTo(BigInteger num, BigInteger den, long k, long lsb, RoundingMode mode, out bool inexact)
    {
        // q2 = floor(v / 2^(lsb-2)): the kept bits plus a rounding bit and a guard bit.
        long shift = k - lsb + 2;
        BigInteger q2;
        bool rem;
        if (shift >= 0)
        {
            var n = num << checked((int)shift);
            if (den.IsOne) { q2 = n; rem = false; }
            else { q2 = BigInteger.DivRem(n, den, out var r); rem = !r.IsZero; }
        }
        else if (-shift > (long)num.GetBitLength())
        {
            q2 = BigInteger.Zero; rem = true; // v / 2^(lsb-2) < 1
        }
        else
        {
            int s = (int)-shift;
            if (den.IsOne)
            {
                q2 = num >> s;
                rem = (long)BigInteger.TrailingZeroCount(num) < s;
            }
            else
            {
                q2 = BigInteger.DivRem(num, den << s, out var r);
                rem = !r.IsZero;
            }
        }
        bool half = !(q2 & 2).IsZero;
        bool low = !q2.IsEven || rem;
        var q = q2 >> 2;
        inexact = half || low;
        bool up = mode switch
        {
            RoundingMode.ToNearestEven => half && (low || !q.IsEven),
            RoundingMode.ToZero => false,
            _ => inexact,
        };
        return up ? q + 1 : q;
    }

    /// <summary>Correctly rounded IEEE conversion of ±num/den*2^k (models big.Float.Float64 and
    /// big.Rat.Float64 / quotToFloat64, which agree: round to nearest even, gradual underflow).</summary>
    public static double ToIeee(bool neg, BigInteger num, BigInteger den, long k, bool single, out bool exact)
    {
        if (num.IsZero)
        {
            exact = true;
            return neg ? -0.0 : 0.0;
        }
        int mbits = single ? 23 : 52, emin = single ? -126 : -1022, emax = single ? 127 : 1023;
        long e1 = Log2Floor(num, den) + k + 1; // v in [2^(e1-1), 2^e1)
        if (e1 - 1 > emax + 1)
        {
            exact = false;
            return neg ? double.NegativeInfinity : double.PositiveInfinity;
        }
        if (e1 < emin - mbits - 2)
        {
            exact = false;
            return neg ? -0.0 : 0.0;
        }
        long lsb = Math.Max(e1 - (mbits + 1), emin - mbits);
        var q = RoundTo(num, den, k, lsb, RoundingMode.ToNearestEven, out bool inexact);
        exact = !inexact;
        if (q.IsZero)
            return neg ? -0.0 : 0.0;
        if ((long)q.GetBitLength() + lsb > emax + 1)
        {
            exact = false;
            return neg ? double.NegativeInfinity : double.PositiveInfinity;
        }
        double d = Math.ScaleB((double)q, (int)lsb);
        return neg ? -d : d;
    }
}

/// <summary>
/// An immutable binary floating-point number of bounded precision, modelling the subset of math/big.Float
/// that go/constant uses: finite values are ±mant*2^exp with an odd mantissa; results of operations are
/// rounded to a caller-given precision and rounding mode, exactly once, like math/big. Exponent range is
/// math/big's (the 0.mant exponent is an int32): overflow gives ±Inf, underflow gives ±0.
/// </summary>
public sealed class BigFloat
{
    private enum Form : byte { Zero, Finite, Inf }

    private readonly Form _form;

    /// <summary>The sign (also for zero and infinities).</summary>
    public bool Neg { get; }

    /// <summary>Odd mantissa of a finite value (0 otherwise).</summary>
    public BigInteger Mant { get; }

    /// <summary>Binary exponent of the odd mantissa: value = Mant * 2^Exp.</summary>
    public long Exp { get; }

    private BigFloat(Form form, bool neg, BigInteger mant, long exp)
    {
        _form = form;
        Neg = neg;
        Mant = mant;
        Exp = exp;
    }

    public static readonly BigFloat Zero = new(Form.Zero, false, BigInteger.Zero, 0);
    private static readonly BigFloat NegZero = new(Form.Zero, true, BigInteger.Zero, 0);
    private static readonly BigFloat PosInf = new(Form.Inf, false, BigInteger.Zero, 0);
    private static readonly BigFloat NegInf = new(Form.Inf, true, BigInteger.Zero, 0);

    public bool IsZero => _form == Form.Zero;
    public bool IsInf => _form == Form.Inf;
    public int Sign => _form == Form.Zero ? 0 : Neg ? -1 : 1;

    /// <summary>math/big's exponent of the 0.mant form (x = 0.mant * 2^MantExp, 0.5 &lt;= 0.mant &lt; 1); 0 for zero.</summary>
    public long MantExp => _form == Form.Finite ? (long)Mant.GetBitLength() + Exp : 0;

    /// <summary>Number of significant bits (models Float.MinPrec).</summary>
    public long MinPrec => _form == Form.Finite ? (long)Mant.GetBitLength() : 0;

    public bool IsInt => _form == Form.Zero || (_form == Form.Finite && Exp >= 0);

    private static BigFloat Signed0(bool neg) => neg ? NegZero : Zero;
    private static BigFloat SignedInf(bool neg) => neg ? NegInf : PosInf;

    /// <summary>Builds ±m*2^e exactly (normalising the mantissa), applying math/big's exponent range.</summary>
    private static BigFloat Make(bool neg, BigInteger m, long e)
    {
        if (m.IsZero)
            return Signed0(neg);
        long tz = (long)BigInteger.TrailingZeroCount(m);
        if (tz > 0)
        {
            m >>= (int)tz;
            e += tz;
        }
        long me = (long)m.GetBitLength() + e;
        if (me > int.MaxValue)
            return SignedInf(neg);
        if (me < int.MinValue)
            return Signed0(neg);
        return new BigFloat(Form.Finite, neg, m, e);
    }

    /// <summary>Rounds ±num/den*2^k (num, den &gt; 0) to prec bits (models setExpAndRound after an exact op).</summary>
    internal static BigFloat Round(bool neg, BigInteger num, BigInteger den, long k, uint prec, RoundingMode mode)
    {
        if (num.IsZero)
            return Signed0(neg);
        long e1 = BinaryRounding.Log2Floor(num, den) + k + 1;
        if (e1 > (long)int.MaxValue + 1)
            return SignedInf(neg);
        if (e1 < (long)int.MinValue - 1)
            return Signed0(neg);
        long lsb = e1 - prec;
        var q = BinaryRounding.RoundTo(num, den, k, lsb, mode, out _);
        return Make(neg, q, lsb);
    }

    /// <summary>Exact value of a double (models Float.SetFloat64; the precision 512 holds any double).</summary>
    public static BigFloat FromDouble(double d)
    {
        if (double.IsNaN(d))
            throw new ArgumentException("NaN");
        if (double.IsInfinity(d))
            return SignedInf(d < 0);
        if (d == 0)
            return Signed0(double.IsNegative(d));
        long bits = BitConverter.DoubleToInt64Bits(d);
        bool neg = bits < 0;
        int be = (int)((bits >> 52) & 0x7FF);
        long frac = bits & 0xFFFFFFFFFFFFFL;
        long m;
        int e;
        if (be == 0) { m = frac; e = -1074; }
        else { m = frac | (1L << 52); e = be - 1075; }
        return Make(neg, m, e);
    }

    /// <summary>Rounded integer (models Float.SetInt with the given precision).</summary>
    public static BigFloat FromInteger(BigInteger v, uint prec, RoundingMode mode = RoundingMode.ToNearestEven)
        => v.IsZero ? Zero : Round(v.Sign < 0, BigInteger.Abs(v), BigInteger.One, 0, prec, mode);

    /// <summary>Rounded fraction num/den, den &gt; 0 (models Float.SetRat).</summary>
    public static BigFloat FromRatio(BigInteger num, BigInteger den, uint prec, RoundingMode mode = RoundingMode.ToNearestEven)
        => num.IsZero ? Zero : Round(num.Sign < 0, BigInteger.Abs(num), den, 0, prec, mode);

    /// <summary>Exact ±m*2^e.</summary>
    public static BigFloat FromMantExp(BigInteger m, long e) => Make(m.Sign < 0, BigInteger.Abs(m), e);

    /// <summary>Parses a number as big.Float.SetString does into a Float of precision prec (decimal or
    /// 0x/0b/0o-prefixed mantissa, optional '.' and e/p exponent, '_' separators, optional sign); null if invalid
    /// or the exponent overflows.</summary>
    public static BigFloat? Parse(string s, uint prec)
    {
        bool neg = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            neg = s[0] == '-';
            s = s[1..];
        }
        if (Literals.SplitFloat(s) is not { } parts || Literals.ToFloat(parts, prec) is not { } f)
            return null;
        return neg ? f.Negate() : f;
    }

    /// <summary>x rounded to prec bits (models Float.Set into a Float of precision prec).</summary>
    public BigFloat RoundTo(uint prec, RoundingMode mode = RoundingMode.ToNearestEven)
        => _form != Form.Finite || Mant.GetBitLength() <= prec ? this : Round(Neg, Mant, BigInteger.One, Exp, prec, mode);

    public BigFloat Negate() => _form switch
    {
        Form.Zero => Signed0(!Neg),
        Form.Inf => SignedInf(!Neg),
        _ => new BigFloat(Form.Finite, !Neg, Mant, Exp),
    };

    public BigFloat Abs() => Neg ? Negate() : this;

    public static BigFloat Add(BigFloat x, BigFloat y, uint prec, RoundingMode mode = RoundingMode.ToNearestEven)
    {
        if (x._form == Form.Inf || y._form == Form.Inf)
        {
            if (x._form == Form.Inf && y._form == Form.Inf && x.Neg != y.Neg)
                throw new ArithmeticException("big: addition of infinities with opposite signs");
            return x._form == Form.Inf ? x : y;
        }
        if (x._form == Form.Zero)
            return y._form == Form.Zero ? Signed0(x.Neg && y.Neg) : y.RoundTo(prec, mode);
        if (y._form == Form.Zero)
            return x.RoundTo(prec, mode);

        // Order by magnitude of the top bit; if the smaller operand lies entirely below the rounding position
        // of the larger (with margin), replace it by a tiny stand-in: the rounded result is the same and we
        // avoid huge shifts (math/big shifts in full; results agree).
        var (a, b) = x.MantExp >= y.MantExp ? (x, y) : (y, x);
        BigInteger bm = b.Mant;
        long be = b.Exp;
        long low = Math.Min(a.Exp, a.MantExp - prec - 2) - 2;
        if (b.MantExp <= low + 1)
        {
            bm = BigInteger.One;
            be = low;
        }
        long m = Math.Min(a.Exp, be);
        var sa = a.Mant << checked((int)(a.Exp - m));
        var sb = bm << checked((int)(be - m));
        if (a.Neg) sa = -sa;
        if (b.Neg) sb = -sb;
        var s = sa + sb;
        if (s.IsZero)
            return Zero; // x + (-x) = +0 under every mode go/constant uses
        return Round(s.Sign < 0, BigInteger.Abs(s), BigInteger.One, m, prec, mode);
    }

    public static BigFloat Sub(BigFloat x, BigFloat y, uint prec, RoundingMode mode = RoundingMode.ToNearestEven)
        => Add(x, y.Negate(), prec, mode);

    public static BigFloat Mul(BigFloat x, BigFloat y, uint prec, RoundingMode mode = RoundingMode.ToNearestEven)
    {
        bool neg = x.Neg != y.Neg;
        if (x._form == Form.Inf || y._form == Form.Inf)
        {
            if (x._form == Form.Zero || y._form == Form.Zero)
                throw new ArithmeticException("big: multiplication of zero with infinity");
            return SignedInf(neg);
        }
        if (x._form == Form.Zero || y._form == Form.Zero)
            return Signed0(neg);
        return Round(neg, x.Mant * y.Mant, BigInteger.One, x.Exp + y.Exp, prec, mode);
    }

    public static BigFloat Quo(BigFloat x, BigFloat y, uint prec, RoundingMode mode = RoundingMode.ToNearestEven)
    {
        bool neg = x.Neg != y.Neg;
        if (x._form == Form.Finite && y._form == Form.Finite)
            return Round(neg, x.Mant, y.Mant, x.Exp - y.Exp, prec, mode);
        if ((x._form == Form.Zero && y._form == Form.Zero) || (x._form == Form.Inf && y._form == Form.Inf))
            throw new DivideByZeroException("big: division of zero by zero or infinity by infinity");
        if (x._form == Form.Zero || y._form == Form.Inf)
            return Signed0(neg);
        return SignedInf(neg);
    }

    public static int Compare(BigFloat x, BigFloat y)
    {
        int sx = x.Sign, sy = y.Sign;
        if (sx != sy)
            return sx < sy ? -1 : 1;
        if (sx == 0)
            return 0;
        int mag;
        if (x._form == Form.Inf || y._form == Form.Inf)
            mag = x._form == y._form ? 0 : x._form == Form.Inf ? 1 : -1;
        else if (x.MantExp != y.MantExp)
            mag = x.MantExp < y.MantExp ? -1 : 1;
        else
        {
            long m = Math.Min(x.Exp, y.Exp);
            mag = BigInteger.Compare(x.Mant << (int)(x.Exp - m), y.Mant << (int)(y.Exp - m));
        }
        return sx < 0 ? -mag : mag;
    }

    /// <summary>Exact fraction (models Float.Rat); den &gt; 0, reduced.</summary>
    public (BigInteger Num, BigInteger Den) ToRatio()
    {
        if (_form == Form.Inf)
            throw new InvalidOperationException("infinite BigFloat");
        if (_form == Form.Zero)
            return (BigInteger.Zero, BigInteger.One);
        var m = Neg ? -Mant : Mant;
        return Exp >= 0 ? (m << checked((int)Exp), BigInteger.One) : (m, BigInteger.One << checked((int)-Exp));
    }

    /// <summary>Integer part truncated toward zero, and whether it is exact (models Float.Int).</summary>
    public BigInteger Truncate(out bool exact)
    {
        if (_form == Form.Inf)
            throw new InvalidOperationException("infinite BigFloat");
        exact = IsInt;
        if (_form == Form.Zero)
            return BigInteger.Zero;
        BigInteger r;
        if (Exp >= 0)
            r = Mant << checked((int)Exp);
        else if (-Exp >= (long)Mant.GetBitLength())
            r = BigInteger.Zero;
        else
            r = Mant >> (int)-Exp;
        return Neg ? -r : r;
    }

    /// <summary>Nearest float64 and whether exact (models Float.Float64, rounding to nearest even).</summary>
    public double ToDouble(out bool exact)
    {
        if (_form == Form.Inf || MantExp == int.MinValue)
        {
            // Float.Float64 computes x.exp-1 in int32: the smallest exponent wraps around to +Inf
            exact = _form == Form.Inf;
            return Neg ? double.NegativeInfinity : double.PositiveInfinity;
        }
        return BinaryRounding.ToIeee(Neg, Mant, BigInteger.One, Exp, single: false, out exact);
    }

    /// <summary>Nearest float32 and whether exact (models Float.Float32).</summary>
    public float ToSingle(out bool exact)
    {
        if (_form == Form.Inf || MantExp == int.MinValue)
        {
            exact = _form == Form.Inf; // see ToDouble
            return Neg ? float.NegativeInfinity : float.PositiveInfinity;
        }
        return (float)BinaryRounding.ToIeee(Neg, Mant, BigInteger.One, Exp, single: true, out exact);
    }

    /// <summary>The 0.mant mantissa of MantExp as a float64 (models mant.Float64() after x.MantExp(&amp;mant)).</summary>
    internal double MantissaToDouble()
        => BinaryRounding.ToIeee(Neg, Mant, BigInteger.One, -(long)Mant.GetBitLength(), single: false, out _);

    /// <summary>Models Float.Text('p', 0): "0x.HEXp±E" with the mantissa in [0.5, 1).</summary>
    public string TextP()
    {
        if (_form == Form.Inf)
            return Neg ? "-Inf" : "+Inf";
        if (_form == Form.Zero)
            return Neg ? "-0" : "0";
        long bl = (long)Mant.GetBitLength();
        int pad = (int)((4 - bl % 4) % 4);
        string hex = (Mant << pad).ToString("x").TrimStart('0').TrimEnd('0');
        long e = MantExp;
        return (Neg ? "-" : "") + "0x." + hex + "p" + (e >= 0 ? "+" : "") + e.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    public override string ToString() => TextP();
}
