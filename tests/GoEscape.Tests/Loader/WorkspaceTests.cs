using GoEscape.Harness;
using GoEscape.Loader;
using Xunit.Abstractions;

namespace GoEscape.Tests.Loader;

/// <summary>
/// go.work workspaces against the go command, offline over the fixture module cache (see <see cref="ModuleCacheFixture"/>):
/// the workspace is testdata/modcache/main (with its directory replacement ../local) and a module example.com/tool
/// written here that requires lower versions of main's dependencies (MVS over both, and the workspace reload of a module
/// selected above its requirer's version) and imports a package of main. Each case changes one thing (go.work replace,
/// GOWORK, a use without go.mod, a module used twice, -mod=mod, too new a module, the working directory outside the
/// workspace) and is compared with go list -m all, go list -e -deps -json and go build -gcflags='-m -l'.
/// </summary>
public sealed class WorkspaceTests(ModuleCacheFixture fx, ITestOutputHelper output) : IClassFixture<ModuleCacheFixture>
{
    /// <summary>One case: the directory to run in (relative to the workspace root), the patterns, GOFLAGS, GOWORK
    /// (null: unset), and what to change in a fresh workspace.</summary>
    public sealed record Case(string Name, string Cwd, string[] Patterns, string GoFlags, string? GoWork, Action<string> Change)
    {
        public override string ToString() => Name;
    }

    private const string Work = "go 1.22\n\nuse (\n\t./main\n\t./tool\n)\n";

    private static void Write(string root, string rel, string text)
    {
        var f = Path.Combine(root, rel);
        Directory.CreateDirectory(Path.GetDirectoryName(f)!);
        File.WriteAllText(f, text);
    }

    private static readonly Case[] All =
    [
        new("from-main", "main", ["./..."], "", null, _ => { }),
        new("from-tool", "tool", ["./...", "../main/..."], "", null, _ => { }),
        new("import-paths", "tool", ["example.com/main/lib", "example.com/tool/..."], "", null, _ => { }),
        new("all", "tool", ["all"], "", null, _ => { }),
        new("root-dots", ".", ["./..."], "", null, _ => { }),
        new("root-dirs", ".", ["./main/...", "./tool"], "", null, _ => { }),
        new("gowork-off", "main", ["./..."], "", "off", _ => { }),
        new("gowork-abs", "other", ["example.com/tool"], "", "<abs>", r => Write(r, "other/x.txt", "")),
        new("gowork-relative", "main", ["./..."], "", "go.work", _ => { }),
        new("work-replace", "tool", ["./..."], "", null, r =>
        {
            // go.work's replacement of example.com/p wins; the directory module is a local fork
            File.AppendAllText(Path.Combine(r, "go.work"), "\nreplace example.com/p v1.0.0 => ./pfork\n");
            Write(r, "pfork/go.mod", "module example.com/p\n\ngo 1.21\n");
            Write(r, "pfork/p.go", "package p\n\ntype T struct{ X *int }\n\nfunc New(x int) *T { return &T{X: &x} }\n");
        }),
        new("use-without-gomod", "main", ["./..."], "", null, r =>
        {
            File.WriteAllText(Path.Combine(r, "go.work"), Work.Replace("./tool\n", "./tool\n\t./nomod\n", StringComparison.Ordinal));
            Directory.CreateDirectory(Path.Combine(r, "nomod"));
        }),
        new("use-twice", "main", ["./..."], "", null, r => File.WriteAllText(Path.Combine(r, "go.work"), Work + "\nuse ./main\n")),
        new("module-twice", "main", ["./..."], "", null, r =>
        {
            File.WriteAllText(Path.Combine(r, "go.work"), Work + "\nuse ./tool2\n");
            Write(r, "tool2/go.mod", "module example.com/tool\n\ngo 1.22\n");
            Write(r, "tool2/t.go", "package tool\n");
        }),
        new("mod-mod", "main", ["./..."], "-mod=mod", null, _ => { }),
        new("module-too-new", "main", ["./..."], "", null, r =>
        {
            var f = Path.Combine(r, "tool", "go.mod");
            File.WriteAllText(f, File.ReadAllText(f).Replace("go 1.22", "go 1.23", StringComparison.Ordinal));
        }),
        new("outside-module", "stray", ["."], "", null, r =>
        {
            Write(r, "stray/go.mod", "module example.com/stray\n\ngo 1.22\n");
            Write(r, "stray/s.go", "package stray\n");
        }),
        new("outside-dir", ".", ["./loose"], "", null, r => Write(r, "loose/l.go", "package loose\n")),
        new("work-sum-missing", "tool", ["./..."], "", null, r => File.Delete(Path.Combine(r, "go.work.sum"))),
    ];

    public static IEnumerable<object[]> Cases() => All.Select(c => new object[] { c.Name });

    /// <summary>A fresh workspace: main and local copied from the fixtures, tool written, go.work, and a go.work.sum
    /// with every module of the cache (so that only the cases about sums lack one).</summary>
    private (string Root, Case C) Prepare(string name)
    {
        var c = All.Single(x => x.Name == name);
        var main = fx.CopyMain("ws-" + name + "-" + Guid.NewGuid().ToString("N"));
        var root = Path.GetDirectoryName(main)!;
        Write(root, "tool/go.mod", "module example.com/tool\n\ngo 1.22\n\nrequire (\n\texample.com/a v1.0.0\n\texample.com/p v1.0.0\n)\n");
        Write(root, "tool/tool.go", "package tool\n\nimport (\n\t\"example.com/a\"\n\t\"example.com/main/lib\"\n)\n\n"
                                    + "func Run(x int) (any, any) { return a.F(x), lib.Use(x) }\n\nfunc Keep(p *int) *int { return p }\n");
        Write(root, "tool/cmd/t/main.go", "package main\n\nimport \"example.com/tool\"\n\nfunc main() { println(tool.Keep(new(int)) != nil) }\n");
        File.WriteAllText(Path.Combine(root, "go.work"), Work);
        File.WriteAllLines(Path.Combine(root, "go.work.sum"), CacheSums());
        c.Change(root);
        return (root, c);
    }

    private List<string> CacheSums()
    {
        var lines = new List<string>();
        var download = Path.Combine(fx.GoModCache, "cache", "download");
        foreach (var mod in Directory.EnumerateFiles(download, "*.mod", SearchOption.AllDirectories))
        {
            var vdir = Path.GetDirectoryName(mod)!; // .../<escaped path>/@v
            var path = Unescape(Path.GetRelativePath(download, Path.GetDirectoryName(vdir)!).Replace(Path.DirectorySeparatorChar, '/'));
            var version = Path.GetFileNameWithoutExtension(mod);
            lines.Add($"{path} {version}/go.mod {GoSum.Hash1GoMod(File.ReadAllBytes(mod))}");
            var zh = Path.Combine(vdir, version + ".ziphash");
            if (File.Exists(zh)) lines.Add($"{path} {version} {File.ReadAllText(zh).Trim()}");
        }
        lines.Sort(StringComparer.Ordinal);
        return lines;
    }

    private static string Unescape(string s)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < s.Length; i++)
        {
            if (s[i] == '!' && i + 1 < s.Length) sb.Append(char.ToUpperInvariant(s[++i]));
            else sb.Append(s[i]);
        }
        return sb.ToString();
    }

    private Dictionary<string, string?> Env(Case c, string root)
    {
        var env = fx.GoEnv(c.GoFlags);
        env["GOWORK"] = c.GoWork switch
        {
            null => "", // auto: GoToolchain's default is GOWORK=off
            "<abs>" => Path.Combine(root, "go.work"),
            var v => v,
        };
        return env;
    }

    private LoadResult Load(string goroot, string dir, Dictionary<string, string?> env, string[] patterns)
        => PackageLoader.Load(new LoadConfig
        {
            GoRoot = goroot, GoOs = "linux", GoArch = "amd64", WorkingDir = dir,
            Env = env.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value!),
        }, patterns);

    private static List<GoOracle.ListedPackage> WithPositions(List<GoOracle.ListedPackage> list)
        => list.Select(p => p.ErrorPos is { } pos && p.Error is { } err ? p with { Error = pos + ": " + err } : p).ToList();

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void PackagesAgreeWithGoListDeps(string name)
    {
        var goroot = fx.GoRoot();
        var (root, c) = Prepare(name);
        var dir = Path.Combine(root, c.Cwd);
        var env = Env(c, root);
        var ours = Load(goroot, dir, env, c.Patterns);
        foreach (var w in ours.Warnings) output.WriteLine("warning: " + w);
        foreach (var e in ours.AllErrors()) output.WriteLine("error: " + e);
        // GoOracle.ListDeps applies GOFLAGS itself and takes the rest as overrides
        var listEnv = env.Where(kv => kv.Key != "GOFLAGS").ToDictionary(kv => kv.Key, kv => kv.Value!);
        var go = GoToolchain.Run(goroot, dir, ["list", "-e", "-deps", .. c.Patterns], overrides: env);
        output.WriteLine("go list: " + go.Output);
        if (go.Stdout.Length == 0)
        {
            // the go command stopped before listing: a fatal workspace error, which is all we report
            Assert.NotEqual(0, go.ExitCode);
            Assert.Empty(ours.Packages);
            Assert.Equal(go.Stderr.TrimEnd('\n'), string.Join("\n", ours.Warnings.Concat(ours.Errors)));
            return;
        }
        var listed = WithPositions(GoOracle.ListDeps(goroot, dir, "linux", "amd64", c.GoFlags, c.Patterns,
            listEnv.Where(kv => kv.Value is not null).ToDictionary(kv => kv.Key, kv => kv.Value)));
        // a pattern that failed as a whole is a package named by the pattern in go list -e, an error of the load for us
        var patternErrors = listed.Where(p => p.ImportPath.Contains("...", StringComparison.Ordinal) && p.Error is not null).ToList();
        var expected = listed.Except(patternErrors).ToList();
        Assert.Equal(patternErrors.Select(p => p.Error), ours.Errors.Where(l => l.StartsWith("pattern ", StringComparison.Ordinal)));
        var diffs = GoListAgreementTests.Compare(expected, ours);
        foreach (var d in diffs.Take(40)) output.WriteLine(d);
        Assert.True(diffs.Count == 0, $"{diffs.Count} differences, first: {diffs.FirstOrDefault()}");
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void BuildListAgreesWithGoListM(string name)
    {
        var goroot = fx.GoRoot();
        var (root, c) = Prepare(name);
        var dir = Path.Combine(root, c.Cwd);
        var env = Env(c, root);
        var ours = Load(goroot, dir, env, c.Patterns);
        var go = GoToolchain.Run(goroot, dir, ["list", "-m", "all"], overrides: env);
        output.WriteLine(go.Output);
        if (go.ExitCode == 0)
        {
            Assert.NotNull(ours.BuildList);
            Assert.Null(ours.BuildListError);
            Assert.Equal(go.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries), ours.BuildList!.Select(m => m.ToString()));
        }
        else
        {
            var ourError = ours.BuildListError ?? string.Join("\n", ours.Errors);
            Assert.False(string.IsNullOrEmpty(ourError), "go list -m all failed, we did not: " + go.Stderr);
            Assert.True(go.Stderr.Contains(ourError, StringComparison.Ordinal), $"ours:\n{ourError}\ngo list -m all:\n{go.Stderr}");
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void EscapeReportAgreesWithGoBuild(string name)
    {
        var goroot = fx.GoRoot();
        var (root, c) = Prepare(name);
        var dir = Path.Combine(root, c.Cwd);
        var env = Env(c, root);
        // A build cache of this class's own: go build replays a cached compile's output with its paths already
        // shortened against the working directory of the build that filled the cache (cmd/go work.Shell.reportCmd),
        // so std's lines ("all") read "errors/errors.go:64:10" after any earlier -m -l build from $GOROOT/src
        // (the differential harness, other tests) instead of the absolute path a build from here prints.
        env["GOCACHE"] = Path.Combine(fx.Root!, "gocache");
        var go = ModuleCacheCliTests.RunGo(goroot, dir, ["build", "-gcflags=-m -l", .. c.Patterns], env);
        var ours = ModuleCacheCliTests.RunGoEscape(goroot, dir, ["-m", "-l", .. c.Patterns], env);
        output.WriteLine("go build:\n" + go.Output + "\ngoescape:\n" + ours.Output);
        Assert.Equal(Blocks(ModuleCacheCliTests.Comparable(go, false)), Blocks(ModuleCacheCliTests.Comparable(ours, true)));
        Assert.Equal(go.ExitCode, ours.ExitCode);
    }

    // A standard-library block ("all" compiles std with -m too) compares as a set of lines: GoEscape's line order within
    // runtime differs from gc's (an order of the escape report, not of the loader).
    private static string Block(List<string> lines)
    {
        var body = lines.Skip(1).ToList();
        if (lines[0].StartsWith("# ", StringComparison.Ordinal) && !lines[0][2..].Split('/')[0].Contains('.', StringComparison.Ordinal)) body.Sort(StringComparer.Ordinal);
        return lines[0] + "\n" + string.Join("\n", body);
    }

    /// <summary>The output as "# package" blocks in a fixed order: go build prints each package when it is compiled,
    /// in an order that depends on scheduling (the lines before the first header stay first).</summary>
    internal static List<string> Blocks(string[] lines)
    {
        var blocks = new List<string>();
        var cur = new List<string>();
        foreach (var l in lines)
        {
            if (l.StartsWith("# ", StringComparison.Ordinal) && cur.Count > 0) { blocks.Add(Block(cur)); cur.Clear(); }
            cur.Add(l);
        }
        if (cur.Count > 0) blocks.Add(Block(cur));
        int first = blocks.Count > 0 && !blocks[0].StartsWith("# ", StringComparison.Ordinal) ? 1 : 0;
        blocks.Sort(first, blocks.Count - first, StringComparer.Ordinal);
        return blocks;
    }

    [Fact]
    public void ParsesGoWork()
    {
        var w = GoMod.Parse("go 1.23\ntoolchain go1.23.1\n\nuse (\n\t./a\n\t\"./b c\" // quoted\n)\nuse ../d\n\nreplace x.com/y v1.0.0 => ./y\ngodebug default=go1.21\n", "go.work");
        Assert.Empty(w.Errors);
        Assert.Equal("1.23", w.GoVersion);
        Assert.Equal([("./a", 5), ("./b c", 6), ("../d", 8)], w.Uses);
        Assert.Equal(new ModuleReplace(new ModuleVersion("x.com/y", "v1.0.0"), new ModuleVersion("./y", "")), Assert.Single(w.Replaces));
    }
}
