using System.Globalization;
using System.Numerics;
using System.Text;

namespace GoEscape.Types.Constant;

/// <summary>
/// An immutable Go constant value (models go/constant.Value). The concrete representation mirrors
/// go/constant exactly because representation affects results: Int values are int64Val or intVal (big,
/// only when not representable as an int64); Float values are ratVal (exact fraction, while numerator and
/// denominator stay below 2^4096) or floatVal (512-bit binary float, once a value has left the rational
/// domain it stays a floatVal); Complex values pair two of those.
/// </summary>
public abstract class ConstValue
{
    private protected ConstValue() { }

    public abstract ConstKind Kind { get; }

    /// <summary>Short, quoted (human-readable) form: go/constant Value.String().</summary>
    public abstract string String();

    /// <summary>Exact form: go/constant Value.ExactString().</summary>
    public abstract string ExactString();

    /// <summary>Name of go/constant's dynamic type for this value (int64Val, intVal, ratVal, floatVal,
    /// complexVal, stringVal, boolVal, unknownVal); for diagnostics and differential tests.</summary>
    public abstract string ReprName { get; }

    public override string ToString() => String();
}

internal sealed class UnknownConst : ConstValue
{
    public static readonly UnknownConst Instance = new();
    private UnknownConst() { }
    public override ConstKind Kind => ConstKind.Unknown;
    public override string String() => "unknown";
    public override string ExactString() => "unknown";
    public override string ReprName => "unknownVal";
}

internal sealed class BoolConst : ConstValue
{
    public static readonly BoolConst True = new(true), False = new(false);
    public bool Value { get; }
    private BoolConst(bool v) => Value = v;
    public static BoolConst Of(bool b) => b ? True : False;
    public override ConstKind Kind => ConstKind.Bool;
    public override string String() => Value ? "true" : "false";
    public override string ExactString() => String();
    public override string ReprName => "boolVal";
}

/// <summary>A byte string; a concatenation is kept lazily as a pair and flattened on first use
/// (models stringVal's lazy addition, golang.org/issue/23348).</summary>
internal sealed class StringConst : ConstValue
{
    public static readonly StringConst Empty = new([]);
    private byte[]? _bytes; // published with Volatile.Write once flattened
    private readonly StringConst? _l, _r;
    public long Length { get; }

    public StringConst(byte[] bytes)
    {
        _bytes = bytes;
        Length = bytes.LongLength;
    }

    public StringConst(StringConst l, StringConst r)
    {
        _l = l;
        _r = r;
        Length = l.Length + r.Length;
    }

    public byte[] Bytes
    {
        get
        {
            var b = Volatile.Read(ref _bytes);
            if (b is not null)
                return b;
            var buf = new byte[Length];
            // iterative in-order walk: left-deep chains (a+b+c+...) must not recurse deeply
            var stack = new Stack<StringConst>();
            stack.Push(this);
            int pos = 0;
            while (stack.Count > 0)
            {
                var n = stack.Pop();
                var leaf = Volatile.Read(ref n._bytes);
                if (leaf is not null)
                {
                    leaf.CopyTo(buf, pos);
                    pos += leaf.Length;
                }
                else
                {
                    stack.Push(n._r!);
                    stack.Push(n._l!);
                }
            }
            Volatile.Write(ref _bytes, buf);
            return buf;
        }
    }

    public override ConstKind Kind => ConstKind.String;

    public override string String()
    {
        const int maxLen = 72;
        string s = GoQuote.Quote(Bytes);
        // count runes (the quoted form is valid UTF-16; surrogate pairs are one rune)
        int runes = 0;
        for (int i = 0; i < s.Length; i++)
        {
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) i++;
            runes++;
        }
        if (runes > maxLen)
        {
            int i = 0;
            for (int n = 0; n < maxLen - 3; n++)
                i += char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]) ? 2 : 1;
            s = s[..i] + "...";
        }
        return s;
    }

    public override string ExactString() => GoQuote.Quote(Bytes);
    public override string ReprName => "stringVal";
}

internal sealed class Int64Const : ConstValue
{
    public long Value { get; }
    public Int64Const(long v) => Value = v;
    public override ConstKind Kind => ConstKind.Int;
    public override string String() => Value.ToString(CultureInfo.InvariantCulture);
    public override string ExactString() => String();
    public override string ReprName => "int64Val";
}

internal sealed class BigIntConst : ConstValue
{
    public BigInteger Value { get; }
    public BigIntConst(BigInteger v) => Value = v;
    public override ConstKind Kind => ConstKind.Int;
    public override string String() => Value.ToString(CultureInfo.InvariantCulture);
    public override string ExactString() => String();
    public override string ReprName => "intVal";
}

internal sealed class RatConst : ConstValue
{
    public BigRat Value { get; }
    public RatConst(BigRat v) => Value = v;
    public override ConstKind Kind => ConstKind.Float;

    // models ratVal.String: rtof(x).String()
    public override string String() => FloatConst.Format(BigFloat.FromRatio(Value.Num, Value.Den, Const.Prec));

    public override string ExactString() => Value.IsInt ? Value.Num.ToString(CultureInfo.InvariantCulture) : Value.ToString();
    public override string ReprName => "ratVal";
}

internal sealed class FloatConst : ConstValue
{
    public static readonly FloatConst Zero = new(BigFloat.Zero);
    public BigFloat Value { get; }
    public FloatConst(BigFloat v) => Value = v;
    public override ConstKind Kind => ConstKind.Float;
    public override string String() => Format(Value);
    public override string ExactString() => Value.TextP();
    public override string ReprName => "floatVal";

    private static readonly double Log10Of2 = BitConverter.Int64BitsToDouble(0x3fd34413509f79ff); // math.Ln2 / math.Ln10
    private static readonly double OneMinusHalfMicro = BitConverter.Int64BitsToDouble(0x3feffffef39085f5); // 1 - 0.5e-6

    /// <summary>Models floatVal.String: %.6g when in float64 range, else an approximate mantissa/exponent.</summary>
    internal static string Format(BigFloat f)
    {
        if (f.IsInf)
            return f.Neg ? "-Inf" : "+Inf";
        double x = f.ToDouble(out _);
        if ((f.Sign == 0) == (x == 0) && !double.IsInfinity(x))
        {
            string s = FloatFormat.G(x, 6);
            if (!f.IsInt && s.IndexOf('.') < 0)
                s = FloatFormat.G(x); // issue 56220
            return s;
        }
        long exp = f.MantExp;
        double m = f.MantissaToDouble();
        double d = exp * Log10Of2;
        long e = (long)d;
        m *= GoMath.Pow10(d - e); // math.Pow as Go computes it
        double am = Math.Abs(m);
        if (am < OneMinusHalfMicro)
        {
            m *= 10;
            e--;
        }
        else if (am >= 10)
        {
            m /= 10;
            e++;
        }
        return FloatFormat.G(m, 6) + "e" + (e >= 0 ? "+" : "") + e.ToString(CultureInfo.InvariantCulture);
    }
}

internal sealed class ComplexConst : ConstValue
{
    public ConstValue Re { get; }
    public ConstValue Im { get; }
    public ComplexConst(ConstValue re, ConstValue im)
    {
        Re = re;
        Im = im;
    }
    public override ConstKind Kind => ConstKind.Complex;
    public override string String() => "(" + Re.String() + " + " + Im.String() + "i)";
    public override string ExactString() => "(" + Re.ExactString() + " + " + Im.ExactString() + "i)";
    public override string ReprName => "complexVal";
}
