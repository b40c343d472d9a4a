using System.Numerics;

namespace GoEscape.Types.Constant;

/// <summary>Parsing of Go numeric literal text (after the scanner has validated it), models
/// strconv.ParseInt/big.Int.SetString (base 0) and big.Float.SetString/big.Rat.SetString.</summary>
internal static class Literals
{
    private static int Digit(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'z' => c - 'a' + 10,
        >= 'A' and <= 'Z' => c - 'A' + 10,
        _ => 99,
    };

    /// <summary>Integer literal with Go base prefixes (incl. legacy octal "0...") and '_' separators.</summary>
    public static BigInteger? ParseInt(string lit)
    {
        string s = lit;
        bool neg = false;
        if (s.Length > 0 && (s[0] == '+' || s[0] == '-'))
        {
            neg = s[0] == '-';
            s = s[1..];
        }
        int b = 10, i = 0;
        bool prefix = false;
        if (s.Length >= 2 && s[0] == '0')
        {
            switch (char.ToLowerInvariant(s[1]))
            {
                case 'x': b = 16; i = 2; prefix = true; break;
                case 'b': b = 2; i = 2; prefix = true; break;
                case 'o': b = 8; i = 2; prefix = true; break;
                default: b = 8; i = 1; break; // legacy octal: "0" prefix
            }
        }
        BigInteger v = BigInteger.Zero;
        bool any = b == 8 && !prefix; // the leading "0" of a legacy octal literal is itself a digit
        char prev = prefix || any ? '0' : '.';
        var bb = new BigInteger(b);
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '_')
            {
                if (prev != '0') return null;
                prev = '_';
                continue;
            }
            int d = Digit(c);
            if (d >= b) return null;
            v = v * bb + d;
            any = true;
            prev = '0';
        }
        if (!any || prev == '_') return null;
        return neg ? -v : v;
    }

    /// <summary>A float literal split into exact parts: value = mant * base^(-fracDigits) * ebase^exp.</summary>
    internal readonly record struct FloatParts(BigInteger Mant, int Base, long FracDigits, int ExpBase, long Exp);

    public static FloatParts? SplitFloat(string s)
    {
        int b = 10, i = 0;
        bool prefix = false;
        if (s.Length >= 2 && s[0] == '0')
        {
            switch (char.ToLowerInvariant(s[1]))
            {
                case 'x': b = 16; i = 2; prefix = true; break;
                case 'b': b = 2; i = 2; prefix = true; break;
                case 'o': b = 8; i = 2; prefix = true; break;
            }
        }
        BigInteger m = BigInteger.Zero;
        var bb = new BigInteger(b);
        bool anyDigit = false, dot = false;
        long frac = 0;
        char prev = prefix ? '0' : '.';
        for (; i < s.Length; i++)
        {
            char c = s[i];
            if (c == '_')
            {
                if (prev != '0') return null;
                prev = '_';
                continue;
            }
            if (c == '.')
            {
                if (dot || prev == '_') return null;
                dot = true;
                prev = '.';
                continue;
            }
            int d = Digit(c);
            if (d >= b) break;
            m = m * bb + d;
            anyDigit = true;
            if (dot) frac++;
            prev = '0';
        }
        if (!anyDigit || prev == '_') return null;
        int ebase = 10;
        long exp = 0;
        if (i < s.Length)
        {
            char c = char.ToLowerInvariant(s[i]);
            if (c == 'p') ebase = 2;
            else if (c != 'e' || b != 10) return null;
            i++;
            bool eneg = false;
            if (i < s.Length && (s[i] == '+' || s[i] == '-'))
            {
                eneg = s[i] == '-';
                i++;
            }
            bool eany = false;
            char eprev = '.';
            for (; i < s.Length; i++)
            {
                char ch = s[i];
                if (ch == '_')
                {
                    if (eprev != '0') return null;
                    eprev = '_';
                    continue;
                }
                if (ch < '0' || ch > '9') return null;
                if (exp > (long.MaxValue - 9) / 10) return null; // exponent overflow
                exp = exp * 10 + (ch - '0');
                eany = true;
                eprev = '0';
            }
            if (!eany || eprev == '_') return null;
            if (eneg) exp = -exp;
        }
        return new FloatParts(m, b, frac, ebase, exp);
    }

    /// <summary>The exact value as a fraction (models big.Rat.SetString of the literal).</summary>
    public static BigRat ToRat(FloatParts p)
    {
        BigInteger num = p.Mant, den = BigInteger.One;
        if (p.FracDigits > 0)
            den = BigInteger.Pow(p.Base, checked((int)p.FracDigits));
        if (p.Exp > 0)
            num *= BigInteger.Pow(p.ExpBase, checked((int)p.Exp));
        else if (p.Exp < 0)
            den *= BigInteger.Pow(p.ExpBase, checked((int)-p.Exp));
        return BigRat.Make(num, den);
    }

    /// <summary>The 512-bit value that big.Float.SetString computes, including its (not always correctly
    /// rounded) treatment of decimal exponents: mantissa * 2^e2 is multiplied or divided by an approximation
    /// of 5^|e5| (models big.(*Float).scan and pow5). Null on exponent overflow.</summary>
    public static BigFloat? ToFloat(FloatParts p, uint prec)
    {
        if (p.Mant.IsZero)
            return BigFloat.Zero;
        long exp2 = 0, exp5 = 0;
        long d = -p.FracDigits;
        switch (p.Base)
        {
            case 10: exp5 = d; exp2 = d; break;
            case 2: exp2 = d; break;
            case 8: exp2 = d * 3; break;
            case 16: exp2 = d * 4; break;
        }
        if (p.ExpBase == 10)
        {
            exp5 += p.Exp;
            exp2 += p.Exp;
        }
        else
            exp2 += p.Exp;
        long me = (long)p.Mant.GetBitLength() + exp2;
        if (me < int.MinValue || me > int.MaxValue)
            return null;
        var z = BigFloat.FromMantExp(p.Mant, exp2); // exact, unrounded (as scan leaves z.mant)
        if (exp5 == 0)
            return z.RoundTo(prec);
        var pw = Pow5((ulong)Math.Abs(exp5), prec + 64);
        return exp5 < 0 ? BigFloat.Quo(z, pw, prec) : BigFloat.Mul(z, pw, prec);
    }

    // models big.(*Float).pow5 for a receiver of precision prec
    private static BigFloat Pow5(ulong n, uint prec)
    {
        const ulong m = 27; // 5^27 is the largest power of 5 in a uint64
        if (n <= m)
            return BigFloat.FromInteger(BigInteger.Pow(5, (int)n), 64 + 64); // exact
        var z = BigFloat.FromInteger(BigInteger.Pow(5, (int)m), prec);
        n -= m;
        uint fprec = prec + 64;
        var f = BigFloat.FromInteger(5, fprec);
        while (n > 0)
        {
            if ((n & 1) != 0)
                z = BigFloat.Mul(z, f, prec);
            f = BigFloat.Mul(f, f, fprec);
            n >>= 1;
        }
        return z;
    }
}
