namespace GoEscape.Tests;

public sealed class SmokeTests
{
    [Fact]
    public void UsageExitsWithTwo()
    {
        var err = new StringWriter();
        Assert.Equal(2, GoEscape.Cli.CommandLine.Run([], new StringWriter(), err));
        Assert.Contains("usage", err.ToString());
    }
}
