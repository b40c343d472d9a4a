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

    /// <summary>Nearest float64 and exactness (models Rat.Float64).</summary>
    public double ToDouble(out bool exact)
        => BinaryRounding.ToIeee(Num.Sign < 0, BigInteger.Abs(Num), Den, 0, single: false, out exact);

    /// <summary>Nearest float32 and exactness (models Rat.Float32).</summary>
    public float ToSingle(out bool exact)
        => (float)BinaryRounding.ToIeee(Num.Sign < 0, BigInteger.Abs(Num), Den, 0, single: true, out exact);

    /// <summary>Models Rat.String: always "a/b".</summary>
    public override string ToString() => Num.ToString() + "/" + Den.ToString();
}
