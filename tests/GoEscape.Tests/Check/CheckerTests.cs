using System.Security.Cryptography;
using System.Text;
using GoEscape.Driver;
using Xunit.Abstractions;

namespace GoEscape.Tests.Check;

/// <summary>The checker over real Go code: std is clean, side tables agree with go/types, bad inputs give clear
/// errors. Tests needing Go are skipped (with the reason) when Go 1.27 is absent.</summary>
public sealed class CheckerTests(ITestOutputHelper output)
{
    [SkippableFact]
    public void StdHasNoTypeErrors()
    {
        var goroot = CheckHarness.GoRoot();
        var (load, comp) = CheckHarness.Check(goroot, Path.Combine(goroot, "src"), "std");
        Assert.Empty(load.Errors);
        Assert.True(comp.Packages.Count > 250, $"only {comp.Packages.Count} packages loaded for std");
        var problems = new List<string>();
        foreach (var u in comp.Packages)
        {
            if (u.InternalError != null) problems.Add($"{u.ImportPath}: internal error: {u.InternalError.Message}");
            foreach (var e in u.SyntaxErrors) problems.Add($"{u.ImportPath}: {e.Pos}: {e.Msg}");
            foreach (var e in u.TypeErrors) problems.Add($"{u.ImportPath}: {e.Pos}: {e.Msg}");
            if (u.Info == null && !u.Loaded.IsUnsafe) problems.Add($"{u.ImportPath}: not checked");
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems.Take(30)));
    }

    [SkippableTheory]
    [InlineData("errors")]
    [InlineData("strings")]
    [InlineData("sort")]
    [InlineData("fmt")]
    [InlineData("slices")]
    [InlineData("maps")]
    [InlineData("unicode/utf8")]
    [InlineData("container/list")]
    public void AgreesWithGoTypes(string pkg)
    {
        var goroot = CheckHarness.GoRoot();
        var go = CheckHarness.GoDump(goroot, pkg);
        var ours = CheckHarness.OurDump(goroot, pkg);
        Assert.True(go.Count > 100, $"oracle printed only {go.Count} entries");
        var (common, missing, extra) = CheckHarness.Compare(go, ours);
        output.WriteLine($"{pkg}: {common}/{go.Count} entries agree");
        Assert.True(missing.Count == 0 && extra.Count == 0,
            $"{pkg}: {common}/{go.Count} agree\nmissing (go/types only):\n{CheckHarness.Sample(missing)}\nextra (ours only):\n{CheckHarness.Sample(extra)}");
    }

    /// <summary>Ratchet: whole-std agreement may not drop below testdata/check/std-agreement-baseline.txt. go/types'
    /// dump of std takes minutes; it is cached in the temp directory, keyed by GOROOT and the dumper's source.</summary>
    [SkippableFact]
    public void StdAgreementRatchet()
    {
        var goroot = CheckHarness.GoRoot();
        var baseline = ReadBaseline(CheckHarness.TestData("std-agreement-baseline.txt"));
        var go = CachedGoStdDump(goroot);
        var ours = CheckHarness.OurDump(goroot, "std");
        var (common, missing, extra) = CheckHarness.Compare(go, ours);
        output.WriteLine($"std: {common}/{go.Count} entries agree ({100.0 * common / go.Count:F4}%), {missing.Count} missing, {extra.Count} extra");
        string detail = $"\nmissing (go/types only):\n{CheckHarness.Sample(missing)}\nextra (ours only):\n{CheckHarness.Sample(extra)}";
        Assert.True(common >= baseline["common"], $"agreement dropped: {common} < baseline {baseline["common"]}{detail}");
        Assert.True(missing.Count <= baseline["missing"], $"missing entries grew: {missing.Count} > baseline {baseline["missing"]}{detail}");
        Assert.True(extra.Count <= baseline["extra"], $"extra entries grew: {extra.Count} > baseline {baseline["extra"]}{detail}");
    }

    private static Dictionary<string, int> ReadBaseline(string path)
    {
        var d = new Dictionary<string, int>();
        foreach (var line in File.ReadAllLines(path))
        {
            if (line.StartsWith('#') || line.Trim().Length == 0) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            d[f[0]] = int.Parse(f[1]);
        }
        foreach (var k in new[] { "common", "missing", "extra" }) Assert.True(d.ContainsKey(k), $"baseline lacks {k}");
        return d;
    }

    private static List<string> CachedGoStdDump(string goroot)
    {
        var oracle = File.ReadAllBytes(Path.Combine(CheckHarness.RepoRoot(), "tests", "oracle", "typesdump", "main.go"));
        var key = Convert.ToHexString(SHA256.HashData([.. oracle, .. Encoding.UTF8.GetBytes(Path.GetFullPath(goroot))]))[..16];
        var cache = Path.Combine(Path.GetTempPath(), $"goescape-gotypes-std-{key}.txt");
        if (File.Exists(cache)) return [.. File.ReadAllLines(cache)];
        var lines = CheckHarness.GoDump(goroot, "std");
        var tmp = cache + "." + Environment.ProcessId + ".tmp";
        File.WriteAllLines(tmp, lines);
        File.Move(tmp, cache, overwrite: true);
        return lines;
    }

    [SkippableFact]
    public void ImportCycleIsAClearErrorNotACrash()
    {
        var goroot = CheckHarness.GoRoot();
        using var dir = new TempModule(new()
        {
            ["go.mod"] = "module example.com/m\n\ngo 1.27\n",
            ["a/a.go"] = "package a\n\nimport \"example.com/m/b\"\n\nvar A = b.B\n",
            ["b/b.go"] = "package b\n\nimport \"example.com/m/a\"\n\nvar B = a.A\n",
        });
        var (load, comp) = CheckHarness.Check(goroot, dir.Path, "./a");
        var all = AllErrors(load, comp);
        Assert.Contains("import cycle not allowed", all);
        foreach (var u in comp.Packages) Assert.Null(u.InternalError);
    }

    [SkippableFact]
    public void MissingImportIsAClearErrorNotACrash()
    {
        var goroot = CheckHarness.GoRoot();
        using var dir = new TempModule(new()
        {
            ["go.mod"] = "module example.com/m\n\ngo 1.27\n",
            ["a/a.go"] = "package a\n\nimport \"example.com/m/nope\"\n\nvar A = nope.X\n",
            ["c/c.go"] = "package c\n\nimport \"notthere/pkg\"\n\nvar C = pkg.X\n",
        });
        var (load, comp) = CheckHarness.Check(goroot, dir.Path, "./a", "./c");
        var all = AllErrors(load, comp);
        Assert.Contains("example.com/m/nope", all);
        Assert.Contains("notthere/pkg", all);
        Assert.Contains("is not in std", all);
        foreach (var u in comp.Packages) Assert.Null(u.InternalError);
    }

    [SkippableFact]
    public void TypeErrorsInGcWords()
    {
        var goroot = CheckHarness.GoRoot();
        using var dir = new TempModule(new()
        {
            ["go.mod"] = "module example.com/m\n\ngo 1.27\n",
            ["p/p.go"] = "package p\n\nfunc f() int {\n\tvar s string = 1\n\treturn s\n}\n\nfunc g() { undefinedFn() }\n",
        });
        var (_, comp) = CheckHarness.Check(goroot, dir.Path, "./p");
        var u = comp.Packages.Single(p => p.ImportPath == "example.com/m/p");
        var msgs = u.TypeErrors.Select(e => $"{e.Pos.Line}:{e.Pos.Col}: {e.Msg}").ToList();
        Assert.Equal(
            [
                "4:17: cannot use 1 (untyped int constant) as string value in variable declaration",
                "5:9: cannot use s (variable of type string) as int value in return statement",
                "8:12: undefined: undefinedFn",
            ], msgs);
    }

    private static string AllErrors(GoEscape.Loader.LoadResult load, Compilation comp)
    {
        var sb = new StringBuilder();
        foreach (var e in load.Errors) sb.AppendLine(e);
        foreach (var p in load.Packages) foreach (var e in p.Errors) sb.AppendLine(e.ToString());
        foreach (var u in comp.Packages) foreach (var e in u.TypeErrors) sb.AppendLine(e.Msg);
        return sb.ToString();
    }

    private sealed class TempModule : IDisposable
    {
        public string Path { get; }
        public TempModule(Dictionary<string, string> files)
        {
            Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "goescape-check-" + Guid.NewGuid().ToString("N")[..12]);
            foreach (var (name, text) in files)
            {
                var f = System.IO.Path.Combine(Path, name);
                Directory.CreateDirectory(System.IO.Path.GetDirectoryName(f)!);
                File.WriteAllText(f, text);
            }
        }
        public void Dispose()
        {
            try { Directory.Delete(Path, true); } catch (IOException) { }
        }
    }
}
