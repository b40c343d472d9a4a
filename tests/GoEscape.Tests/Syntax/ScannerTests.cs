using GoEscape.Syntax;

namespace GoEscape.Tests.Syntax;

public sealed class ScannerTests
{
    private static List<(Token tok, string lit, uint line, uint col)> Scan(string src, List<string>? errors = null)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(src);
        var s = new Scanner(bytes, bytes.Length, (l, c, m) => errors?.Add($"{l}:{c}: {m}"), Scanner.ModeDirectives);
        var result = new List<(Token, string, uint, uint)>();
        for (s.Next(); s.Tok != Token.EOF; s.Next())
        {
            string lit = s.Tok switch
            {
                Token.Name or Token.Literal or Token.Semi => s.Lit,
                Token.Operator or Token.AssignOp or Token.IncOp or Token.Star => s.Op.String(),
                _ => s.Tok.String(),
            };
            result.Add((s.Tok, lit, s.Line, s.Col));
        }
        return result;
    }

    [Fact]
    public void TokensAndAutomaticSemicolons()
    {
        var toks = Scan("x := a[1] &^= b\n\treturn\n}/*\n*/y++ <-c ... ~");
        Assert.Equal([
            (Token.Name, "x", 1u, 1u), (Token.Define, ":=", 1u, 3u), (Token.Name, "a", 1u, 6u), (Token.Lbrack, "[", 1u, 7u),
            (Token.Literal, "1", 1u, 8u), (Token.Rbrack, "]", 1u, 9u), (Token.AssignOp, "&^", 1u, 11u), (Token.Name, "b", 1u, 15u),
            (Token.Semi, "newline", 1u, 16u), (Token.Return, "return", 2u, 2u), (Token.Semi, "newline", 2u, 8u),
            (Token.Rbrace, "}", 3u, 1u), (Token.Semi, "newline", 3u, 2u), (Token.Name, "y", 4u, 3u), (Token.IncOp, "+", 4u, 4u),
            (Token.Arrow, "<-", 4u, 7u), (Token.Name, "c", 4u, 9u), (Token.DotDotDot, "...", 4u, 11u), (Token.Operator, "~", 4u, 15u),
        ], toks);
    }

    [Theory]
    [InlineData("0x1p-2", LitKind.FloatLit)]
    [InlineData("0X_1FFFP-16", LitKind.FloatLit)]
    [InlineData("1_000_000", LitKind.IntLit)]
    [InlineData("0b1010", LitKind.IntLit)]
    [InlineData("0o660", LitKind.IntLit)]
    [InlineData("0660", LitKind.IntLit)]
    [InlineData(".5e10", LitKind.FloatLit)]
    [InlineData("1e3i", LitKind.ImagLit)]
    [InlineData("0x10i", LitKind.ImagLit)]
    [InlineData("'\\U0001F600'", LitKind.RuneLit)]
    [InlineData("'\\377'", LitKind.RuneLit)]
    [InlineData("\"\\xff\\u00e9\\a\\\"\"", LitKind.StringLit)]
    [InlineData("`raw\\n\nstring`", LitKind.StringLit)]
    public void ValidLiterals(string lit, LitKind kind)
    {
        var errors = new List<string>();
        var bytes = System.Text.Encoding.UTF8.GetBytes(lit);
        var s = new Scanner(bytes, bytes.Length, (l, c, m) => errors.Add(m), 0);
        s.Next();
        Assert.Empty(errors);
        Assert.Equal(Token.Literal, s.Tok);
        Assert.Equal(kind, s.Kind);
        Assert.Equal(lit, s.Lit);
        Assert.False(s.Bad);
    }

    [Theory]
    [InlineData("0x1.p", "1:6: exponent has no digits")]
    [InlineData("09", "1:2: invalid digit '9' in octal literal")]
    [InlineData("0b1.0", "1:4: invalid radix point in binary literal")]
    [InlineData("0b1e2", "1:4: 'e' exponent requires decimal mantissa")]
    [InlineData("1p3", "1:2: 'p' exponent requires hexadecimal mantissa")]
    [InlineData("1_", "1:2: '_' must separate successive digits")]
    [InlineData("'\\x0g'", "1:5: invalid character 'g' in hexadecimal escape")]
    [InlineData("\"\\U00110000\"", "1:12: escape is invalid Unicode code point U+110000")]
    [InlineData("'", "1:1: rune literal not terminated")]
    [InlineData("'\\UFFFFFFFF'", "1:12: escape is invalid Unicode code point U+FFFFFFFF")]
    [InlineData("\u00a0", "1:1: invalid character U+00A0 in identifier")]
    [InlineData("@", "1:1: invalid character U+0040 '@'")]
    [InlineData("a\u2028", "1:2: invalid character U+2028 in identifier")]
    [InlineData("\u0663x", "1:1: identifier cannot begin with digit U+0663 '٣'")]
    public void LiteralAndCharacterErrors(string src, string error)
    {
        var errors = new List<string>();
        Scan(src, errors);
        Assert.Equal(error, errors[0]);
    }
}
