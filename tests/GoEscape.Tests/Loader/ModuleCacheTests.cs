using GoEscape.Harness;
using GoEscape.Loader;
using Xunit.Abstractions;

namespace GoEscape.Tests.Loader;

/// <summary>
/// Dependencies from the module cache, against the go command as the oracle: the build list (<c>go list -m all</c>),
/// the packages, files, imports and errors (<c>go list -e -deps -json ./...</c>) and gc's -lang per package
/// (<c>go build -a -n</c>), for the fixture main module (testdata/modcache/main: MVS over a diamond, a pruned module
/// whose requirements are not followed, an unpruned one whose are, exclude, versioned and directory replace, a
/// case-encoded path, /v2, gopkg.in, nested modules) and variants of it that break one thing each.
/// </summary>
public sealed class ModuleCacheTests(ModuleCacheFixture fx, ITestOutputHelper output) : IClassFixture<ModuleCacheFixture>
{
    /// <summary>One variant: a name, GOFLAGS, and what to change in a fresh copy of the main module (returns the
    /// GOMODCACHE to use, null for the shared one).</summary>
    public sealed record Variant(string Name, string GoFlags, Func<ModuleCacheFixture, string, string?> Change)
    {
        public override string ToString() => Name;
    }

    private static void Append(string file, string text) => File.AppendAllText(file, text);

    private static void DropLine(string file, string line)
    {
        var lines = File.ReadAllLines(file).ToList();
        Assert.True(lines.Remove(line), $"{file} has no line {line}");
        File.WriteAllLines(file, lines);
    }

    private static void Package(string dir, string name, string src)
    {
        Directory.CreateDirectory(Path.Combine(dir, name));
        File.WriteAllText(Path.Combine(dir, name, name + ".go"), src);
    }

    private static readonly Variant[] All =
    [
        new("tidy", "", (_, _) => null),
        new("tidy-mod", "-mod=mod", (_, _) => null),
        new("zip-sum-missing", "", (_, d) =>
        {
            DropLine(Path.Combine(d, "go.sum"), "example.com/a v1.1.0 h1:03XCcCLgAxtTDTKlozl8EPFafV85pod1qaI+YPvNPgc=");
            return null;
        }),
        new("gomod-sum-missing", "", (_, d) =>
        {
            DropLine(Path.Combine(d, "go.sum"), "example.com/a v1.1.0/go.mod h1:5X9SQtfZXIz+z5U6orw0WTbidFysQkJ3wqXLV8AfArA=");
            return null;
        }),
        new("gomod-sum-mismatch", "", (_, d) =>
        {
            var f = Path.Combine(d, "go.sum");
            File.WriteAllText(f, File.ReadAllText(f).Replace("example.com/p v1.0.0/go.mod h1:Yieg", "example.com/p v1.0.0/go.mod h1:Xieg", StringComparison.Ordinal));
            return null;
        }),
        new("zip-sum-mismatch", "", (_, d) =>
        {
            var f = Path.Combine(d, "go.sum");
            File.WriteAllText(f, File.ReadAllText(f).Replace("example.com/p v1.0.0 h1:/SPM", "example.com/p v1.0.0 h1:/XPM", StringComparison.Ordinal));
            return null;
        }),
        new("not-in-cache", "", NotInCache),
        new("not-in-cache-mod", "-mod=mod", NotInCache),
        new("cache-dir-removed", "", (f, _) =>
        {
            var c = f.CopyCache("cache-dir-removed-" + Guid.NewGuid().ToString("N"));
            Directory.Delete(Path.Combine(c, "example.com", "a@v1.1.0"), true);
            File.Delete(Path.Combine(c, "cache", "download", "example.com", "a", "@v", "v1.1.0.zip"));
            return c;
        }),
        new("no-module", "", NoModule),
        new("no-module-mod", "-mod=mod", NoModule),
        new("not-in-roots", "", (_, d) =>
        {
            // example.com/e is in the graph (through the unpruned example.com/b) but not a requirement of main:
            // found only in the whole graph, and go.sum has no line for its zip
            Package(d, "usee", "package usee\n\nimport _ \"example.com/e\"\n");
            return null;
        }),
        new("graph-error", "", (f, d) =>
        {
            Package(d, "usee", "package usee\n\nimport _ \"example.com/e\"\n");
            var c = f.CopyCache("graph-error-" + Guid.NewGuid().ToString("N"));
            Directory.Delete(Path.Combine(c, "cache", "download", "example.com", "d"), true);
            Directory.Delete(Path.Combine(c, "example.com", "d@v1.0.0"), true);
            return c;
        }),
        new("too-new", "-mod=mod", (_, d) =>
        {
            Append(Path.Combine(d, "go.mod"), "\nrequire example.com/future v1.0.0\n");
            Package(d, "usefuture", "package usefuture\n\nimport _ \"example.com/future\"\n");
            return null;
        }),
        new("ambiguous", "-mod=mod", (_, d) =>
        {
            Append(Path.Combine(d, "go.mod"), "\nrequire (\n\texample.com/amb v1.0.0\n\texample.com/amb/sub v1.0.0\n)\n");
            Package(d, "useamb", "package useamb\n\nimport _ \"example.com/amb/sub\"\n");
            return null;
        }),
        new("exclude-root", "", (_, d) =>
        {
            Append(Path.Combine(d, "go.mod"), "\nexclude example.com/p v1.0.0\n");
            return null;
        }),
        new("replace-dir-missing", "", (_, d) =>
        {
            Directory.Delete(Path.Combine(d, "..", "local"), true);
            return null;
        }),
        new("unpruned-main", "-mod=mod", (_, d) =>
        {
            var f = Path.Combine(d, "go.mod");
            File.WriteAllText(f, File.ReadAllText(f).Replace("go 1.22", "go 1.16", StringComparison.Ordinal));
            return null;
        }),
    ];

    private static string? NotInCache(ModuleCacheFixture f, string d)
    {
        Append(Path.Combine(d, "go.mod"), "\nrequire example.com/gone v1.0.0\n");
        Append(Path.Combine(d, "go.sum"), "example.com/gone v1.0.0 h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\nexample.com/gone v1.0.0/go.mod h1:AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA=\n");
        Package(d, "usegone", "package usegone\n\nimport _ \"example.com/gone\"\n");
        return null;
    }

    private static string? NoModule(ModuleCacheFixture f, string d)
    {
        Package(d, "usezz", "package usezz\n\nimport _ \"example.com/zz/y\"\n");
        return null;
    }

    public static IEnumerable<object[]> Variants() => All.Select(v => new object[] { v.Name });

    internal static Variant VariantNamed(string name) => All.Single(x => x.Name == name);

    private (string Dir, string? Cache, Variant V) Prepare(string name)
    {
        var v = All.Single(x => x.Name == name);
        var dir = fx.CopyMain(name + "-" + Guid.NewGuid().ToString("N"));
        var cache = v.Change(fx, dir);
        return (dir, cache, v);
    }

    private LoadResult Load(string goroot, string dir, string goflags, string? cache, string[] patterns)
        => PackageLoader.Load(new LoadConfig
        {
            GoRoot = goroot, GoOs = "linux", GoArch = "amd64", WorkingDir = dir, Env = fx.LoaderEnv(goflags, cache),
        }, patterns);

    /// <summary>go list's errors as go build prints them: "pos: err" when the error has a position.</summary>
    private static List<GoOracle.ListedPackage> WithPositions(List<GoOracle.ListedPackage> list)
        => list.Select(p => p.ErrorPos is { } pos && p.Error is { } err ? p with { Error = pos + ": " + err } : p).ToList();

    /// <summary>What go list prints on stderr when it stops before listing (a fatal module error), or "".</summary>
    private static string FatalOf(GoRun r) => r.Stdout.Length == 0 && r.ExitCode != 0 ? r.Stderr.TrimEnd('\n') : "";

    [SkippableTheory]
    [MemberData(nameof(Variants))]
    public void PackagesAgreeWithGoListDeps(string name)
    {
        var goroot = fx.GoRoot();
        var (dir, cache, v) = Prepare(name);
        var ours = Load(goroot, dir, v.GoFlags, cache, ["./..."]);
        var env = fx.GoEnv(v.GoFlags, cache).ToDictionary(kv => kv.Key, kv => kv.Value!);
        var expected = WithPositions(GoOracle.ListDeps(goroot, dir, "linux", "amd64", v.GoFlags, ["./..."], env));
        foreach (var w in ours.Warnings) output.WriteLine("warning: " + w);
        foreach (var e in ours.AllErrors()) output.WriteLine("error: " + e);
        if (expected.Count == 0)
        {
            // the go command stopped: a fatal error (go.mod needs updates, checksum mismatch, too new a go line)
            var go = GoToolchain.Run(goroot, dir, ["list", "-e", "-deps", "./..."], overrides: fx.GoEnv(v.GoFlags, cache));
            output.WriteLine("go list: " + go.Output);
            Assert.Empty(ours.Packages);
            Assert.Equal(FatalOf(go), string.Join("\n", ours.Warnings.Concat(ours.Errors)));
            return;
        }
        var diffs = GoListAgreementTests.Compare(expected, ours);
        foreach (var d in diffs.Take(40)) output.WriteLine(d);
        Assert.True(diffs.Count == 0, $"{diffs.Count} differences, first: {diffs.FirstOrDefault()}");
        Assert.True(expected.Count > 5, "go list listed too little");
    }

    [SkippableTheory]
    [MemberData(nameof(Variants))]
    public void BuildListAgreesWithGoListM(string name)
    {
        var goroot = fx.GoRoot();
        var (dir, cache, v) = Prepare(name);
        var ours = Load(goroot, dir, v.GoFlags, cache, ["./..."]);
        var go = GoToolchain.Run(goroot, dir, ["list", "-m", "all"], overrides: fx.GoEnv(v.GoFlags, cache));
        output.WriteLine(go.Output);
        if (go.ExitCode == 0)
        {
            Assert.NotNull(ours.BuildList);
            Assert.Null(ours.BuildListError);
            Assert.Equal(go.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), ours.BuildList!.Select(m => m.ToString()));
        }
        else
        {
            // go list -m all fails reading the graph (or stops earlier): our error is what it prints
            var ourError = ours.BuildListError ?? string.Join("\n", ours.Errors);
            Assert.False(string.IsNullOrEmpty(ourError), "go list -m all failed, we did not: " + go.Stderr);
            Assert.True(go.Stderr.Contains(ourError, StringComparison.Ordinal), $"ours:\n{ourError}\ngo list -m all:\n{go.Stderr}");
        }
    }

    [SkippableFact]
    public void LanguageVersionsAgreeWithGoBuild()
    {
        var goroot = fx.GoRoot();
        var (dir, cache, v) = Prepare("tidy");
        var ours = Load(goroot, dir, v.GoFlags, cache, ["./..."]);
        Assert.True(ours.Success, string.Join("\n", ours.AllErrors()));
        var env = fx.GoEnv(v.GoFlags, cache);
        var cmds = GoOracle.BuildCommands(goroot, dir, ["./..."], env);
        int checkedDeps = 0;
        foreach (var c in cmds)
        {
            var p = ours.Packages.Single(q => q.CompilerPackagePath == c.PackagePath);
            Assert.True(c.Lang == p.GoVersion, $"{c.PackagePath}: -lang go {c.Lang}, ours {p.GoVersion}");
            Assert.Equal(c.Files, p.GoFiles.Select(f => Path.GetFileName(f)!).ToList());
            if (p.Module is { IsMain: false, Path: not ("std" or "cmd") }) checkedDeps++;
        }
        Assert.True(checkedDeps >= 10, $"only {checkedDeps} dependency compiles");
        // the case-encoded path, the directory replacement, the versioned replacement
        Assert.Equal(Path.Combine(fx.GoModCache, "example.com", "!upper", "!pkg@v1.0.0"), ours.Packages.Single(p => p.ImportPath == "example.com/Upper/Pkg").Dir);
        Assert.Equal("go1.22", ours.Packages.Single(p => p.ImportPath == "example.com/Upper/Pkg").GoVersion);
        Assert.Equal(Path.Combine(fx.GoModCache, "example.com", "new@v1.0.0"), ours.Packages.Single(p => p.ImportPath == "example.com/old").Dir);
        Assert.Equal("go1.19", ours.Packages.Single(p => p.ImportPath == "example.com/local").GoVersion);
    }

    [SkippableTheory]
    [InlineData("tidy", new[] { "example.com/a", "example.com/Upper/Pkg" })]
    [InlineData("zip-sum-missing", new[] { "example.com/a" })]
    [InlineData("not-in-roots", new[] { "example.com/e" })]
    [InlineData("no-module", new[] { "example.com/zz/y" })]
    [InlineData("no-module-mod", new[] { "example.com/zz/y" })]
    public void ImportPathPatternsAgreeWithGoListDeps(string name, string[] patterns)
    {
        var goroot = fx.GoRoot();
        var (dir, cache, v) = Prepare(name);
        var ours = Load(goroot, dir, v.GoFlags, cache, patterns);
        var env = fx.GoEnv(v.GoFlags, cache).ToDictionary(kv => kv.Key, kv => kv.Value!);
        var expected = WithPositions(GoOracle.ListDeps(goroot, dir, "linux", "amd64", v.GoFlags, patterns, env));
        var diffs = GoListAgreementTests.Compare(expected, ours);
        foreach (var d in diffs.Take(40)) output.WriteLine(d);
        Assert.True(diffs.Count == 0, $"{diffs.Count} differences, first: {diffs.FirstOrDefault()}");
    }

    [SkippableFact]
    public void SettingsFromTheGoEnvFile()
    {
        // GOMODCACHE and GOFLAGS=-mod=mod only in the file go env -w writes: the zip's missing go.sum line is then
        // no error (the go command would add it), and the packages come from that cache
        var goroot = fx.GoRoot();
        var (dir, _, _) = Prepare("zip-sum-missing");
        var envFile = Path.Combine(dir, "..", "goenv");
        File.WriteAllText(envFile, $"GOFLAGS=-mod=mod\nGOMODCACHE=\"{fx.GoModCache}\"\n");
        var r = PackageLoader.Load(new LoadConfig
        {
            GoRoot = goroot, GoOs = "linux", GoArch = "amd64", WorkingDir = dir, Env = new Dictionary<string, string> { ["GOENV"] = envFile },
        }, ["./..."]);
        Assert.True(r.Success, string.Join("\n", r.AllErrors()));
        Assert.Equal(Path.Combine(fx.GoModCache, "example.com", "a@v1.1.0"), r.Packages.Single(p => p.ImportPath == "example.com/a").Dir);
        var strict = PackageLoader.Load(new LoadConfig
        {
            GoRoot = goroot, GoOs = "linux", GoArch = "amd64", WorkingDir = dir,
            Env = new Dictionary<string, string> { ["GOENV"] = envFile, ["GOFLAGS"] = "-mod=readonly" },
        }, ["./..."]);
        Assert.Contains(strict.AllErrors(), e => e.Contains("missing go.sum entry for module providing package example.com/a", StringComparison.Ordinal));
    }

    [Fact]
    public void EscapesModulePathsAsTheGoCommand()
    {
        Assert.Equal("github.com/!burnt!sushi/toml", ModuleCache.Escape("github.com/BurntSushi/toml"));
        Assert.Equal("example.com/m", ModuleCache.Escape("example.com/m"));
        Assert.Equal("v1.0.0-!r!c1", ModuleCache.Escape("v1.0.0-RC1"));
        var cache = new ModuleCache("/c");
        Assert.Equal(Path.Combine("/c", "github.com", "!burnt!sushi", "toml@v1.6.0"), cache.SourceDir("github.com/BurntSushi/toml", "v1.6.0"));
        Assert.Equal(Path.Combine("/c", "cache", "download", "github.com", "!burnt!sushi", "toml", "@v", "v1.6.0.mod"), cache.GoModFile("github.com/BurntSushi/toml", "v1.6.0"));
    }

    [Fact]
    public void LocatesTheModuleCacheAsTheGoCommand()
    {
        Assert.Equal("/x", ModuleCache.Locate(k => k == "GOMODCACHE" ? "/x" : k == "GOPATH" ? "/g" : null));
        Assert.Equal(Path.Combine("/g1", "pkg", "mod"), ModuleCache.Locate(k => k == "GOPATH" ? "/g1" + Path.PathSeparator + "/g2" : null));
        Assert.Equal(Path.Combine("/home/u", "go", "pkg", "mod"), ModuleCache.Locate(k => k == "HOME" ? "/home/u" : null));
        Assert.Null(ModuleCache.Locate(_ => null));
    }

    [Theory]
    [InlineData("v1.0.0", "v1.0.1", -1)]
    [InlineData("v1.10.0", "v1.9.0", 1)]
    [InlineData("v1.0.0-rc.1", "v1.0.0", -1)]
    [InlineData("v1.0.0-alpha.2", "v1.0.0-alpha.10", -1)]
    [InlineData("v1.0.0-alpha.beta", "v1.0.0-alpha.1", 1)]
    [InlineData("v2.0.0+incompatible", "v2.0.0", 0)]
    [InlineData("v0.0.0-20240101000000-abcdefabcdef", "v0.0.1", -1)]
    [InlineData("none", "v0.0.0", -1)]
    [InlineData("v1", "v1.0.0", 0)]
    public void ComparesSemanticVersions(string a, string b, int want)
    {
        Assert.Equal(want, Semver.Compare(a, b));
        Assert.Equal(-want, Semver.Compare(b, a));
    }

    [Fact]
    public void HashesGoModAsDirhash()
    {
        // go.sum's line for example.com/p v1.0.0/go.mod (testdata/modcache/main/go.sum)
        Assert.Equal("h1:Yieg33AV9d4VGruMboz1vfK/hQIbTVMwxoaizz3dcuw=",
            GoSum.Hash1GoMod("module example.com/p\n\ngo 1.21\n\nrequire example.com/q v1.0.0\n"u8.ToArray()));
    }
}

/// <summary>
/// goescape -m -l as a user runs it, as a child process in the module's directory with the module cache in its
/// environment, against go build -gcflags='-m -l' on the same tree: output and exit status.
/// </summary>
public sealed class ModuleCacheCliTests(ModuleCacheFixture fx, ITestOutputHelper output) : IClassFixture<ModuleCacheFixture>
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(3);

    public static IEnumerable<object[]> Variants() => ModuleCacheTests.Variants();

    /// <summary>Runs goescape (the built goescape.dll) in dir with the environment the go command gets.</summary>
    internal static Cli.RunResult RunGoEscape(string goroot, string dir, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> env)
    {
        var dll = typeof(GoEscape.Cli.CommandLine).Assembly.Location;
        Skip.IfNot(Cli.CliHarness.GoEscapeProcessAvailable, "goescape.dll cannot run as a child process here");
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet)) dotnet = "dotnet";
        var psi = new System.Diagnostics.ProcessStartInfo(dotnet)
        {
            WorkingDirectory = dir, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        psi.ArgumentList.Add(dll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        GoToolchain.Apply(psi, goroot, env); // GOROOT, GOFLAGS, GOPROXY=off ... exactly as the go command gets them
        return Cli.CliHarness.RunProcess(psi, Limit);
    }

    internal static Cli.RunResult RunGo(string goroot, string dir, IReadOnlyList<string> args, IReadOnlyDictionary<string, string?> env)
    {
        var psi = GoToolchain.StartInfo(goroot, dir, args, env);
        return Cli.CliHarness.RunProcess(psi, Limit);
    }

    /// <summary>Lines to compare: go's "go: downloading" progress (GoEscape downloads nothing) and our own
    /// "goescape:" hints are left out.</summary>
    internal static string[] Comparable(Cli.RunResult r, bool ours)
        => r.Lines().Where(l => ours ? !l.StartsWith("goescape: ", StringComparison.Ordinal) : !l.StartsWith("go: downloading ", StringComparison.Ordinal)).ToArray();

    [SkippableTheory]
    [MemberData(nameof(Variants))]
    public void EscapeReportAgreesWithGoBuild(string name)
    {
        var goroot = fx.GoRoot();
        var v = ModuleCacheTests.VariantNamed(name);
        var dir = fx.CopyMain("cli-" + name + "-" + Guid.NewGuid().ToString("N"));
        var cache = v.Change(fx, dir);
        var env = fx.GoEnv(v.GoFlags, cache);
        var go = RunGo(goroot, dir, ["build", "-gcflags=-m -l", "./..."], env);
        var ours = RunGoEscape(goroot, dir, ["-m", "-l", "./..."], env);
        output.WriteLine("go build:\n" + go.Output + "\ngoescape:\n" + ours.Output);
        Assert.Equal(Comparable(go, false), Comparable(ours, true));
        Assert.Equal(go.ExitCode, ours.ExitCode);
        if (name == "tidy") Assert.Contains(ours.Lines(), l => l.Contains("escapes to heap", StringComparison.Ordinal));
    }
}
