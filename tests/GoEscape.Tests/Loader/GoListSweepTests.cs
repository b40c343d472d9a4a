using System.Runtime.CompilerServices;
using GoEscape.Loader;
using Xunit.Abstractions;

namespace GoEscape.Tests.Loader;

/// <summary>
/// Opt-in sweep (GOESCAPE_LOADER_SWEEP=1): std and cmd on every first-class port of `go tool dist list` against
/// go list. Takes about a minute, so it is not part of the default run.
/// </summary>
public sealed class GoListSweepTests(ITestOutputHelper output)
{
    private static readonly string[] Ports =
    [
        "aix/ppc64", "android/386", "android/amd64", "android/arm", "android/arm64", "darwin/amd64", "darwin/arm64",
        "dragonfly/amd64", "freebsd/386", "freebsd/amd64", "freebsd/arm", "freebsd/arm64", "illumos/amd64", "ios/amd64",
        "ios/arm64", "js/wasm", "linux/386", "linux/amd64", "linux/arm", "linux/arm64", "linux/loong64", "linux/mips",
        "linux/mips64", "linux/mips64le", "linux/mipsle", "linux/ppc64", "linux/ppc64le", "linux/riscv64", "linux/s390x",
        "netbsd/386", "netbsd/amd64", "netbsd/arm", "netbsd/arm64", "openbsd/386", "openbsd/amd64", "openbsd/arm",
        "openbsd/arm64", "openbsd/ppc64", "openbsd/riscv64", "plan9/386", "plan9/amd64", "plan9/arm", "solaris/amd64",
        "wasip1/wasm", "windows/386", "windows/amd64", "windows/arm64",
    ];

    [SkippableFact]
    public void AllPortsAgreeWithGoList()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("GOESCAPE_LOADER_SWEEP") == "1", "a long sweep: set GOESCAPE_LOADER_SWEEP=1 to run");
        var goroot = GoOracle.GoRoot;
        int failures = 0, packages = 0;
        foreach (var pattern in new[] { "std", "cmd" })
        {
            foreach (var port in Ports)
            {
                var (goos, goarch) = (port.Split('/')[0], port.Split('/')[1]);
                var expected = GoOracle.ListDeps(goroot, Path.GetTempPath(), goos, goarch, pattern);
                var r = PackageLoader.Load(new LoadConfig
                {
                    GoRoot = goroot, GoOs = goos, GoArch = goarch, WorkingDir = Path.GetTempPath(),
                    Env = new Dictionary<string, string>(),
                }, [pattern]);
                var diffs = GoListAgreementTests.Compare(expected, r);
                packages += expected.Count;
                if (diffs.Count > 0)
                {
                    failures++;
                    output.WriteLine($"{pattern} {port}: {diffs.Count} differences");
                    foreach (var d in diffs.Take(5)) output.WriteLine("  " + d);
                }
            }
        }
        output.WriteLine($"{packages} packages compared");
        Assert.Equal(0, failures);
    }

    [SkippableFact]
    public void FileHeadersAgreeWithGoParser()
    {
        Skip.IfNot(Environment.GetEnvironmentVariable("GOESCAPE_LOADER_SWEEP") == "1", "a long sweep: set GOESCAPE_LOADER_SWEEP=1 to run");
        var goroot = GoOracle.GoRoot;
        var tool = Path.GetFullPath(Path.Combine(GoListAgreementTestsPaths.TestData(), "tools", "hdrcheck.go"));
        int files = 0, differ = 0;
        foreach (var dir in new[] { "src", "test" })
        {
            var lines = GoOracle.RunGo(goroot, ["run", tool, Path.Combine(goroot, dir)]).Split('\n', StringSplitOptions.RemoveEmptyEntries);
            foreach (var line in lines)
            {
                var f = line.Split('\t');
                if (f.Length < 5) continue;
                files++;
                var h = FileHeader.ReadFile(f[0]);
                var imps = string.Join(" ", h.Imports.Select(i => $"{i.Path}@{i.Line}:{i.Column}"));
                bool ok = f[3] == "ERR"
                    ? h.SyntaxError is not null
                    : h.SyntaxError is null && h.PackageName == f[1] && imps == f[2] && h.GoVersion == f[4];
                // go/build (not go/parser) rejects invalid import paths such as "a b": FileHeader models go/build.
                if (!ok && h.SyntaxErrorMessage?.StartsWith("invalid import path", StringComparison.Ordinal) == true) ok = true;
                if (!ok)
                {
                    differ++;
                    output.WriteLine($"{f[0]}: go [{f[1]}|{f[2]}|{f[3]}|{f[4]}] ours [{h.PackageName}|{imps}|{h.SyntaxError}|{h.GoVersion}]");
                }
            }
        }
        output.WriteLine($"{files} files compared");
        Assert.True(files > 10_000);
        Assert.Equal(0, differ);
    }
}

internal static class GoListAgreementTestsPaths
{
    public static string TestData([CallerFilePath] string here = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "testdata", "loader"));
}
