using System.Globalization;
using System.Numerics;
using System.Text;

namespace GoEscape.IR;

/// <summary>
/// A source position as gc prints it (base.FmtPos): file as `go build` shows it, 1-based line and byte column.
/// The lowering converts the syntax layer's positions into these; <see cref="Index"/> orders positions of
/// different files the way gc's XPos index does (files in the order they were read).
/// </summary>
public readonly record struct XPos(string File, int Line, int Col, int Index = 0) : IComparable<XPos>
{
    public bool IsKnown => Line > 0;

    /// <summary>Models src.XPos.Before: by file index, then line, then column.</summary>
    public int CompareTo(XPos o)
    {
        if (Index != o.Index) return Index.CompareTo(o.Index);
        int c = string.CompareOrdinal(File, o.File);
        if (c != 0) return c;
        if (Line != o.Line) return Line.CompareTo(o.Line);
        return Col.CompareTo(o.Col);
    }

    public bool Before(XPos o) => CompareTo(o) < 0;

    public override string ToString() => Col > 0 ? $"{File}:{Line}:{Col}" : $"{File}:{Line}";
}

public enum ConstKind : byte { Bool, String, Int, Float, Complex }

/// <summary>
/// A constant value as printed by go/constant's String (what gc prints for OLITERAL nodes).
/// Floats and complex values carry their printed form (the lowering computes it with the constant package).
/// </summary>
public sealed record IrConst(ConstKind Kind, object Value, string? Text = null)
{
    public static IrConst OfInt(BigInteger v) => new(ConstKind.Int, v);
    public static IrConst OfInt(long v) => new(ConstKind.Int, new BigInteger(v));
    public static IrConst OfBool(bool v) => new(ConstKind.Bool, v);
    public static IrConst OfString(string v) => new(ConstKind.String, v);
    public static IrConst OfFloat(double v, string? text = null) => new(ConstKind.Float, v, text);

    public BigInteger IntValue => Value is BigInteger b ? b : throw new InvalidOperationException("not an int constant");
    public bool TryInt64(out long v)
    {
        if (Value is BigInteger b && b >= long.MinValue && b <= long.MaxValue) { v = (long)b; return true; }
        v = 0; return false;
    }

    /// <summary>Models constant.Value.String().</summary>
    public override string ToString() => Kind switch
    {
        ConstKind.Bool => (bool)Value ? "true" : "false",
        ConstKind.String => StrLit.ConstString((string)Value),
        ConstKind.Int => IntValue.ToString(CultureInfo.InvariantCulture),
        _ => Text ?? Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "",
    };

    public bool IsZero => Kind switch
    {
        ConstKind.Bool => !(bool)Value,
        ConstKind.String => ((string)Value).Length == 0,
        ConstKind.Int => IntValue.IsZero,
        _ => Value is double d && d == 0,
    };
}

/// <summary>Go string quoting (strconv.Quote) and go/constant's truncated string form.</summary>
public static class StrLit
{
    /// <summary>go/constant stringVal.String: quoted, and if longer than 72 bytes, cut to 69 bytes of content + "...".</summary>
    public static string ConstString(string s)
    {
        const int maxLen = 72;
        var q = Quote(s);
        if (q.Length > maxLen)
        {
            // go/constant: i := 0; for n := 0; n < maxLen-3; n++ { _, size := utf8.DecodeRuneInString(s[i:]); i += size }
            // s = s[:i] + "..."; then quoted. We work on runes of the UTF-8 string.
            var runes = s.EnumerateRunes().Take(maxLen - 3);
            var sb = new StringBuilder();
            foreach (var r in runes) sb.Append(r.ToString());
            q = Quote(sb.ToString() + "...");
        }
        return q;
    }

    /// <summary>Models strconv.Quote for valid UTF-8 text.</summary>
    public static string Quote(string s)
    {
        var b = new StringBuilder(s.Length + 2);
        b.Append('"');
        foreach (var r in s.EnumerateRunes())
        {
            int c = r.Value;
            switch (c)
            {
                case '"': b.Append("\\\""); continue;
                case '\\': b.Append("\\\\"); continue;
                case '\a': b.Append("\\a"); continue;
                case '\b': b.Append("\\b"); continue;
                case '\f': b.Append("\\f"); continue;
                case '\n': b.Append("\\n"); continue;
                case '\r': b.Append("\\r"); continue;
                case '\t': b.Append("\\t"); continue;
                case '\v': b.Append("\\v"); continue;
            }
            if (c < 0x20 || c == 0x7f) b.Append("\\x").Append(c.ToString("x2", CultureInfo.InvariantCulture));
            else if (Rune.IsControl(r) || (c >= 0x80 && Rune.GetUnicodeCategory(r) is UnicodeCategory.Format or UnicodeCategory.OtherNotAssigned or UnicodeCategory.Surrogate or UnicodeCategory.PrivateUse))
                b.Append(c < 0x10000 ? "\\u" + c.ToString("x4", CultureInfo.InvariantCulture) : "\\U" + c.ToString("x8", CultureInfo.InvariantCulture));
            else b.Append(r.ToString());
        }
        b.Append('"');
        return b.ToString();
    }

    /// <summary>Models fmt's %q of a rune ('a', '\n', '\x00').</summary>
    public static string QuoteRune(int c)
    {
        return c switch
        {
            '\'' => "'\\''",
            '\\' => "'\\\\'",
            '\a' => "'\\a'", '\b' => "'\\b'", '\f' => "'\\f'", '\n' => "'\\n'", '\r' => "'\\r'", '\t' => "'\\t'", '\v' => "'\\v'",
            < 0x20 or 0x7f => "'\\x" + c.ToString("x2", CultureInfo.InvariantCulture) + "'",
            _ when c > 0x10FFFF || (c >= 0xD800 && c <= 0xDFFF) => "'\\ufffd'",
            _ => Rune.IsControl(new Rune(c)) ? (c < 0x10000 ? "'\\u" + c.ToString("x4", CultureInfo.InvariantCulture) + "'" : "'\\U" + c.ToString("x8", CultureInfo.InvariantCulture) + "'")
                : "'" + char.ConvertFromUtf32(c) + "'",
        };
    }
}
