using GoEscape.Syntax;

namespace GoEscape.Tests.Syntax;

public sealed class LiteralsTests
{
    [Theory]
    [InlineData("\"fmt\"", "fmt")]
    [InlineData("`a\\nb`", "a\\nb")]
    [InlineData("\"a\\tb\\u00e9\\U0001F600\\\"\"", "a\tbé😀\"")]
    [InlineData("\"\\101\\x41\"", "AA")]
    public void Strings(string lit, string expected)
    {
        Assert.True(Literals.TryUnquote(lit, out var v));
        Assert.Equal(expected, v);
    }

    [Fact]
    public void ByteEscapesAreBytes()
    {
        Assert.True(Literals.TryUnquoteBytes("\"\\xff\\377é\"", out var b));
        Assert.Equal(new byte[] { 0xff, 0xff, 0xc3, 0xa9 }, b);
    }

    [Theory]
    [InlineData("'a'", 97)]
    [InlineData("'\\n'", 10)]
    [InlineData("'\\x80'", 128)]
    [InlineData("'\\''", 39)]
    [InlineData("'é'", 0xe9)]
    [InlineData("'😀'", 0x1F600)]
    public void Runes(string lit, int expected)
    {
        Assert.True(Literals.TryUnquoteRune(lit, out var v));
        Assert.Equal(expected, v);
    }

    [Theory]
    [InlineData("\"\\q\"")]
    [InlineData("'ab'")]
    [InlineData("'\\\"'")]
    [InlineData("\"\\ud800\"")]
    public void Invalid(string lit)
    {
        Assert.False(Literals.TryUnquoteBytes(lit, out _) && lit[0] == '"');
        if (lit[0] == '\'') Assert.False(Literals.TryUnquoteRune(lit, out _));
    }
}
