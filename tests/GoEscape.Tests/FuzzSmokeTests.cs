using System.Diagnostics;

namespace GoEscape.Tests;

/// <summary>
/// The CI fuzzing smoke (docs/fuzzing.md): `GoEscape.Fuzz smoke` runs the parse, check and pipeline targets
/// in-process over a deterministic sample of Go's own test files, the committed crash reproducers
/// (tools/GoEscape.Fuzz/crashes) and a few thousand seeded mutations, plus a memory check. It runs as a child
/// process because a stack overflow cannot be caught: if the child dies, the input it was running is read back
/// from the crash directory. Without Go 1.27 the test is skipped (a failure under GOESCAPE_REQUIRE_ORACLE=1, as in CI).
/// </summary>
public class FuzzSmokeTests
{
    [SkippableFact]
    public async Task SmokeFindsNoCrash()
    {
        var goroot = Oracle.GoRoot(); // the seeds and the std world come from Go's tree (skipped without Go)
        var dll = Path.Combine(AppContext.BaseDirectory, "GoEscape.Fuzz.dll");
        Assert.True(File.Exists(dll), $"{dll} missing (the test project references tools/GoEscape.Fuzz)");
        var crashes = Path.Combine(Path.GetTempPath(), "goescape-fuzz-smoke-" + Environment.ProcessId);
        if (Directory.Exists(crashes)) Directory.Delete(crashes, recursive: true);
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.Environment["GOESCAPE_GOROOT"] = goroot;
        foreach (var a in new[] { dll, "smoke", "--crashes", crashes, "--extra", ReproducerDir() }) psi.ArgumentList.Add(a);
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var stdout = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(6));
        bool exited = true;
        try { await p.WaitForExitAsync(limit.Token); }
        catch (OperationCanceledException) { exited = false; p.Kill(entireProcessTree: true); await p.WaitForExitAsync(); }
        var output = await stdout + await stderr;
        var report = $"fuzz smoke (exit {(exited ? p.ExitCode : -1)}, {sw.Elapsed.TotalSeconds:F0}s):\n{output}";
        // a child that died (stack overflow, abort) leaves the input it was running as .current-TARGET.go
        if (Directory.Exists(crashes))
            foreach (var cur in Directory.GetFiles(crashes, ".current-*.go"))
                report += $"\nthe child died running {cur}:\n{File.ReadAllText(cur)}";
        Assert.True(exited, "the fuzz smoke did not finish in 6 minutes\n" + report);
        Assert.False(p.ExitCode == 2 && output.Contains("Go 1.27 not found", StringComparison.Ordinal),
            "Go 1.27 not found: run tools/fetch-go\n" + report);
        Assert.True(p.ExitCode == 0, report);
        Assert.Contains("0 distinct findings", output, StringComparison.Ordinal);
    }

    private static string ReproducerDir([System.Runtime.CompilerServices.CallerFilePath] string self = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(self)!, "..", "..", "tools", "GoEscape.Fuzz", "crashes"));
}
