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
}
