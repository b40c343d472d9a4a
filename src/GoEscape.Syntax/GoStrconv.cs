using System.Globalization;
using System.Text;

namespace GoEscape.Syntax;

/// <summary>Bits of Go's strconv/unicode needed to format messages exactly like gc (%q of runes, %#U).</summary>
public static class GoStrconv
{
    /// <summary>Approximates unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space.</summary>
    public static bool IsPrint(int r)
    {
        if (r < 0x20) return false;
        if (r < 0x7f) return true;
        if (r < 0xa1) return false; // DEL, C1 controls, NBSP
        if (r > 0x10FFFF || (r >= 0xD800 && r < 0xE000)) return false;
        if (r == 0xAD) return false; // soft hyphen is Cf
        var cat = CharUnicodeInfo.GetUnicodeCategory(r);
        return cat switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter
                or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter
                or UnicodeCategory.NonSpacingMark or UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark
                or UnicodeCategory.DecimalDigitNumber or UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber
                or UnicodeCategory.ConnectorPunctuation or UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation
                or UnicodeCategory.ClosePunctuation or UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation
                or UnicodeCategory.OtherPunctuation
                or UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }

    /// <summary>strconv.QuoteRune (what fmt's %q prints for a rune).</summary>
    public static string QuoteRune(int r)
    {
        var sb = new StringBuilder("'");
        AppendEscaped(sb, r, '\'');
        sb.Append('\'');
        return sb.ToString();
    }

    /// <summary>strconv.Quote for a string.</summary>
    public static string Quote(string s)
    {
        var sb = new StringBuilder("\"");
        for (int i = 0; i < s.Length; i++)
        {
            int r = s[i];
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1]))
            {
                r = char.ConvertToUtf32(s[i], s[i + 1]);
                i++;
            }
            AppendEscaped(sb, r, '"');
        }
        sb.Append('"');
        return sb.ToString();
    }

    private static void AppendEscaped(StringBuilder sb, int r, char quote)
    {
        if (r > 0x10FFFF || (r >= 0xD800 && r < 0xE000)) r = 0xFFFD;
        if (r == quote || r == '\\')
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
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }
        if (r < ' ' || r == 0x7f) sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
        else if (r < 0x10000) sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
        else sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
    }
}
