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

    /// <summary>
    /// Models src.Pos.Format via gc's lico encoding: 20 line bits (lines from 1&lt;&lt;20-2 on saturate and drop
    /// the column) and 8 column bits (columns from 255 on saturate to colMax, which prints as an unknown column).
    /// </summary>
    public override string ToString()
    {
        const int lineMax = (1 << 20) - 2, colMax = (1 << 8) - 1;
        if (!IsKnown) return "<unknown line number>"; // base.FmtPos
        int line = Line, col = Col;
        if (line >= lineMax) { line = lineMax; col = 0; }
        return col > 0 && col < colMax ? $"{File}:{line}:{col}" : $"{File}:{line}";
    }
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
    /// <summary>A string constant from its bytes: Go strings may hold invalid UTF-8 ("\xfe\xed"), kept as bytes then.</summary>
    public static IrConst OfString(byte[] utf8)
    {
        try { return new(ConstKind.String, StrictUtf8.GetString(utf8)); }
        catch (DecoderFallbackException) { return new(ConstKind.String, utf8); }
    }
    private static readonly UTF8Encoding StrictUtf8 = new(false, true);
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
        ConstKind.String => Value is byte[] raw ? StrLit.ConstString(raw) : StrLit.ConstString((string)Value),
        ConstKind.Int => IntValue.ToString(CultureInfo.InvariantCulture),
        ConstKind.Float when Value is double d && double.IsFinite(d) && (Text == null || IsIntegerText(Text))
            // a float constant with an integer value (1 << 63 converted to float64): types2 rounds it to a float
            // (roundFloat64), whose String is %.6g: "9.22337e+18"
            => GoEscape.Types.Constant.Const.MakeFloat64(d).String(),
        _ => Text ?? Convert.ToString(Value, CultureInfo.InvariantCulture) ?? "",
    };

    private static bool IsIntegerText(string s)
    {
        int i = s.Length > 0 && s[0] == '-' ? 1 : 0;
        if (i == s.Length) return false;
        for (; i < s.Length; i++) if (!char.IsAsciiDigit(s[i])) return false;
        return true;
    }

    public bool IsZero => Kind switch
    {
        ConstKind.Bool => !(bool)Value,
        ConstKind.String => Value is byte[] raw ? raw.Length == 0 : ((string)Value).Length == 0,
        ConstKind.Int => IntValue.IsZero,
        _ => Value is double d && d == 0,
    };
}

/// <summary>Go string quoting (strconv.Quote) and go/constant's truncated string form.</summary>
public static class StrLit
{
    /// <summary>go/constant stringVal.String: quoted, and if longer than 72 runes, cut to its first 69 runes + "...".</summary>
    public static string ConstString(string s) => ConstString(Encoding.UTF8.GetBytes(s));

    public static string ConstString(byte[] s)
    {
        const int maxLen = 72;
        // go/constant: s := strconv.Quote(x); if utf8.RuneCountInString(s) > maxLen { keep maxLen-3 runes of the
        // *quoted* text, then "..." } -- so the closing quote is cut off too.
        var q = Quote(s);
        int runes = 0;
        foreach (var _ in q.EnumerateRunes()) runes++;
        if (runes > maxLen)
        {
            var sb = new StringBuilder();
            int n = 0;
            foreach (var r in q.EnumerateRunes())
            {
                if (n++ == maxLen - 3) break;
                sb.Append(r.ToString());
            }
            q = sb.Append("...").ToString();
        }
        return q;
    }

    /// <summary>Models strconv.Quote.</summary>
    public static string Quote(string s) => Quote(Encoding.UTF8.GetBytes(s));

    /// <summary>Models strconv.Quote on a Go string's bytes: invalid UTF-8 bytes print one at a time as \xNN.</summary>
    public static string Quote(ReadOnlySpan<byte> s)
    {
        var b = new StringBuilder(s.Length + 2);
        b.Append('"');
        while (!s.IsEmpty)
        {
            if (Rune.DecodeFromUtf8(s, out var r, out int width) != System.Buffers.OperationStatus.Done)
            {
                b.Append("\\x").Append(s[0].ToString("x2", CultureInfo.InvariantCulture));
                s = s[1..];
                continue;
            }
            s = s[width..];
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
            else if (!IsPrint(r))
                b.Append(c < 0x10000 ? "\\u" + c.ToString("x4", CultureInfo.InvariantCulture) : "\\U" + c.ToString("x8", CultureInfo.InvariantCulture));
            else b.Append(r.ToString());
        }
        b.Append('"');
        return b.ToString();
    }

    /// <summary>strconv.IsPrint (Go's tables).</summary>
    private static bool IsPrint(Rune r) => GoEscape.Types.Constant.GoQuote.IsPrint(r.Value);

    /// <summary>Models fmt's %q of a rune (strconv.QuoteRune): 'a', '\n', '\x00', '\uffff'; invalid runes print as '�' (utf8.RuneError).</summary>
    public static string QuoteRune(int c)
    {
        if (c > 0x10FFFF || c < 0 || (c >= 0xD800 && c <= 0xDFFF)) c = 0xFFFD;
        return c switch
        {
            '\'' => "'\\''",
            '\\' => "'\\\\'",
            '\a' => "'\\a'", '\b' => "'\\b'", '\f' => "'\\f'", '\n' => "'\\n'", '\r' => "'\\r'", '\t' => "'\\t'", '\v' => "'\\v'",
            < 0x20 or 0x7f => "'\\x" + c.ToString("x2", CultureInfo.InvariantCulture) + "'",
            _ => !IsPrint(new Rune(c)) ? (c < 0x10000 ? "'\\u" + c.ToString("x4", CultureInfo.InvariantCulture) + "'" : "'\\U" + c.ToString("x8", CultureInfo.InvariantCulture) + "'")
                : "'" + char.ConvertFromUtf32(c) + "'",
        };
    }
}

/// <summary>Conversion of the syntax layer's positions into IR positions.</summary>
public static class XPosFactory
{
    /// <summary>
    /// The IR position of a syntax position, as gc prints it: relative (//line-adjusted) filename, line and
    /// column. <paramref name="display"/> maps a filename to how `go build` shows it ("./x.go" in the current
    /// directory); <paramref name="fileIndex"/> orders files as gc's position table does (read order).
    /// </summary>
    public static XPos From(GoEscape.Syntax.Pos p, Func<string, string> display, int fileIndex = 0)
    {
        if (!p.IsKnown) return default;
        return new XPos(display(p.RelFilename), (int)p.RelLine, (int)p.RelCol, fileIndex);
    }
}
