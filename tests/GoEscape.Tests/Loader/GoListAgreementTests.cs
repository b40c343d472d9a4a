using System.Diagnostics;
using GoEscape.Loader;
using Xunit.Abstractions;

namespace GoEscape.Tests.Loader;

/// <summary>Differential tests: our loader against <c>go list -e -deps -json</c> (skipped when Go is absent).</summary>
public sealed class GoListAgreementTests(ITestOutputHelper output)
{
    [SkippableTheory]
    [InlineData("std", "linux", "amd64")]
    [InlineData("std", "windows", "arm64")]
    [InlineData("cmd", "linux", "amd64")]
    [InlineData("std", "darwin", "arm64")]
    [InlineData("std", "js", "wasm")]
    public void AgreesWithGoList(string pattern, string goos, string goarch)
    {
        var goroot = GoOracle.GoRoot;
        var dir = Path.GetTempPath();
        var expected = GoOracle.ListDeps(goroot, dir, goos, goarch, pattern);

        var sw = Stopwatch.StartNew();
        var result = PackageLoader.Load(new LoadConfig
        {
            GoRoot = goroot, GoOs = goos, GoArch = goarch, WorkingDir = dir,
            Env = new Dictionary<string, string>(),
        }, [pattern]);
        sw.Stop();
        var cold = sw.ElapsedMilliseconds;
        sw.Restart();
        PackageLoader.Load(new LoadConfig { GoRoot = goroot, GoOs = goos, GoArch = goarch, WorkingDir = dir, Env = new Dictionary<string, string>() }, [pattern]);
        output.WriteLine($"loaded {result.Packages.Count} packages ({pattern} {goos}/{goarch}) in {cold} ms (again: {sw.ElapsedMilliseconds} ms); go list: {expected.Count}");
        Assert.Empty(result.Errors);

        var diffs = Compare(expected, result);
        foreach (var d in diffs.Take(40)) output.WriteLine(d);
        Assert.True(diffs.Count == 0, $"{diffs.Count} differences, first: {diffs.FirstOrDefault()}");
    }

    [SkippableTheory]
    [InlineData("purego,math_big_pure_go,netgo,osusergo,timetzdata,nethttpomithttp2", "", "")]
    [InlineData("", "arenas,nojsonv2,nogreenteagc,simd", "v3")]
    [InlineData("", "noregabi,boringcrypto", "v2")]
    [InlineData("integration,appengine", "", "v4")]
    public void AgreesWithGoListUnderTagsAndExperiments(string tags, string goexperiment, string goamd64)
    {
        var goroot = GoOracle.GoRoot;
        var env = new Dictionary<string, string> { ["GOEXPERIMENT"] = goexperiment, ["GOAMD64"] = goamd64 };
        var args = tags.Length > 0 ? new[] { "-tags=" + tags, "std" } : ["std"];
        var expected = GoOracle.ListDeps(goroot, Path.GetTempPath(), "linux", "amd64", "-mod=mod", args, env);
        var result = PackageLoader.Load(new LoadConfig
        {
            GoRoot = goroot, GoOs = "linux", GoArch = "amd64", WorkingDir = Path.GetTempPath(),
            Tags = LoadConfig.ParseTags(tags), Env = env,
        }, ["std"]);
        Assert.Empty(result.Errors);
        var diffs = Compare(expected, result);
        foreach (var d in diffs.Take(40)) output.WriteLine(d);
        Assert.True(diffs.Count == 0, $"{diffs.Count} differences, first: {diffs.FirstOrDefault()}");
    }

    [SkippableTheory]
    [InlineData("src/net", "./...")]
    [InlineData("src/cmd/go", ".")]
    [InlineData("src", "./...")]
    [InlineData("src/crypto", "crypto/...")]
    [InlineData("src", "./builtin")]
    public void AgreesWithGoListInsideGoroot(string dir, string pattern)
    {
        var goroot = GoOracle.GoRoot;
        var wd = Path.Combine(goroot, dir);
        var expected = GoOracle.ListDeps(goroot, wd, "linux", "amd64", "", [pattern]); // -mod=mod is not for std
        var result = PackageLoader.Load(new LoadConfig { GoRoot = goroot, GoOs = "linux", GoArch = "amd64", WorkingDir = wd, Env = new Dictionary<string, string>() }, [pattern]);
        Assert.Empty(result.Errors);
        var diffs = Compare(expected, result);
        foreach (var d in diffs.Take(40)) output.WriteLine(d);
        Assert.True(diffs.Count == 0, $"{diffs.Count} differences, first: {diffs.FirstOrDefault()}");
    }

    internal static List<string> Compare(List<GoOracle.ListedPackage> expected, LoadResult result)
    {
        var diffs = new List<string>();
        var ours = result.Packages;
        var expOrder = expected.Select(p => p.ImportPath).ToList();
        var ourOrder = ours.Select(p => p.ImportPath).ToList();
        if (!expOrder.SequenceEqual(ourOrder))
        {
            int i = 0;
            while (i < Math.Min(expOrder.Count, ourOrder.Count) && expOrder[i] == ourOrder[i]) i++;
            diffs.Add($"order differs at {i}: go list {Get(expOrder, i)}, ours {Get(ourOrder, i)}; " +
                      $"missing [{string.Join(" ", expOrder.Except(ourOrder).Take(10))}] extra [{string.Join(" ", ourOrder.Except(expOrder).Take(10))}]");
        }
        var byPath = ours.ToDictionary(p => p.ImportPath);
        foreach (var e in expected)
        {
            if (!byPath.TryGetValue(e.ImportPath, out var p)) continue;
            var files = p.GoFiles.Select(Path.GetFileName).ToList();
            if (!files.SequenceEqual(e.GoFiles))
                diffs.Add($"{e.ImportPath}: GoFiles go list [{string.Join(" ", e.GoFiles)}] ours [{string.Join(" ", files)}]");
            var sfiles = p.SFiles.Select(Path.GetFileName).ToList();
            if (!sfiles.SequenceEqual(e.SFiles))
                diffs.Add($"{e.ImportPath}: SFiles go list [{string.Join(" ", e.SFiles)}] ours [{string.Join(" ", sfiles)}]");
            if (!p.ResolvedImports.SequenceEqual(e.Imports))
                diffs.Add($"{e.ImportPath}: Imports go list [{string.Join(" ", e.Imports)}] ours [{string.Join(" ", p.ResolvedImports)}]");
            if (!p.Deps.SequenceEqual(e.Deps))
                diffs.Add($"{e.ImportPath}: Deps go list {e.Deps.Count} ours {p.Deps.Count}: missing [{string.Join(" ", e.Deps.Except(p.Deps).Take(5))}] extra [{string.Join(" ", p.Deps.Except(e.Deps).Take(5))}]");
            if (p.Name != e.Name) diffs.Add($"{e.ImportPath}: Name go list {e.Name} ours {p.Name}");
            if (p.Dir != e.Dir) diffs.Add($"{e.ImportPath}: Dir go list {e.Dir} ours {p.Dir}");
            if (p.IsStandard != e.Standard) diffs.Add($"{e.ImportPath}: Standard go list {e.Standard} ours {p.IsStandard}");
            if (!p.ImportMap.OrderBy(x => x.Key, StringComparer.Ordinal).SequenceEqual(e.ImportMap.OrderBy(x => x.Key, StringComparer.Ordinal)))
                diffs.Add($"{e.ImportPath}: ImportMap differs");
            foreach (var (written, dep) in p.ImportedPackages)
                if (!byPath.TryGetValue(dep.ImportPath, out var q) || q != dep || e.ImportMap.GetValueOrDefault(written, written) != dep.ImportPath)
                    diffs.Add($"{e.ImportPath}: ImportedPackages[{written}] = {dep.ImportPath}");
            var ourErr = p.Errors.Count > 0 ? p.Errors[0].ToString() : null;
            if (ourErr != e.Error) diffs.Add($"{e.ImportPath}: Error go list <{e.Error}> ours <{ourErr}>");
        }
        return diffs;
    }

    private static string Get(List<string> l, int i) => i < l.Count ? l[i] : "<end>";
}
