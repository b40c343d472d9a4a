namespace GoEscape.Types.Constant;

/// <summary>
/// Whether a constant is representable as a value of a basic type, and its rounded value there
/// (models types2.representableConst with amd64 sizes: int, uint and uintptr are 64 bits wide,
/// plus fitsFloat32/64 and roundFloat32/64).
/// </summary>
public static class Representable
{
    public static bool IsInteger(BasicTarget t) => t is BasicTarget.Int or BasicTarget.Int8 or BasicTarget.Int16
        or BasicTarget.Int32 or BasicTarget.Int64 or BasicTarget.Uint or BasicTarget.Uint8 or BasicTarget.Uint16
        or BasicTarget.Uint32 or BasicTarget.Uint64 or BasicTarget.Uintptr or BasicTarget.UntypedInt or BasicTarget.UntypedRune;

    public static bool IsFloat(BasicTarget t) => t is BasicTarget.Float32 or BasicTarget.Float64 or BasicTarget.UntypedFloat;

    public static bool IsComplex(BasicTarget t) => t is BasicTarget.Complex64 or BasicTarget.Complex128 or BasicTarget.UntypedComplex;

    /// <summary>Reports whether x is representable in target without computing the rounded value
    /// (representableConst with rounded == nil).</summary>
    public static bool Check(ConstValue x, BasicTarget target) => CheckCore(x, target, wantRounded: false, out _);

    /// <summary>Reports whether x is representable in target; rounded is the value as that type holds it:
    /// an Int for integer targets, the float32/float64-rounded value for float and complex targets,
    /// x itself otherwise (and x when not representable).</summary>
    public static bool Check(ConstValue x, BasicTarget target, out ConstValue rounded)
    {
        bool ok = CheckCore(x, target, wantRounded: true, out var r);
        rounded = r ?? x;
        return ok;
    }

    private static bool CheckCore(ConstValue x, BasicTarget target, bool wantRounded, out ConstValue? rounded)
    {
        rounded = null;
        if (x.Kind == ConstKind.Unknown)
            return true; // avoid follow-up errors

        if (IsInteger(target))
        {
            var xi = Const.ToInt(x);
            if (xi.Kind != ConstKind.Int)
                return false;
            rounded = xi;
            var (v, exact) = Const.Int64Val(xi);
            if (exact)
            {
                return target switch
                {
                    BasicTarget.Int or BasicTarget.Int64 or BasicTarget.UntypedInt or BasicTarget.UntypedRune => true,
                    BasicTarget.Int8 => v >= sbyte.MinValue && v <= sbyte.MaxValue,
                    BasicTarget.Int16 => v >= short.MinValue && v <= short.MaxValue,
                    BasicTarget.Int32 => v >= int.MinValue && v <= int.MaxValue,
                    BasicTarget.Uint or BasicTarget.Uintptr or BasicTarget.Uint64 => v >= 0,
                    BasicTarget.Uint8 => v >= 0 && v <= byte.MaxValue,
                    BasicTarget.Uint16 => v >= 0 && v <= ushort.MaxValue,
                    BasicTarget.Uint32 => v >= 0 && v <= uint.MaxValue,
                    _ => throw new InvalidOperationException("unreachable"),
                };
            }
            // x does not fit into int64
            int n = Const.BitLen(xi);
            return target switch
            {
                BasicTarget.Uint or BasicTarget.Uintptr or BasicTarget.Uint64 => Const.Sign(xi) >= 0 && n <= 64,
                BasicTarget.UntypedInt or BasicTarget.UntypedRune => true,
                _ => false,
            };
        }

        if (IsFloat(target))
        {
            var xf = Const.ToFloat(x);
            if (xf.Kind != ConstKind.Float)
                return false;
            switch (target)
            {
                case BasicTarget.Float32:
                    if (!wantRounded)
                        return FitsFloat32(xf);
                    rounded = RoundFloat32(xf);
                    return rounded is not null;
                case BasicTarget.Float64:
                    if (!wantRounded)
                        return FitsFloat64(xf);
                    rounded = RoundFloat64(xf);
                    return rounded is not null;
                default:
                    return true; // untyped float
            }
        }

        if (IsComplex(target))
        {
            var xc = Const.ToComplex(x);
            if (xc.Kind != ConstKind.Complex)
                return false;
            switch (target)
            {
                case BasicTarget.Complex64:
                {
                    if (!wantRounded)
                        return FitsFloat32(Const.Real(xc)) && FitsFloat32(Const.Imag(xc));
                    var re = RoundFloat32(Const.Real(xc));
                    var im = RoundFloat32(Const.Imag(xc));
                    if (re is null || im is null)
                        return false;
                    rounded = Const.BinaryOp(re, BinaryOperator.Add, Const.MakeImag(im));
                    return true;
                }
                case BasicTarget.Complex128:
                {
                    if (!wantRounded)
                        return FitsFloat64(Const.Real(xc)) && FitsFloat64(Const.Imag(xc));
                    var re = RoundFloat64(Const.Real(xc));
                    var im = RoundFloat64(Const.Imag(xc));
                    if (re is null || im is null)
                        return false;
                    rounded = Const.BinaryOp(re, BinaryOperator.Add, Const.MakeImag(im));
                    return true;
                }
                default:
                    return true; // untyped complex
            }
        }

        if (target is BasicTarget.String or BasicTarget.UntypedString)
            return x.Kind == ConstKind.String;
        if (target is BasicTarget.Bool or BasicTarget.UntypedBool)
            return x.Kind == ConstKind.Bool;
        return false;
    }

    /// <summary>Untyped Int values may not exceed 512 bits (models the BitLen check in types2.(*Checker).overflow,
    /// reported as "constant overflow").</summary>
    public static bool UntypedIntOverflows(ConstValue x) => x.Kind == ConstKind.Int && Const.BitLen(x) > (int)Const.Prec;

    /// <summary>Constant strings may not exceed 2e9 bytes (models types2.(*Checker).overflow, go.dev/issue/78346).</summary>
    public const long MaxStringLen = 2_000_000_000;

    /// <summary>The value of the conversion string(x) for an integer constant x (models the isInteger/isString case
    /// of types2's constConvertibleTo): the UTF-8 encoding of the code point, or of U+FFFD when x is negative,
    /// too large or a surrogate.</summary>
    public static ConstValue IntToString(ConstValue x)
    {
        int cp = GoQuote.RuneError;
        var (u, ok) = Const.Uint64Val(x);
        if (ok && u <= 0x10FFFF)
            cp = (int)u;
        var buf = new List<byte>(4);
        GoQuote.AppendRune(buf, cp); // string(rune) encodes invalid runes (surrogates) as U+FFFD
        return Const.MakeString(buf.ToArray());
    }

    // models types2.fitsFloat32
    public static bool FitsFloat32(ConstValue x) => !float.IsInfinity(Const.Float32Val(x).Value);

    // models types2.roundFloat32
    public static ConstValue? RoundFloat32(ConstValue x)
    {
        float f = Const.Float32Val(x).Value;
        return float.IsInfinity(f) ? null : Const.MakeFloat64(f);
    }

    // models types2.fitsFloat64
    public static bool FitsFloat64(ConstValue x) => !double.IsInfinity(Const.Float64Val(x).Value);

    // models types2.roundFloat64
    public static ConstValue? RoundFloat64(ConstValue x)
    {
        double f = Const.Float64Val(x).Value;
        return double.IsInfinity(f) ? null : Const.MakeFloat64(f);
    }
}
