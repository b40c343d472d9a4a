using GoEscape.Types.Constant;
using K = GoEscape.Types.Constant.Const;

namespace GoEscape.Types;

/// <summary>Go string literal helpers (strconv.Unquote / %q) for the checker.</summary>
internal static class GoStringLit
{
    /// <summary>strconv.Unquote for "..." and `...` literals; FormatException if malformed.</summary>
    public static string Unquote(string lit)
    {
        var v = K.MakeFromLiteral(lit, LiteralKind.String);
        if (v.Kind != ConstKind.String) throw new FormatException("invalid syntax");
        return K.StringValUtf8(v);
    }

    /// <summary>fmt's %q of a string.</summary>
    public static string Quote(string s) => GoEscape.Syntax.GoStrconv.Quote(s);
}
