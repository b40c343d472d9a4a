using System.Text;

namespace GoEscape.Syntax;

/// <summary>Values of string and rune literals (models strconv.Unquote / UnquoteChar for valid literals,
/// as produced by the scanner without errors; BasicLit.Bad literals return false).</summary>
public static class Literals
{
    /// <summary>The bytes of a string literal's value (Go strings are byte strings: "\xff" is one byte).</summary>
    public static bool TryUnquoteBytes(string lit, out byte[] value)
    {
        value = [];
        if (lit.Length < 2) return false;
        char q = lit[0];
        if (q != lit[^1] || (q != '"' && q != '`')) return false;
        var body = lit.AsSpan(1, lit.Length - 2);
        if (q == '`')
        {
            // raw string: carriage returns are discarded
            var sb = new StringBuilder(body.Length);
            foreach (var c in body) if (c != '\r') sb.Append(c);
            value = Encoding.UTF8.GetBytes(sb.ToString());
            return true;
        }
        var outp = new List<byte>(body.Length);
        Span<byte> tmp = stackalloc byte[4];
        for (int i = 0; i < body.Length;)
        {
            char c = body[i];
            if (c != '\\')
            {
                int len = char.IsHighSurrogate(c) && i + 1 < body.Length ? 2 : 1;
                int n = Encoding.UTF8.GetBytes(body.Slice(i, len), tmp);
                for (int k = 0; k < n; k++) outp.Add(tmp[k]);
                i += len;
                continue;
            }
            if (!Escape(body, ref i, '"', out int v, out bool isByte)) return false;
            if (isByte) outp.Add((byte)v);
            else
            {
                int n = Encoding.UTF8.GetBytes(char.ConvertFromUtf32(v), tmp);
                for (int k = 0; k < n; k++) outp.Add(tmp[k]);
            }
        }
        value = outp.ToArray();
        return true;
    }

    /// <summary>A string literal's value as a .NET string (invalid UTF-8 bytes become U+FFFD).</summary>
    public static bool TryUnquote(string lit, out string value)
    {
        value = "";
        if (!TryUnquoteBytes(lit, out var b)) return false;
        value = Encoding.UTF8.GetString(b);
        return true;
    }

    /// <summary>The code point of a rune literal ('a', '\n', '\x80' = 128, '\u00e9').</summary>
    public static bool TryUnquoteRune(string lit, out int value)
    {
        value = 0;
        if (lit.Length < 3 || lit[0] != '\'' || lit[^1] != '\'') return false;
        var body = lit.AsSpan(1, lit.Length - 2);
        int i = 0;
        if (body[0] == '\\')
        {
            if (!Escape(body, ref i, '\'', out value, out _)) return false;
        }
        else
        {
            if (char.IsHighSurrogate(body[0]) && body.Length > 1) { value = char.ConvertToUtf32(body[0], body[1]); i = 2; }
            else { value = body[0]; i = 1; }
        }
        return i == body.Length;
    }

    // Decodes the escape starting at body[i] == '\\'; isByte for \x and octal escapes.
    private static bool Escape(ReadOnlySpan<char> body, ref int i, char quote, out int value, out bool isByte)
    {
        value = 0;
        isByte = false;
        if (i + 1 >= body.Length) return false;
        char c = body[i + 1];
        i += 2;
        switch (c)
        {
            case 'a': value = 7; return true;
            case 'b': value = 8; return true;
            case 'f': value = 12; return true;
            case 'n': value = 10; return true;
            case 'r': value = 13; return true;
            case 't': value = 9; return true;
            case 'v': value = 11; return true;
            case '\\': value = '\\'; return true;
            case '\'' or '"':
                if (c != quote) return false;
                value = c;
                return true;
            case 'x': return Digits(body, ref i, 2, 16, out value) && (isByte = true);
            case 'u': return Digits(body, ref i, 4, 16, out value) && ValidRune(value);
            case 'U': return Digits(body, ref i, 8, 16, out value) && ValidRune(value);
            case >= '0' and <= '7':
                i--;
                isByte = true;
                return Digits(body, ref i, 3, 8, out value) && value <= 255;
            default: return false;
        }
    }

    private static bool ValidRune(int v) => v >= 0 && v <= 0x10FFFF && !(v >= 0xD800 && v < 0xE000);

    private static bool Digits(ReadOnlySpan<char> body, ref int i, int n, int b, out int value)
    {
        value = 0;
        for (int k = 0; k < n; k++, i++)
        {
            if (i >= body.Length) return false;
            int d = HexVal(body[i]);
            if (d < 0 || d >= b) return false;
            value = value * b + d;
        }
        return true;
    }

    private static int HexVal(char c) => c switch
    {
        >= '0' and <= '9' => c - '0',
        >= 'a' and <= 'f' => c - 'a' + 10,
        >= 'A' and <= 'F' => c - 'A' + 10,
        _ => -1,
    };
}
