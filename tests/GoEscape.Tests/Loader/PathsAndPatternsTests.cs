using GoEscape.Loader;

namespace GoEscape.Tests.Loader;

public sealed class PathsAndPatternsTests
{
    // Layout created under a temporary directory T: T/w/m/a, T/w/m/b (with x.go), T/other/y.go
    private static string Tree()
    {
        var t = Path.Combine(Path.GetTempPath(), "goescape-paths-" + Environment.ProcessId);
        foreach (var d in new[] { "w/m/a", "w/m/b", "other" }) Directory.CreateDirectory(Path.Combine(t, d));
        File.WriteAllText(Path.Combine(t, "w/m/b/x.go"), "package b\n");
        File.WriteAllText(Path.Combine(t, "other/y.go"), "package other\n");
        return t;
    }

    // Expectations observed with go build -gcflags=-m (fresh GOCACHE) from the matching directories.
    [SkippableTheory]
    [InlineData("w/m", "w/m/b/x.go", "b/x.go")]
    [InlineData("w/m/b", "w/m/b/x.go", "./x.go")]
    [InlineData("w/m/a", "w/m/b/x.go", "../b/x.go")]
    public void CompilerPathIsShortenedLikeGoBuild(string cwd, string file, string expected)
    {
        var t = Tree();
        Assert.Equal(expected, DisplayPaths.CompilerPath(Path.Combine(t, file), Path.Combine(t, cwd)));
    }

    [SkippableFact]
    public void CompilerPathOfFilesOutsideThePackage()
    {
        var t = Tree();
        var y = Path.Combine(t, "other", "y.go");
        // compiling w/m/b from w/m: the parent T/w's relative form ".." is shorter, T's is "../.." (not shorter than T? it is)
        var fromM = DisplayPaths.CompilerPath(y, Path.Combine(t, "w", "m"), Path.Combine(t, "w", "m", "b"));
        Assert.Equal("../../other/y.go", fromM);
        // a nonexistent path is never shortened (base.ShortPath stats it)
        Assert.Equal("/nonexistent/dir/z.go", DisplayPaths.CompilerPath("/nonexistent/dir/z.go", "/nonexistent"));
        Assert.Equal("/x/y.go", DisplayPaths.ShortPath("/x/y.go", "/a/b/c/d"));
        Assert.Equal(Path.Combine("b", "x.go"), DisplayPaths.ShortPath(Path.Combine(t, "w/m/b/x.go"), Path.Combine(t, "w/m")));
    }

    // cases from cmd/internal/pkgpattern/pat_test.go
    [SkippableTheory]
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

public sealed class VersionsAndTagsTests
{
    [SkippableTheory]
    [InlineData("1.21", "1.21rc1", -1)]
    [InlineData("1.21rc1", "1.21.0", -1)]
    [InlineData("1.21beta1", "1.21rc1", -1)]
    [InlineData("1.27.9", "1.27.3", 1)]
    [InlineData("go1.28", "1.27.3", 1)]
    [InlineData("1.27", "1.27.3", -1)]
    [InlineData("1.9", "1.10", -1)]
    [InlineData("1.21.0", "1.21.0", 0)]
    public void ComparesGoVersions(string x, string y, int sign) => Assert.Equal(sign, Math.Sign(GoVersions.Compare(x, y)));

    [SkippableTheory]
    [InlineData("a,b", new[] { "a", "b" })]
    [InlineData("a b", new[] { "a", "b" })]
    [InlineData(" a ", new[] { "a" })]
    [InlineData("", new string[0])]
    public void ParsesTags(string value, string[] expected) => Assert.Equal(expected, LoadConfig.ParseTags(value));

    [SkippableFact]
    public void NewerGoDirectiveIsRejected()
    {
        var goroot = GoOracle.GoRoot;
        var dir = Path.Combine(Path.GetTempPath(), "goescape-newgo-" + Environment.ProcessId);
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module m\n\ngo 1.28\n");
        File.WriteAllText(Path.Combine(dir, "m.go"), "package m\n");
        var r = PackageLoader.Load(new LoadConfig { GoRoot = goroot, WorkingDir = dir, Env = new Dictionary<string, string>() }, ["."]);
        var local = GoRootLocator.ReadVersion(goroot)[2..];
        Assert.Equal([$"go: go.mod requires go >= 1.28 (running go {local}; GOTOOLCHAIN=local)"], r.Errors);
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module m\n");
        r = PackageLoader.Load(new LoadConfig { GoRoot = goroot, WorkingDir = dir, Env = new Dictionary<string, string>() }, ["."]);
        Assert.True(r.Success);
        Assert.Equal("go1.16", r.Roots[0].GoVersion); // no go directive: gover.DefaultGoModVersion
        Assert.Equal("m", r.Roots[0].ImportPath);
    }

    [SkippableFact]
    public void ReplacedButNotRequired()
    {
        var goroot = GoOracle.GoRoot;
        var t = Path.Combine(Path.GetTempPath(), "goescape-repl-" + Environment.ProcessId);
        Directory.CreateDirectory(Path.Combine(t, "m"));
        Directory.CreateDirectory(Path.Combine(t, "d", "x"));
        File.WriteAllText(Path.Combine(t, "d", "go.mod"), "module example.com/d\n\ngo 1.20\n");
        File.WriteAllText(Path.Combine(t, "d", "x", "x.go"), "package x\n");
        File.WriteAllText(Path.Combine(t, "m", "go.mod"), "module m\n\ngo 1.22\n\nreplace example.com/d => ../d\n");
        File.WriteAllText(Path.Combine(t, "m", "m.go"), "package m; import _ \"example.com/d/x\"\n");
        var r = PackageLoader.Load(new LoadConfig { GoRoot = goroot, WorkingDir = Path.Combine(t, "m"), Env = new Dictionary<string, string>() }, ["."]);
        Assert.Equal(["m.go:1:19: module example.com/d provides package example.com/d/x and is replaced but not required; to add it:\n\tgo get example.com/d"], r.AllErrors());
        File.WriteAllText(Path.Combine(t, "m", "go.mod"), "module m\n\ngo 1.22\n\nrequire example.com/d v0.0.0\n\nreplace example.com/d => ../d\n");
        r = PackageLoader.Load(new LoadConfig { GoRoot = goroot, WorkingDir = Path.Combine(t, "m"), Env = new Dictionary<string, string>() }, ["."]);
        Assert.True(r.Success, string.Join("\n", r.AllErrors()));
        Assert.Equal("go1.20", r.Packages.Single(p => p.ImportPath == "example.com/d/x").GoVersion);
    }
}
