using GoEscape.Loader;
using GoEscape.Syntax;

namespace GoEscape.Tests.Syntax;

/// <summary>Build constraint parsing and evaluation; cases from go/build/constraint's expr_test.go and vers_test.go.</summary>
public sealed class BuildConstraintTests
{
    [Theory]
    [InlineData("x", "x")]
    [InlineData("x&&y", "x && y")]
    [InlineData("x||y", "x || y")]
    [InlineData("(x)", "x")]
    [InlineData("x||y&&z", "x || (y && z)")]
    [InlineData("x&&y||z", "(x && y) || z")]
    [InlineData("x&&(y||z)", "x && (y || z)")]
    [InlineData("(x||y)&&z", "(x || y) && z")]
    [InlineData("!(x&&y)", "!(x && y)")]
    [InlineData("goexperiment.regabi && amd64.v1", "goexperiment.regabi && amd64.v1")]
    public void ParsesGoBuild(string input, string expected)
        => Assert.Equal(expected, BuildConstraint.Parse("//go:build " + input).ToString());

    [Theory]
    [InlineData("x && ", 5, "unexpected end of expression")]
    [InlineData("x && (", 6, "missing close paren")]
    [InlineData("x && ||", 5, "unexpected token ||")]
    [InlineData("x && !", 6, "unexpected end of expression")]
    [InlineData("x && !!", 6, "double negation not allowed")]
    [InlineData("x !", 2, "unexpected token !")]
    [InlineData("x && (y", 5, "missing close paren")]
    [InlineData("x & y", 2, "invalid syntax at &")]
    [InlineData("x && $", 5, "invalid syntax at $")]
    public void ReportsSyntaxErrors(string input, int offset, string message)
    {
        var e = Assert.Throws<ConstraintSyntaxException>(() => BuildConstraint.ParseExpr(input));
        Assert.Equal(message, e.Message);
        Assert.Equal(offset, e.Offset);
    }

    [Theory]
    [InlineData("x", false, "x")]
    [InlineData("x && y", false, "x y")]
    [InlineData("x || y", false, "x y")]
    [InlineData("!x && yes", true, "x yes")]
    [InlineData("yes || y", true, "y yes")]
    public void EvaluatesBothSides(string input, bool ok, string tags)
    {
        var seen = new SortedSet<string>(StringComparer.Ordinal);
        var x = BuildConstraint.Parse("//go:build " + input);
        Assert.Equal(ok, x.Eval(t => { seen.Add(t); return t == "yes"; }));
        Assert.Equal(tags.Split(' ').Order(StringComparer.Ordinal), seen);
    }

    [Theory]
    [InlineData("x", "x")]
    [InlineData("x,y", "x && y")]
    [InlineData("x y", "x || y")]
    [InlineData("x y,z", "x || (y && z)")]
    [InlineData("x,y z", "(x && y) || z")]
    [InlineData("x,!y !z", "(x && !y) || !z")]
    [InlineData("!! x", "ignore || x")]
    [InlineData("!!x", "ignore")]
    [InlineData("!x", "!x")]
    [InlineData("!", "ignore")]
    [InlineData("", "ignore")]
    public void ParsesPlusBuild(string input, string expected)
        => Assert.Equal(expected, BuildConstraint.Parse("// +build " + input).ToString());

    [Theory]
    [InlineData("//+build !", "ignore", null)]
    [InlineData("//+build", "ignore", null)]
    [InlineData("//+build x y", "x || y", null)]
    [InlineData("// +build x y \n", "x || y", null)]
    [InlineData("// +build x y \n ", null, "not a build constraint")]
    [InlineData("// +build x y \nmore", null, "not a build constraint")]
    [InlineData(" //+build x y", null, "not a build constraint")]
    [InlineData("//go:build x && y", "x && y", null)]
    [InlineData("//go:build x && y\n", "x && y", null)]
    [InlineData("//go:build x && y\n ", null, "not a build constraint")]
    [InlineData("//go:build x && y\nmore", null, "not a build constraint")]
    [InlineData(" //go:build x && y", null, "not a build constraint")]
    [InlineData("//go:build\n", null, "unexpected end of expression")]
    [InlineData("//go:buildx", null, "not a build constraint")]
    public void ParsesLines(string line, string? expected, string? error)
    {
        var x = BuildConstraint.TryParse(line, out var err);
        Assert.Equal(expected, x?.ToString());
        if (error is null) Assert.Null(err);
        else Assert.Contains(error, err);
    }

    [Theory]
    [InlineData("//go:build linux && go1.60", "go1.60")]
    [InlineData("//go:build ignore && go1.60", "go1.60")]
    [InlineData("//go:build ignore || go1.60", "")]
    [InlineData("//go:build go1.50 || (ignore && go1.60)", "go1.50")]
    [InlineData("// +build go1.60,linux", "go1.60")]
    [InlineData("// +build go1.60 linux", "")]
    [InlineData("//go:build go1.50 && !go1.60", "go1.50")]
    [InlineData("//go:build !go1.60", "")]
    [InlineData("//go:build linux && go1.50 || darwin && go1.60", "go1.50")]
    [InlineData("//go:build linux && go1.50 || !(!darwin || !go1.60)", "go1.50")]
    [InlineData("//go:build go1", "go1")]
    public void ComputesGoVersion(string line, string expected)
        => Assert.Equal(expected, BuildConstraint.GoVersion(BuildConstraint.Parse(line)));

    [Theory]
    [InlineData("linux", "amd64", "linux && amd64", true)]
    [InlineData("linux", "amd64", "unix && !cgo", true)]
    [InlineData("linux", "amd64", "cgo", false)]
    [InlineData("linux", "amd64", "gc && go1.27 && !go1.28", true)]
    [InlineData("linux", "amd64", "goexperiment.regabiargs && goexperiment.jsonv2 && amd64.v1 && !amd64.v2", true)]
    [InlineData("android", "arm64", "linux && unix", true)]
    [InlineData("ios", "arm64", "darwin", true)]
    [InlineData("illumos", "amd64", "solaris", true)]
    [InlineData("windows", "arm64", "unix || arm64.v8.1", false)]
    [InlineData("windows", "arm64", "arm64.v8.0 && !goexperiment.regabiargs", false)]
    [InlineData("js", "wasm", "wasm.satconv && !unix && !goexperiment.regabiwrappers", true)]
    [InlineData("linux", "amd64", "mytag", true)]
    [InlineData("linux", "amd64", "boringcrypto", false)]
    public void MatchesContextTags(string goos, string goarch, string expr, bool expected)
    {
        var ctx = BuildContext.Create(goos, goarch, ["mytag"], 27, _ => null, out var err)!;
        Assert.Null(err);
        Assert.Equal(expected, ctx.Eval(BuildConstraint.Parse("//go:build " + expr)));
    }

    [Theory]
    [InlineData("x.go", true)]
    [InlineData("x_linux.go", true)]
    [InlineData("x_windows.go", false)]
    [InlineData("x_amd64.go", true)]
    [InlineData("x_arm64.go", false)]
    [InlineData("x_linux_amd64.go", true)]
    [InlineData("x_linux_arm64.go", false)]
    [InlineData("x_linux_test.go", true)]
    [InlineData("x_windows_test.go", false)]
    [InlineData("linux.go", true)]
    [InlineData("windows.go", true)]
    [InlineData("x_windows_foo.go", true)]
    [InlineData("x_foo_windows.go", false)]
    [InlineData("x_unix.go", true)]
    [InlineData("x_android.go", false)]
    [InlineData("x_test_windows.go", false)]
    public void SelectsFileNames(string name, bool ok)
    {
        var ctx = BuildContext.Create("linux", "amd64", [], 27, _ => null, out _)!;
        Assert.Equal(ok, ctx.GoodOSArchFile(name));
    }

    [Fact]
    public void ToolTagsMatchGoList()
    {
        // go list -f '{{context.ToolTags}}' with GOOS/GOARCH defaults
        var amd = BuildContext.Create("linux", "amd64", [], 27, _ => null, out _)!;
        Assert.Equal(["goexperiment.regabiwrappers", "goexperiment.regabiargs", "goexperiment.dwarf5", "goexperiment.jsonv2",
            "goexperiment.greenteagc", "goexperiment.randomizedheapbase64", "goexperiment.sizespecializedmalloc", "amd64.v1"], amd.ToolTags);
        var arm = BuildContext.Create("windows", "arm64", [], 27, _ => null, out _)!;
        Assert.Equal("arm64.v8.0", arm.ToolTags[^1]);
        Assert.Equal(27, amd.ReleaseTags.Count);
        Assert.Equal("go1.27", amd.ReleaseTags[^1]);
        var v3 = BuildContext.Create("linux", "amd64", [], 27, k => k == "GOAMD64" ? "v3" : k == "GOEXPERIMENT" ? "nojsonv2,arenas" : null, out _)!;
        Assert.Contains("amd64.v3", v3.ToolTags);
        Assert.Contains("goexperiment.arenas", v3.ToolTags);
        Assert.DoesNotContain("goexperiment.jsonv2", v3.ToolTags);
        Assert.Null(BuildContext.Create("linux", "amd64", [], 27, k => k == "GOEXPERIMENT" ? "bogus" : null, out var err));
        Assert.Equal("unknown GOEXPERIMENT bogus", err);
    }
}
