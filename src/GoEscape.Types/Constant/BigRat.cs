using System.Numerics;

namespace GoEscape.Types.Constant;

/// <summary>An immutable exact fraction in lowest terms with a positive denominator (models math/big.Rat).</summary>
public readonly struct BigRat
{
    public BigInteger Num { get; }
    public BigInteger Den { get; }

    private BigRat(BigInteger num, BigInteger den)
    {
        Num = num;
        Den = den;
    }

    public static BigRat FromInteger(BigInteger n) => new(n, BigInteger.One);

    /// <summary>num/den reduced; den must be non-zero (models Rat.SetFrac).</summary>
    public static BigRat Make(BigInteger num, BigInteger den)
    {
        if (den.IsZero)
            throw new DivideByZeroException("division by zero");
        if (den.Sign < 0)
        {
            num = -num;
            den = -den;
        }
        if (num.IsZero)
            return new BigRat(BigInteger.Zero, BigInteger.One);
        if (!den.IsOne)
        {
            var g = BigInteger.GreatestCommonDivisor(num, den);
            if (!g.IsOne)
            {
                num /= g;
                den /= g;
            }
        }
        return new BigRat(num, den);
    }

    public int Sign => Num.Sign;
    public bool IsInt => Den.IsOne;

    public static BigRat operator -(BigRat x) => new(-x.Num, x.Den);
    public static BigRat operator +(BigRat x, BigRat y) => Make(x.Num * y.Den + y.Num * x.Den, x.Den * y.Den);
    public static BigRat operator -(BigRat x, BigRat y) => Make(x.Num * y.Den - y.Num * x.Den, x.Den * y.Den);
    public static BigRat operator *(BigRat x, BigRat y) => Make(x.Num * y.Num, x.Den * y.Den);
    public static BigRat operator /(BigRat x, BigRat y) => Make(x.Num * y.Den, x.Den * y.Num);

    public static int Compare(BigRat x, BigRat y) => BigInteger.Compare(x.Num * y.Den, y.Num * x.Den);

    /// <summary>Nearest float64 and exactness (models Rat.Float64, i.e. big.quotToFloat64 with its quirks:
    /// below the denormal range the exactness refers to the 54-bit quotient and the final scaling is
    /// math.Ldexp's).</summary>
    public double ToDouble(out bool exact)
    {
        double f = QuoToFloat(BigInteger.Abs(Num), Den, single: false, out exact);
        return Num.Sign < 0 ? -f : f;
    }

    /// <summary>Nearest float32 and exactness (models Rat.Float32 / big.quotToFloat32).</summary>
    public float ToSingle(out bool exact)
    {
        float f = (float)QuoToFloat(BigInteger.Abs(Num), Den, single: true, out exact);
        return Num.Sign < 0 ? -f : f;
    }

    // models big.quotToFloat64 / quotToFloat32 (a >= 0, b > 0); the float32 result is returned as the
    // float64 that float32(...) converts (math.Ldexp(float64(mantissa), ...)), rounded by the caller's cast.
    private static double QuoToFloat(BigInteger a, BigInteger b, bool single, out bool exact)
    {
        int msize = single ? 23 : 52;
        int msize1 = msize + 1, msize2 = msize1 + 1;
        int esize = (single ? 32 : 64) - msize1;
        int ebias = (1 << (esize - 1)) - 1;
        int emin = 1 - ebias;
        long alen = (long)a.GetBitLength();
        if (alen == 0)
        {
            exact = true;
            return 0;
        }
        long exp = alen - (long)b.GetBitLength();
        BigInteger a2 = a, b2 = b;
        long shift = msize2 - exp;
        if (shift > 0) a2 <<= checked((int)shift);
        else if (shift < 0) b2 <<= checked((int)-shift);
        var q = BigInteger.DivRem(a2, b2, out var r);
        ulong mantissa = (ulong)q;
        bool haveRem = !r.IsZero;
        if (mantissa >> msize2 == 1)
        {
            if ((mantissa & 1) == 1) haveRem = true;
            mantissa >>= 1;
            exp++;
        }
        if (emin - msize <= exp && exp <= emin)
        {
            int sh = (int)(emin - (exp - 1));
            ulong lost = mantissa & ((1UL << sh) - 1);
            haveRem = haveRem || lost != 0;
            mantissa >>= sh;
            exp = 2 - ebias;
        }
        exact = !haveRem;
        if ((mantissa & 1) != 0)
        {
            exact = false;
            if (haveRem || (mantissa & 2) != 0)
            {
                mantissa++;
                if (mantissa >= 1UL << msize2)
                {
                    mantissa >>= 1;
                    exp++;
                }
            }
        }
        mantissa >>= 1;
        double f = GoMath.Ldexp(mantissa, exp - msize1);
        if (single ? float.IsInfinity((float)f) : double.IsInfinity(f))
            exact = false;
        return f;
    }

    /// <summary>Models Rat.String: always "a/b".</summary>
    public override string ToString() => Num.ToString() + "/" + Den.ToString();
}
