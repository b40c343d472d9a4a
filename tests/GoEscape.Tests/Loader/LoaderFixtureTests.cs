using System.Runtime.CompilerServices;
using GoEscape.Loader;
using Xunit.Abstractions;

namespace GoEscape.Tests.Loader;

/// <summary>Module, replace, vendor, file-list and error fixtures under testdata/loader.</summary>
public sealed class LoaderFixtureTests(ITestOutputHelper output)
{
    private static string TestData([CallerFilePath] string here = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "testdata", "loader"));

    private static readonly string Fixtures = TestData();

    private static LoadResult Load(string dir, string[] patterns, string goos = "linux", string goarch = "amd64", bool tests = false)
    {
        var goroot = GoOracle.GoRoot;
        return PackageLoader.Load(new LoadConfig
        {
            GoRoot = goroot, GoOs = goos, GoArch = goarch, IncludeTests = tests,
            WorkingDir = Path.Combine(Fixtures, dir), Env = new Dictionary<string, string>(),
        }, patterns);
    }

    private static LoadedPackage Pkg(LoadResult r, string path) => r.Packages.Single(p => p.ImportPath == path);

    private static List<string> Names(IEnumerable<string> files) => files.Select(f => Path.GetFileName(f)!).ToList();

    [SkippableFact]
    public void ModuleWithReplace()
    {
        _ = GoOracle.GoRoot; // skips without Go 1.27
        var r = Load("mod", ["./..."]);
        Assert.Empty(r.Errors);
        Assert.Equal("example.com/mod", r.MainModule!.Path);
        Assert.Equal(["example.com/mod/a", "example.com/mod/b", "example.com/mod/cmd/tool", "example.com/mod/internal/i", "example.com/mod/onlytest"],
            r.Roots.Select(p => p.ImportPath));
        var b = Pkg(r, "example.com/mod/b");
        Assert.Equal(["b.go", "b_go122.go"], Names(b.GoFiles));
        Assert.Equal(["b_plus.go", "b_windows.go", "cgo.go"], b.IgnoredGoFiles);
        Assert.Equal(["slices", "strings"], b.Imports);
        Assert.Equal("go1.21", b.GoVersion);
        Assert.Equal("go1.22", b.FileGoVersions[b.GoFiles[1]]);
        Assert.Equal("", b.FileGoVersions[b.GoFiles[0]]);
        Assert.Equal("go1.21", b.EffectiveGoVersion(b.GoFiles[0]));
        Assert.Equal("go1.22", b.EffectiveGoVersion(b.GoFiles[1]));
        Assert.Empty(b.TestGoFiles);
        var a = Pkg(r, "example.com/mod/a");
        Assert.Equal(["example.com/dep/x", "example.com/mod/b", "example.com/mod/internal/i", "fmt"], a.Imports);
        Assert.Equal((Path.Combine(a.Dir, "a.go"), 6, 2), a.ImportPositions["example.com/dep/x"]);
        var x = Pkg(r, "example.com/dep/x");
        Assert.Equal(Path.Combine(Fixtures, "dep", "x"), x.Dir);
        Assert.Equal("example.com/dep", x.Module!.Path);
        Assert.Equal("go1.20", x.GoVersion);
        Assert.False(x.IsStandard);
        Assert.Same(Pkg(r, "example.com/dep/x"), a.ImportedPackages["example.com/dep/x"]);
        Assert.Equal(a.Imports, a.ImportedPackages.Keys.Order(StringComparer.Ordinal));
        var tool = Pkg(r, "example.com/mod/cmd/tool");
        Assert.Equal("main", tool.Name);
        Assert.Equal(["example.com/mod/a", "runtime"], tool.Dependencies.Select(d => d.ImportPath));
        Assert.True(Pkg(r, "fmt").IsStandard);
        Assert.Equal("go1.27", Pkg(r, "fmt").GoVersion);
        Assert.True(Pkg(r, "unsafe").IsUnsafe);
        Assert.Equal("main", tool.CompilerPackagePath);
        Assert.Equal("example.com/mod/a", a.CompilerPackagePath);
        Assert.True(a.IsComplete);
        Assert.True(Pkg(r, "fmt").IsComplete);
        Assert.False(Pkg(r, "runtime").IsComplete); // assembly
        Assert.Contains(Pkg(r, "runtime").SFiles, f => f.EndsWith("asm_amd64.s", StringComparison.Ordinal));
        Assert.False(Pkg(r, "os").IsComplete); // runtime supplies bodies
        Assert.True(r.Success, string.Join("\n", r.AllErrors()));
        // dependencies come before their importers
        var index = r.Packages.Select((p, i) => (p, i)).ToDictionary(t => t.p, t => t.i);
        foreach (var p in r.Packages)
            foreach (var d in p.Dependencies) Assert.True(index[d] < index[p], $"{d} after {p}");
    }

    [SkippableFact]
    public void ModuleAgreesWithGoList()
    {
        var goroot = GoOracle.GoRoot;
        var cases = new[]
        {
            ("mod", "linux", "-mod=mod", new[] { "./..." }), ("mod", "windows", "-mod=mod", ["./..."]),
            ("mod", "linux", "-mod=mod", ["all"]), ("mod", "linux", "-mod=mod", ["./b", "fmt", "example.com/mod/...", "./cmd/tool"]),
            ("vend", "linux", "", ["./..."]), ("vend", "linux", "", ["all"]),
        };
        foreach (var (dir, goos, goflags, patterns) in cases)
        {
            var expected = GoOracle.ListDeps(goroot, Path.Combine(Fixtures, dir), goos, "amd64", goflags, patterns);
            var r = Load(dir, patterns, goos);
            var diffs = GoListAgreementTests.Compare(expected, r);
            foreach (var d in diffs) output.WriteLine($"{dir} {goos} {string.Join(" ", patterns)}: {d}");
            Assert.Empty(diffs);
        }
    }

    [SkippableTheory]
    [InlineData("mod", "./...")]
    [InlineData("vend", ".")]
    [InlineData("mod", "b/b.go")]
    [InlineData("files", "hello.go")]
    [InlineData("mod", "std")]
    [InlineData("mod", "cmd")]
    public void CompilerFlagsAgreeWithGoBuild(string dir, string pattern)
    {
        var goroot = GoOracle.GoRoot;
        // -p, -lang, -std, -complete and the file list of every compile command of go build -a -n
        var commands = GoOracle.BuildCommands(goroot, Path.Combine(Fixtures, dir), [pattern]);
        var r = Load(dir, [pattern]);
        var ours = r.Packages.Where(p => p.GoFiles.Count > 0 && !p.IsUnsafe)
            .Select(p => new GoOracle.CompileCommand(p.CompilerPackagePath, p.GoVersion, p.IsStandard, p.IsComplete, Names(p.GoFiles), p.PgoProfile is null ? null : "pgo"))
            .OrderBy(c => c.PackagePath + " " + string.Join(" ", c.Files) + " pgo=" + c.Pgo, StringComparer.Ordinal).ToList();
        var expected = commands.OrderBy(c => c.PackagePath + " " + string.Join(" ", c.Files) + " pgo=" + c.Pgo, StringComparer.Ordinal).ToList();
        string Key(GoOracle.CompileCommand c) => c.PackagePath + " " + string.Join(" ", c.Files) + " pgo=" + c.Pgo;
        foreach (var k in ours.Select(Key).Except(expected.Select(Key))) output.WriteLine("extra: " + k);
        foreach (var k in expected.Select(Key).Except(ours.Select(Key))) output.WriteLine("missing: " + k);
        Assert.Equal(expected.Count, ours.Count);
        for (int i = 0; i < expected.Count; i++)
        {
            Assert.Equal(expected[i].Files, ours[i].Files);
            var (e, o) = (expected[i], ours[i]);
            Assert.Equal((e.PackagePath, e.Lang, e.Std, e.Complete, e.Pgo), (o.PackagePath, o.Lang, o.Std, o.Complete, o.Pgo));
        }
    }

    [SkippableFact]
    public void WindowsSelectsOtherFiles()
    {
        _ = GoOracle.GoRoot; // skips without Go 1.27
        var r = Load("mod", ["./b"], goos: "windows");
        Assert.Equal(["b.go", "b_go122.go", "b_windows.go"], Names(Pkg(r, "example.com/mod/b").GoFiles));
        Assert.Equal(["slices", "strings", "syscall"], Pkg(r, "example.com/mod/b").Imports);
    }

    [SkippableFact]
    public void IncludesTests()
    {
        _ = GoOracle.GoRoot; // skips without Go 1.27
        var r = Load("mod", ["./b"], tests: true);
        var b = Pkg(r, "example.com/mod/b");
        Assert.Equal(["b_test.go"], Names(b.TestGoFiles));
        Assert.Equal(["b_x_test.go"], Names(b.XTestGoFiles));
        Assert.Equal(["testing"], b.TestImports);
        Assert.Equal(["errors", "example.com/mod/b"], b.XTestImports);
        Assert.Same(b, b.TestImportedPackages["example.com/mod/b"]);
        Assert.Equal("testing", b.TestImportedPackages["testing"].ImportPath);
        Assert.Contains(r.Packages, p => p.ImportPath == "testing");
        Assert.Empty(b.Errors);
    }

    [SkippableFact]
    public void TestsOfStdDoNotMakeCycles()
    {
        var goroot = GoOracle.GoRoot;
        var r = PackageLoader.Load(new LoadConfig { GoRoot = goroot, IncludeTests = true, WorkingDir = Path.GetTempPath(),
            Env = new Dictionary<string, string>() }, ["fmt", "strings"]);
        Assert.True(r.Success, string.Join("\n", r.AllErrors()));
        var fmt = r.Roots[0];
        Assert.Contains("testing", fmt.TestDependencies.Select(d => d.ImportPath));
        Assert.Contains(fmt.TestGoFiles, f => f.EndsWith("/fmt_test.go", StringComparison.Ordinal) || f.EndsWith("/export_test.go", StringComparison.Ordinal));
        Assert.DoesNotContain(fmt, fmt.TestDependencies);
        var order = r.Packages.ToList();
        Assert.True(order.IndexOf(fmt) < order.IndexOf(r.Packages.Single(p => p.ImportPath == "testing")));
    }

    [SkippableFact]
    public void Vendor()
    {
        _ = GoOracle.GoRoot; // skips without Go 1.27
        var r = Load("vend", ["."]);
        Assert.Empty(r.Errors);
        var p = Pkg(r, "example.com/v/p");
        Assert.Equal(Path.Combine(Fixtures, "vend", "vendor", "example.com", "v", "p"), p.Dir);
        Assert.Equal("example.com/v", p.Module!.Path);
        Assert.Equal("go1.18", p.GoVersion);
        Assert.Equal("go1.22", Pkg(r, "example.com/vend").GoVersion);
        Assert.True(r.Success, string.Join("\n", r.AllErrors()));
    }

    [SkippableFact]
    public void CommandLineFiles()
    {
        _ = GoOracle.GoRoot; // skips without Go 1.27
        var r = Load("files", ["hello.go", "helper_windows.go"]);
        var p = Assert.Single(r.Roots);
        Assert.Equal("command-line-arguments", p.ImportPath);
        Assert.True(p.IsCommandLineFiles);
        Assert.Equal(["hello.go", "helper_windows.go"], Names(p.GoFiles)); // constraints are not applied to named files
        Assert.Equal(["fmt", "strconv"], p.Imports);
        Assert.Null(p.Module);
        Assert.Equal("go1.27", p.GoVersion);
        Assert.Equal("command-line-arguments", r.Packages[^1].ImportPath);
        Assert.True(r.Success, string.Join("\n", r.AllErrors()));
    }

    [SkippableTheory]
    [InlineData("./cyc1", "package example.com/errs/cyc1\n\timports example.com/errs/cyc2 from a.go\n\timports example.com/errs/cyc1 from a.go: import cycle not allowed")]
    [InlineData("./missing", "missing/m.go:1:25: package foo/bar is not in std (GOROOT/src/foo/bar)")]
    [InlineData("./missing2", "missing2/m.go:1:26: no required module provides package example.org/zzz; to add it:\n\tgo get example.org/zzz")]
    [InlineData("./empty", "no Go files in FIXTURES/errs/empty")]
    [InlineData("./multi", "found packages multi (a.go) and other (b.go) in FIXTURES/errs/multi")]
    [InlineData("./excl", "package example.com/errs/excl: build constraints exclude all Go files in FIXTURES/errs/excl")]
    [InlineData("./bad", "bad/a.go:1:21: string literal not terminated")]
    [InlineData("./badbuild", "a.go: parsing //go:build line: unexpected end of expression")]
    [InlineData("./internaluse", "package example.com/errs/internaluse\n\tinternaluse/a.go:1:29: use of internal package internal/abi not allowed")]
    [InlineData("./useprog", "useprog/a.go:1:25: import \"example.com/errs/prog\" is a program, not an importable package")]
    [InlineData("./nonexist", "stat FIXTURES/errs/nonexist: directory not found")]
    [InlineData("example.com/errs/zz", "no required module provides package example.com/errs/zz; to add it:\n\tgo get example.com/errs/zz")]
    [InlineData("foo/bar", "package foo/bar is not in std (GOROOT/src/foo/bar)")]
    public void ErrorsWordedAsGo(string pattern, string expected)
    {
        var goroot = GoOracle.GoRoot;
        expected = expected.Replace("GOROOT", goroot).Replace("FIXTURES", Fixtures);
        var r = Load("errs", [pattern]);
        Assert.Empty(r.Errors);
        Assert.False(r.Success);
        var all = r.AllErrors().ToList();
        Assert.Equal([expected], all);
    }

    [SkippableFact]
    public void ErrorsAgreeWithGoList()
    {
        var goroot = GoOracle.GoRoot;
        foreach (var patterns in new[] { new[] { "./..." }, ["./cyc2", "./missing", "foo/bar", "./multi"] })
        {
            var expected = GoOracle.ListErrors(goroot, Path.Combine(Fixtures, "errs"), "", patterns);
            var r = Load("errs", patterns);
            var ours = r.Packages.Select(p => (p.ImportPath, p.Errors.Count > 0 ? p.Errors[0].ToString() : "")).ToList();
            Assert.Equal(expected, ours);
        }
    }

    [SkippableFact]
    public void OnlyTestFilesIsAnErrorForAnExplicitRoot()
    {
        _ = GoOracle.GoRoot; // skips without Go 1.27
        var r = Load("mod", ["./onlytest"]);
        Assert.Equal([$"example.com/mod/onlytest: no non-test Go files in {Path.Combine(Fixtures, "mod", "onlytest")}"], r.AllErrors());
        Assert.True(Load("mod", ["./..."]).Success);
    }

    [SkippableFact]
    public void NamedFilesInsideAModuleGetTheToolchainLanguage()
    {
        _ = GoOracle.GoRoot; // skips without Go 1.27
        // go build -n b/b.go in mod/ passes -p command-line-arguments -lang=go1.27 (the module says go 1.21)
        var r = Load("mod", ["b/b.go"]);
        var p = Assert.Single(r.Roots);
        Assert.Null(p.Module);
        Assert.Equal("go1.27", p.GoVersion);
        Assert.Equal("command-line-arguments", p.CompilerPackagePath);
        Assert.True(r.Success, string.Join("\n", r.AllErrors()));
    }

    [SkippableFact]
    public void FilesOutsideModuleCannotImportNonStd()
    {
        _ = GoOracle.GoRoot; // skips without Go 1.27
        var r = Load("files", ["../errs/missing2/m.go"]);
        Assert.Contains("no required module provides package example.org/zzz", string.Join("\n", r.AllErrors()));
        var d = Load("files", ["."]);
        Assert.Equal(["go: go.mod file not found in current directory or any parent directory; see 'go help modules'"], d.AllErrors());
    }

    [SkippableFact]
    public void PatternAndFileErrorsWordedAsGo()
    {
        _ = GoOracle.GoRoot; // skips without Go 1.27
        Assert.Equal(["pattern ./nothing/...: lstat ./nothing/: no such file or directory"], Load("errs", ["./nothing/..."]).AllErrors());
        Assert.Equal(["directory ../mod/b outside main module or its selected dependencies"], Load("errs", ["../mod/b"]).AllErrors());
        Assert.Equal(["named files must all be in one directory; have files and errs/bad"], Load(".", ["files/hello.go", "errs/bad/a.go"]).AllErrors());
        Assert.Equal(["stat notthere.go: no such file or directory"], Load(".", ["files/hello.go", "notthere.go"]).AllErrors());
        Assert.Equal(["go: warning: \"./...\" matched no packages"], Load("errs/empty", ["./..."]).Warnings);
    }

    [SkippableFact]
    public void MissingGoRootIsReported()
    {
        var r = PackageLoader.Load(new LoadConfig { GoRoot = "/nonexistent/goroot", Env = new Dictionary<string, string>() }, ["std"]);
        var e = Assert.Single(r.Errors);
        Assert.StartsWith("goescape: -goroot /nonexistent/goroot:", e);
        Assert.Contains("./tools/fetch-go", e);
        Assert.Empty(r.Packages);
    }

    [SkippableFact]
    public void NoGoRootAnywhere()
    {
        var env = new Dictionary<string, string?> { ["HOME"] = "/nonexistent-home", ["PATH"] = "" };
        Skip.If(GoRootLocator.UsualPlaces(k => env.GetValueOrDefault(k)).Any(GoRootLocator.IsGoRoot),
            "a Go root is installed in one of the usual places (/usr/local/go ...), so \"no GOROOT anywhere\" cannot be made here");
        Assert.Null(GoRootLocator.Find(null, k => env.GetValueOrDefault(k), out var err));
        Assert.Equal(GoRootLocator.NotFoundMessage, err);
        Assert.StartsWith("goescape: cannot find Go 1.27 sources (GOROOT): none of -goroot, $GOROOT, `go env GOROOT`, ~/.cache/goescape/go1.27", err);
    }

    [SkippableFact]
    public void FindsGoRootFromEnvironment()
    {
        var goroot = GoOracle.GoRoot;
        var g = GoRootLocator.Find(null, k => k == "GOROOT" ? goroot : null, out var err);
        Assert.Null(err);
        Assert.Equal("$GOROOT", g!.FoundBy);
        Assert.StartsWith("go1.27", g.Version);
        Assert.Equal("go1.27", g.LanguageVersion);
        Assert.Equal(27, g.Minor);
    }
}
