using System.Numerics;
using System.Text;

namespace GoEscape.Types.Constant;

/// <summary>
/// Go's strconv formatting of float64 values in the two forms go/constant uses: fmt's "%g" (shortest
/// round-tripping digits) and "%.Ng" (N significant digits, correctly rounded, ties to even). Digits are
/// computed exactly with big integers. Models strconv.FormatFloat(x, 'g', prec, 64).
/// </summary>
public static class FloatFormat
{
    /// <summary>fmt.Sprintf("%g", x).</summary>
    public static string G(double x) => Format(x, -1);

    /// <summary>fmt.Sprintf("%.{prec}g", x).</summary>
    public static string G(double x, int prec) => Format(x, prec);

    private static string Format(double x, int prec)
    {
        if (double.IsNaN(x)) return "NaN";
        if (double.IsPositiveInfinity(x)) return "+Inf";
        if (double.IsNegativeInfinity(x)) return "-Inf";
        bool neg = double.IsNegative(x);
        double a = Math.Abs(x);
        bool shortest = prec < 0;
        string digits;
        int dp;
        if (a == 0)
        {
            digits = "";
            dp = 0;
        }
        else if (shortest)
            (digits, dp) = ShortestDigits(a);
        else
            (digits, dp) = FixedDigits(a, prec == 0 ? 1 : prec);
        if (shortest)
            prec = digits.Length;
        else if (prec == 0)
            prec = 1;
        return FormatEFG(neg, digits, dp, prec, shortest);
    }

    // models strconv's fmtEFG for 'g'
    private static string FormatEFG(bool neg, string s, int dp, int prec, bool shortest)
    {
        int nd = s.Length;
        int eprec = prec;
        if (eprec > nd && nd >= dp)
            eprec = nd;
        if (shortest)
            eprec = 6;
        int exp = dp - 1;
        var sb = new StringBuilder();
        if (neg) sb.Append('-');
        if (exp < -4 || exp >= eprec)
        {
            if (prec > nd) prec = nd;
            prec--;
            sb.Append(nd != 0 ? s[0] : '0');
            if (prec > 0)
            {
                sb.Append('.');
                int i = 1;
                int m = Math.Min(nd, prec + 1);
                if (i < m) { sb.Append(s, i, m - i); i = m; }
                for (; i < prec + 1; i++) sb.Append('0');
            }
            sb.Append('e');
            int e = nd == 0 ? 0 : dp - 1;
            sb.Append(e < 0 ? '-' : '+');
            if (e < 0) e = -e;
            if (e < 10) sb.Append('0');
            sb.Append(e.ToString(System.Globalization.CultureInfo.InvariantCulture));
            return sb.ToString();
        }
        if (prec > dp) prec = nd;
        prec = Math.Max(prec - dp, 0);
        if (dp > 0)
        {
            int m = Math.Min(nd, dp);
            sb.Append(s, 0, m);
            for (int i = m; i < dp; i++) sb.Append('0');
        }
        else
            sb.Append('0');
        if (prec > 0)
        {
            sb.Append('.');
            for (int i = 0; i < prec; i++)
            {
                int j = dp + i;
                sb.Append(j < 0 || j >= nd ? '0' : s[j]);
            }
        }
        return sb.ToString();
    }

    private static (BigInteger Num, BigInteger Den) Exact(double a)
    {
        long bits = BitConverter.DoubleToInt64Bits(a);
        int be = (int)((bits >> 52) & 0x7FF);
        long frac = bits & 0xFFFFFFFFFFFFFL;
        long m = be == 0 ? frac : frac | (1L << 52);
        int e = be == 0 ? -1074 : be - 1075;
        return e >= 0 ? (new BigInteger(m) << e, BigInteger.One) : (new BigInteger(m), BigInteger.One << -e);
    }

    private static readonly Dictionary<int, BigInteger> Pow10Cache = new();

    private static BigInteger Pow10(int n)
    {
        lock (Pow10Cache)
        {
            if (!Pow10Cache.TryGetValue(n, out var p))
                Pow10Cache[n] = p = BigInteger.Pow(10, n);
            return p;
        }
    }

    /// <summary>floor(a * 10^(n-1-d)) and remainder info for the exact value num/den.</summary>
    private static BigInteger Scaled(BigInteger num, BigInteger den, int shift, out BigInteger rem, out BigInteger div)
    {
        if (shift >= 0)
        {
            div = den;
            return BigInteger.DivRem(num * Pow10(shift), den, out rem);
        }
        div = den * Pow10(-shift);
        return BigInteger.DivRem(num, div, out rem);
    }

    /// <summary>n significant digits of a &gt; 0, correctly rounded (ties to even), trailing zeros trimmed; dp = decimal point position.</summary>
    internal static (string Digits, int Dp) FixedDigits(double a, int n)
    {
        var (num, den) = Exact(a);
        int d = (int)Math.Floor(Math.Log10(a)); // estimate of floor(log10(a)); corrected below
        var lo = Pow10(n - 1);
        var hi = Pow10(n);
        BigInteger q, rem, div;
        while (true)
        {
            q = Scaled(num, den, n - 1 - d, out rem, out div);
            if (q < lo) { d--; continue; }
            if (q >= hi) { d++; continue; }
            break;
        }
        int c = BigInteger.Compare(rem * 2, div);
        if (c > 0 || (c == 0 && !q.IsEven))
        {
            q += 1;
            if (q == hi) { q = lo; d++; }
        }
        var s = q.ToString().TrimEnd('0');
        return (s, d + 1);
    }

    /// <summary>Shortest digits that read back as a (closest among them), like strconv's shortest mode.</summary>
    internal static (string Digits, int Dp) ShortestDigits(double a)
    {
        var (num, den) = Exact(a);
        int d = (int)Math.Floor(Math.Log10(a));
        for (int n = 1; n <= 17; n++)
        {
            var lo = Pow10(n - 1);
            var hi = Pow10(n);
            int dd = d;
            BigInteger q, rem, div;
            while (true)
            {
                q = Scaled(num, den, n - 1 - dd, out rem, out div);
                if (q < lo) { dd--; continue; }
                if (q >= hi) { dd++; continue; }
                break;
            }
            d = dd;
            // candidates q (below) and q+1 (above); prefer the nearer, ties to even
            int c = BigInteger.Compare(rem * 2, div);
            var first = c > 0 || (c == 0 && !q.IsEven) ? q + 1 : q;
            var second = first == q ? q + 1 : q;
            foreach (var cand in rem.IsZero ? new[] { q } : new[] { first, second })
            {
                if (RoundTrips(cand, n - 1 - dd, a))
                {
                    var digits = cand.ToString();
                    int dp = dd + 1;
                    if (digits.Length > n) dp++; // carried into a new digit (q+1 == 10^n)
                    return (digits.TrimEnd('0'), dp);
                }
            }
        }
        throw new InvalidOperationException("no shortest representation");
    }

    // cand * 10^-shift parses back to a
    private static bool RoundTrips(BigInteger cand, int shift, double a)
    {
        BigInteger num = cand, den = BigInteger.One;
        if (shift >= 0) den = Pow10(shift);
        else num *= Pow10(-shift);
        double r = BinaryRounding.ToIeee(false, num, den, 0, single: false, out _);
        return r == a;
    }
}
