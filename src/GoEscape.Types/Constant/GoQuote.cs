using System.Text;

namespace GoEscape.Types.Constant;

/// <summary>
/// Go's UTF-8 decoding and strconv quoting rules over byte strings (Go strings are bytes, not UTF-16):
/// models utf8.DecodeRune, strconv.Quote, strconv.Unquote and strconv.UnquoteChar.
/// </summary>
public static partial class GoQuote
{
    public const int RuneError = 0xFFFD;

    /// <summary>Models utf8.DecodeRune: invalid or short encodings decode as (RuneError, 1).</summary>
    public static (int Rune, int Size) DecodeRune(ReadOnlySpan<byte> s)
    {
        if (s.Length == 0)
            return (RuneError, 0);
        byte b0 = s[0];
        if (b0 < 0x80)
            return (b0, 1);
        int need, min, r;
        if (b0 >= 0xC2 && b0 <= 0xDF) { need = 1; min = 0x80; r = b0 & 0x1F; }
        else if (b0 >= 0xE0 && b0 <= 0xEF) { need = 2; min = 0x800; r = b0 & 0x0F; }
        else if (b0 >= 0xF0 && b0 <= 0xF4) { need = 3; min = 0x10000; r = b0 & 0x07; }
        else return (RuneError, 1);
        if (s.Length <= need)
            return (RuneError, 1);
        for (int i = 1; i <= need; i++)
        {
            byte b = s[i];
            if ((b & 0xC0) != 0x80)
                return (RuneError, 1);
            r = (r << 6) | (b & 0x3F);
        }
        if (r < min || r > 0x10FFFF || (r >= 0xD800 && r <= 0xDFFF))
            return (RuneError, 1);
        return (r, need + 1);
    }

    public static bool ValidRune(int r) => (r >= 0 && r < 0xD800) || (r > 0xDFFF && r <= 0x10FFFF);

    public static void AppendRune(List<byte> buf, int r)
    {
        if (!ValidRune(r)) r = RuneError;
        if (r < 0x80) buf.Add((byte)r);
        else if (r < 0x800) { buf.Add((byte)(0xC0 | (r >> 6))); buf.Add((byte)(0x80 | (r & 0x3F))); }
        else if (r < 0x10000)
        {
            buf.Add((byte)(0xE0 | (r >> 12))); buf.Add((byte)(0x80 | ((r >> 6) & 0x3F))); buf.Add((byte)(0x80 | (r & 0x3F)));
        }
        else
        {
            buf.Add((byte)(0xF0 | (r >> 18))); buf.Add((byte)(0x80 | ((r >> 12) & 0x3F)));
            buf.Add((byte)(0x80 | ((r >> 6) & 0x3F))); buf.Add((byte)(0x80 | (r & 0x3F)));
        }
    }

    /// <summary>Models strconv.IsPrint.</summary>
    public static bool IsPrint(int r)
    {
        int lo = 0, hi = PrintRanges.Length / 2;
        while (lo < hi)
        {
            int m = (lo + hi) >> 1;
            if (PrintRanges[2 * m + 1] < r) lo = m + 1;
            else hi = m;
        }
        return lo < PrintRanges.Length / 2 && PrintRanges[2 * lo] <= r;
    }

    private const string LowerHex = "0123456789abcdef";

    /// <summary>Models strconv.Quote of a byte string. The result is valid UTF-8, returned as a .NET string.</summary>
    public static string Quote(ReadOnlySpan<byte> s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        while (s.Length > 0)
        {
            int r = s[0], width = 1;
            if (r >= 0x80)
                (r, width) = DecodeRune(s);
            if (width == 1 && r == RuneError)
            {
                sb.Append("\\x").Append(LowerHex[s[0] >> 4]).Append(LowerHex[s[0] & 0xF]);
                s = s[1..];
                continue;
            }
            AppendEscapedRune(sb, r);
            s = s[width..];
        }
        sb.Append('"');
        return sb.ToString();
    }

    private static void AppendEscapedRune(StringBuilder sb, int r)
    {
        if (r == '"' || r == '\\')
        {
            sb.Append('\\').Append((char)r);
            return;
        }
        if (IsPrint(r))
        {
            sb.Append(char.ConvertFromUtf32(r));
            return;
        }
        switch (r)
        {
            case 7: sb.Append("\\a"); return;
            case 8: sb.Append("\\b"); return;
            case 12: sb.Append("\\f"); return;
            case 10: sb.Append("\\n"); return;
            case 13: sb.Append("\\r"); return;
            case 9: sb.Append("\\t"); return;
            case 11: sb.Append("\\v"); return;
        }
        if (r < ' ' || r == 0x7F)
        {
            sb.Append("\\x").Append(LowerHex[(r >> 4) & 0xF]).Append(LowerHex[r & 0xF]);
            return;
        }
        if (!ValidRune(r))
            r = RuneError;
        if (r < 0x10000)
        {
            sb.Append("\\u");
            for (int sh = 12; sh >= 0; sh -= 4) sb.Append(LowerHex[(r >> sh) & 0xF]);
        }
        else
        {
            sb.Append("\\U");
            for (int sh = 28; sh >= 0; sh -= 4) sb.Append(LowerHex[(r >> sh) & 0xF]);
        }
    }

    private static int Unhex(byte c) => c switch
    {
        >= (byte)'0' and <= (byte)'9' => c - '0',
        >= (byte)'a' and <= (byte)'f' => c - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => c - 'A' + 10,
        _ => -1,
    };

    /// <summary>Models strconv.UnquoteChar: decodes the first (possibly escaped) character of s.</summary>
    public static bool UnquoteChar(ReadOnlySpan<byte> s, byte quote, out int value, out bool multibyte, out int consumed)
    {
        value = 0;
        multibyte = false;
        consumed = 0;
        if (s.Length == 0)
            return false;
        byte c = s[0];
        if (c == quote && (quote == '\'' || quote == '"'))
            return false;
        if (c >= 0x80)
        {
            (value, consumed) = DecodeRune(s);
            multibyte = true;
            return true;
        }
        if (c != '\\')
        {
            value = c;
            consumed = 1;
            return true;
        }
        if (s.Length <= 1)
            return false;
        c = s[1];
        int pos = 2;
        switch (c)
        {
            case (byte)'a': value = 7; break;
            case (byte)'b': value = 8; break;
            case (byte)'f': value = 12; break;
            case (byte)'n': value = 10; break;
            case (byte)'r': value = 13; break;
            case (byte)'t': value = 9; break;
            case (byte)'v': value = 11; break;
            case (byte)'x' or (byte)'u' or (byte)'U':
            {
                int n = c == 'x' ? 2 : c == 'u' ? 4 : 8;
                if (s.Length - pos < n)
                    return false;
                int v = 0;
                for (int j = 0; j < n; j++)
                {
                    int x = Unhex(s[pos + j]);
                    if (x < 0)
                        return false;
                    v = (v << 4) | x;
                }
                pos += n;
                if (c != 'x')
                {
                    if (!ValidRune(v))
                        return false;
                    multibyte = true;
                }
                value = v;
                break;
            }
            case >= (byte)'0' and <= (byte)'7':
            {
                int v = c - '0';
                if (s.Length - pos < 2)
                    return false;
                for (int j = 0; j < 2; j++)
                {
                    int x = s[pos + j] - '0';
                    if (x < 0 || x > 7)
                        return false;
                    v = (v << 3) | x;
                }
                pos += 2;
                if (v > 255)
                    return false;
                value = v;
                break;
            }
            case (byte)'\\': value = '\\'; break;
            case (byte)'\'' or (byte)'"':
                if (c != quote)
                    return false;
                value = c;
                break;
            default:
                return false;
        }
        consumed = pos;
        return true;
    }

    /// <summary>Models strconv.Unquote for "...", `...` and '...' literals; returns null on a syntax error.</summary>
    public static byte[]? Unquote(ReadOnlySpan<byte> s)
    {
        if (s.Length < 2)
            return null;
        byte quote = s[0];
        if (quote == '`')
        {
            int end = s[1..].IndexOf((byte)'`');
            if (end < 0 || end + 2 != s.Length)
                return null;
            var body = s[1..^1];
            var buf = new List<byte>(body.Length);
            foreach (var b in body)
                if (b != '\r')
                    buf.Add(b);
            return buf.ToArray();
        }
        if (quote != '"' && quote != '\'')
            return null;
        var outb = new List<byte>(s.Length);
        var rest = s[1..];
        while (rest.Length > 0 && rest[0] != quote)
        {
            if (rest[0] == '\n' || !UnquoteChar(rest, quote, out int r, out bool mb, out int n))
                return null;
            rest = rest[n..];
            if (r < 0x80 || !mb) outb.Add((byte)r);
            else AppendRune(outb, r);
            if (quote == '\'')
                break;
        }
        if (!(rest.Length > 0 && rest[0] == quote))
            return null;
        rest = rest[1..];
        if (rest.Length > 0)
            return null;
        return outb.ToArray();
    }
}
