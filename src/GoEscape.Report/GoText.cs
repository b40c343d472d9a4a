using System.Globalization;
using System.Text;

namespace GoEscape.Report;

/// <summary>The encodings gc's log files use: Go's encoding/json strings and net/url's path escaping; gc's byte columns.</summary>
public static class GoText
{
    /// <summary>
    /// The UTF-16 index in <paramref name="line"/> of gc's 1-based byte column <paramref name="col"/>: the first
    /// character whose UTF-8 bytes start at or after byte col-1 (a column inside a character rounds up); the line's
    /// length past its end.
    /// </summary>
    public static int CharIndexOfByteColumn(string line, int col)
    {
        int target = Math.Max(0, col - 1), ci = 0, bytes = 0;
        while (ci < line.Length && bytes < target)
        {
            int w = char.IsSurrogatePair(line, ci) ? 2 : 1;
            bytes += Encoding.UTF8.GetByteCount(line.AsSpan(ci, w));
            ci += w;
        }
        return ci;
    }

    /// <summary>Models encoding/json's string encoding with HTML escaping on (json.Encoder's default): quotes,
    /// backslash, control characters, &lt; &gt; &amp;, U+2028 and U+2029 escaped; invalid UTF-16 as \ufffd.</summary>
    public static void AppendJsonString(StringBuilder b, string s)
    {
        b.Append('"');
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            switch (c)
            {
                case '"': b.Append("\\\""); continue;
                case '\\': b.Append("\\\\"); continue;
                case '\b': b.Append("\\b"); continue;
                case '\f': b.Append("\\f"); continue;
                case '\n': b.Append("\\n"); continue;
                case '\r': b.Append("\\r"); continue;
                case '\t': b.Append("\\t"); continue;
                case '<' or '>' or '&' or '\u2028' or '\u2029' or < ' ':
                    b.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    continue;
            }
            if (char.IsHighSurrogate(c) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                b.Append(c).Append(s[++i]);
                continue;
            }
            if (char.IsSurrogate(c)) { b.Append("\\ufffd"); continue; }
            b.Append(c);
        }
        b.Append('"');
    }

    /// <summary>Models url.PathEscape (encodePathSegment): what a package path becomes as a directory name.</summary>
    public static string PathEscape(string s) => Escape(s, segment: true);

    /// <summary>Models url.URL{Scheme: "file", Path: path}.String(): "file://" and the path escaped (encodePath).</summary>
    public static string FileUri(string path) => "file://" + Escape(path, segment: false);

    private static string Escape(string s, bool segment) => PercentEncode(s, c =>
        c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' or (byte)'$' or (byte)'&' or (byte)'+' or (byte)':' or (byte)'=' or (byte)'@'
        || !segment && c is (byte)',' or (byte)'/' or (byte)';');

    /// <summary>The UTF-8 bytes of <paramref name="s"/>, each one <paramref name="keep"/> rejects as %XX (upper-case hex).</summary>
    public static string PercentEncode(string s, Func<byte, bool> keep)
    {
        var b = new StringBuilder(s.Length + 8);
        foreach (byte c in Encoding.UTF8.GetBytes(s))
        {
            if (keep(c)) b.Append((char)c);
            else b.Append('%').Append(c.ToString("X2", CultureInfo.InvariantCulture));
        }
        return b.ToString();
    }

    /// <summary>Unescapes %XX sequences (url.Parse's path and host decoding); invalid sequences are kept.</summary>
    public static string Unescape(string s)
    {
        if (!s.Contains('%')) return s;
        var bytes = new List<byte>(s.Length);
        var src = Encoding.UTF8.GetBytes(s);
        for (int i = 0; i < src.Length; i++)
        {
            if (src[i] == '%' && i + 2 < src.Length && Uri.IsHexDigit((char)src[i + 1]) && Uri.IsHexDigit((char)src[i + 2]))
            {
                bytes.Add((byte)(Uri.FromHex((char)src[i + 1]) * 16 + Uri.FromHex((char)src[i + 2])));
                i += 2;
            }
            else bytes.Add(src[i]);
        }
        return Encoding.UTF8.GetString(bytes.ToArray());
    }
}
