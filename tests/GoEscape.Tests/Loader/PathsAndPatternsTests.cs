using GoEscape.Loader;

namespace GoEscape.Tests.Loader;

public sealed class PathsAndPatternsTests
{
    [Theory]
    [InlineData("/a/b/x.go", "/a/b", "./x.go")]
    [InlineData("/a/b/c/x.go", "/a/b", "c/x.go")]
    [InlineData("/aaaa/cccc/x.go", "/aaaa/bbbb", "../cccc/x.go")]
    [InlineData("/a/c/x.go", "/a/b", "/a/c/x.go")] // "../c" is not shorter than "/a/c"
    [InlineData("/x/y/z.go", "/a/b/c/d", "/x/y/z.go")]
    public void CompilerPathIsShortenedLikeGoBuild(string file, string cwd, string expected)
        => Assert.Equal(expected, DisplayPaths.CompilerPath(file, cwd));

    [Theory]
    [InlineData("/a/b/c/x.go", "/a/b", "c/x.go")]
    [InlineData("/a/b/x.go", "/a/b", "x.go")]
    [InlineData("/x/y.go", "/a/b/c/d", "/x/y.go")]
    public void ShortPath(string path, string cwd, string expected)
        => Assert.Equal(expected, DisplayPaths.ShortPath(path, cwd));

    // cases from cmd/internal/pkgpattern/pat_test.go
    [Theory]
    [InlineData("...", "foo", true)]
    [InlineData("net", "net", true)]
    [InlineData("net", "net/http", false)]
    [InlineData("net/http", "net", false)]
    [InlineData("net...", "netchan", true)]
    [InlineData("net...", "not/http", false)]
    [InlineData("net/...", "net", true)]
    [InlineData("net/...", "net/http", true)]
    [InlineData("net/...", "netchan", false)]
    [InlineData("./...", "./vendor", true)]
    [InlineData("./...", "./mycode/vendor", true)]
    [InlineData("./...", "./vendor/foo", false)]
    [InlineData("./...", "./mycode/vendor/foo", false)]
    [InlineData("./vendor/...", "./vendor/foo", true)]
    [InlineData("./vendor/...", "./vendor/foo/vendor", true)]
    [InlineData("./vendor/...", "./vendor/foo/vendor/bar", false)]
    [InlineData("mycode/vendor/...", "mycode/vendor", true)]
    [InlineData("x/vendor/y", "x/vendor/y", true)]
    [InlineData("x/vendor/y", "x/vendor", false)]
    [InlineData("x/vendor/y/...", "x/vendor/y/z/vendor", true)]
    [InlineData("x/vendor/y/...", "x/vendor/y/vendor/z", false)]
    [InlineData(".../vendor/...", "x/vendor/y/z/vendor", true)]
    public void MatchPattern(string pattern, string name, bool ok)
        => Assert.Equal(ok, PackagePatterns.Matches(pattern, name));
}
