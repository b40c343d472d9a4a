namespace GoEscape.Types.Constant;

/// <summary>Go's math functions whose exact rounding behaviour go/constant depends on.</summary>
internal static class GoMath
{
    /// <summary>Models math.Ldexp (pure Go; the denormal case multiplies by 2^-53 and so rounds once more).</summary>
    public static double Ldexp(double frac, long exp)
    {
        if (frac == 0 || double.IsInfinity(frac) || double.IsNaN(frac))
            return frac;
        // normalize
        if (Math.Abs(frac) < 2.2250738585072014e-308)
        {
            frac *= 1L << 52;
            exp -= 52;
        }
        ulong x = (ulong)BitConverter.DoubleToInt64Bits(frac);
        exp += (long)((x >> 52) & 0x7FF) - 1023;
        if (exp < -1075)
            return double.CopySign(0, frac);
        if (exp > 1023)
            return frac < 0 ? double.NegativeInfinity : double.PositiveInfinity;
        double m = 1;
        if (exp < -1022)
        {
            exp += 53;
            m = 1.0 / (1L << 53);
        }
        x &= ~(0x7FFUL << 52);
        x |= (ulong)(exp + 1023) << 52;
        return m * BitConverter.Int64BitsToDouble((long)x);
    }

    private static readonly double Log10Value = BitConverter.Int64BitsToDouble(0x40026bb1bbb55516); // math.Log(10) on amd64

    /// <summary>Models math.Pow(10, y) as Go computes it on amd64 (pure-Go pow with the assembly Exp and Log),
    /// bit for bit; floatVal.String depends on it for values outside the float64 range.</summary>
    public static double Pow10(double y)
    {
        if (y == 0) return 1;
        if (y == 1) return 10;
        if (double.IsNaN(y)) return double.NaN;
        if (double.IsInfinity(y)) return y > 0 ? double.PositiveInfinity : 0;
        if (y == 0.5) return Math.Sqrt(10);
        if (y == -0.5) return 1 / Math.Sqrt(10);
        double ay = Math.Abs(y);
        double yi = Math.Truncate(ay), yf = ay - yi; // Modf
        if (yi >= 9.2233720368547758E18)
            return y > 0 ? double.PositiveInfinity : 0;
        double a1 = 1.0;
        long ae = 0;
        if (yf != 0)
        {
            if (yf > 0.5)
            {
                yf--;
                yi++;
            }
            a1 = Exp(yf * Log10Value);
        }
        double x1 = 0.625; // Frexp(10)
        long xe = 4;
        for (long i = (long)yi; i != 0; i >>= 1)
        {
            if (xe < -(1 << 12) || (1 << 12) < xe)
            {
                ae += xe;
                break;
            }
            if ((i & 1) == 1)
            {
                a1 *= x1;
                ae += xe;
            }
            x1 *= x1;
            xe <<= 1;
            if (x1 < .5)
            {
                x1 += x1;
                xe--;
            }
        }
        if (y < 0)
        {
            a1 = 1 / a1;
            ae = -ae;
        }
        return Ldexp(a1, ae);
    }

    private static readonly bool UseFma = System.Runtime.Intrinsics.X86.Fma.IsSupported && System.Runtime.Intrinsics.X86.Avx.IsSupported;

    /// <summary>Models math.Exp on amd64 (exp_amd64.s, with its FMA variant when the CPU has AVX and FMA, as Go selects).</summary>
    public static double Exp(double x)
    {
        const double log2e = 1.4426950408889634073599246810018920;
        const double ln2u = 0.69314718055966295651160180568695068359375;
        const double ln2l = 0.28235290563031577122588448175013436025525412068e-12;
        const double overflow = 7.09782712893384e+02;
        if (double.IsNaN(x) || double.IsPositiveInfinity(x)) return x;
        if (double.IsNegativeInfinity(x)) return 0;
        if (x > overflow) return double.PositiveInfinity;
        double t = log2e * x;
        double rt = Math.Round(t, MidpointRounding.ToEven);
        int bx = rt >= int.MinValue && rt <= int.MaxValue ? (int)rt : int.MinValue; // CVTSD2SL
        double k = bx;
        double x0 = x, x1;
        if (UseFma)
        {
            x0 = Math.FusedMultiplyAdd(-k, ln2u, x0);
            x0 = Math.FusedMultiplyAdd(-k, ln2l, x0);
            x0 *= 0.0625;
            x1 = 2.4801587301587301587e-5;
            x1 = Math.FusedMultiplyAdd(x1, x0, 1.9841269841269841270e-4);
            x1 = Math.FusedMultiplyAdd(x1, x0, 1.3888888888888888889e-3);
            x1 = Math.FusedMultiplyAdd(x1, x0, 8.3333333333333333333e-3);
            x1 = Math.FusedMultiplyAdd(x1, x0, 4.1666666666666666667e-2);
            x1 = Math.FusedMultiplyAdd(x1, x0, 1.6666666666666666667e-1);
            x1 = Math.FusedMultiplyAdd(x1, x0, 0.5);
            x1 = Math.FusedMultiplyAdd(x1, x0, 1.0);
            x0 *= x1;
            for (int j = 0; j < 3; j++)
            {
                x1 = x0 + 2.0;
                x0 *= x1;
            }
            x1 = x0 + 2.0;
            x0 = Math.FusedMultiplyAdd(x1, x0, 1.0);
        }
        else
        {
            x0 -= k * ln2u;
            x0 -= k * ln2l;
            x0 *= 0.0625;
            x1 = 2.4801587301587301587e-5 * x0;
            x1 += 1.9841269841269841270e-4;
            x1 *= x0;
            x1 += 1.3888888888888888889e-3;
            x1 *= x0;
            x1 += 8.3333333333333333333e-3;
            x1 *= x0;
            x1 += 4.1666666666666666667e-2;
            x1 *= x0;
            x1 += 1.6666666666666666667e-1;
            x1 *= x0;
            x1 += 0.5;
            x1 *= x0;
            x1 += 1.0;
            x0 *= x1;
            for (int j = 0; j < 4; j++)
            {
                x1 = 2.0 + x0;
                x0 *= x1;
            }
            x0 += 1.0;
        }
        // return fr * 2**exponent
        long b = (long)bx + 0x3FF;
        if (b <= 0)
        {
            if (b < -52) return 0;
            b += 0x3FE;
            x0 *= BitConverter.Int64BitsToDouble(b << 52);
            b = 1;
        }
        else if (b >= 0x7FF)
            return double.PositiveInfinity;
        return x0 * BitConverter.Int64BitsToDouble(b << 52);
    }
}
