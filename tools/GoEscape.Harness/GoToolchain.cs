using System.Diagnostics;

namespace GoEscape.Harness;

/// <summary>One run of the go command: exit code, its two streams (and Output, stdout then stderr), the time it
/// took, and whether it was killed at the time limit (then ExitCode is -1).</summary>
public sealed record GoRun(int ExitCode, string Stdout, string Stderr, string Output, TimeSpan Elapsed, bool TimedOut);

/// <summary>
/// The one place that finds Go 1.27 (the oracle: gc's go command and Go's sources) and runs the go command, for
/// the tests and every harness. Lookup order:
/// <list type="number">
/// <item><c>$GOESCAPE_GOROOT</c> when set (and then only it: a GOESCAPE_GOROOT that is not a Go 1.27 root means
/// "no oracle", it does not fall back),</item>
/// <item><c>$HOME/.cache/goescape/go1.27</c> (where tools/fetch-go puts it; HOME from the environment),</item>
/// <item>the <c>go</c> on PATH, when its GOROOT is Go 1.27.</item>
/// </list>
/// A Go root is a directory with bin/go, src/runtime, test/ and a VERSION file whose first line starts with
/// go1.27 (tools/fetch-go makes one).
/// Every go command runs in one environment (<see cref="Apply"/>): CGO_ENABLED=0, GOTOOLCHAIN=local, GOFLAGS empty,
/// GOENV=off, GOPROXY=off, GOWORK=off, GOOS=linux, GOARCH=amd64, no GOEXPERIMENT/GOAMD64/GOARM64, GOROOT the oracle,
/// and GOCACHE the caller's or else a fixed directory under the temp directory. A caller that compares a
/// particular setting (a GOFLAGS value, another GOOS) passes it as an explicit override.
/// </summary>
public static class GoToolchain
{
    /// <summary>The release GoEscape models.</summary>
    public const string Release = "go1.27";

    /// <summary>The environment variable naming the oracle's root.</summary>
    public const string RootVariable = "GOESCAPE_GOROOT";

    private static readonly Lazy<(string? Root, string Reason)> Found = new(() => Locate(Environment.GetEnvironmentVariable));

    /// <summary>The oracle's GOROOT, or null when Go 1.27 is not found (then <see cref="NotFoundReason"/> says why).</summary>
    public static string? GoRoot => Found.Value.Root;

    /// <summary>Why <see cref="GoRoot"/> is null (or "" when it is not), e.g. "Go 1.27 not found: run tools/fetch-go
    /// (looked in ...)".</summary>
    public static string NotFoundReason => Found.Value.Reason;

    /// <summary>The go binary of a Go root.</summary>
    public static string GoBinary(string goroot) => Path.Combine(goroot, "bin", OperatingSystem.IsWindows() ? "go.exe" : "go");

    /// <summary>Finds the oracle with the given environment (see the class comment for the order).</summary>
    public static (string? Root, string Reason) Locate(Func<string, string?> getenv)
    {
        var looked = new List<string>();
        var explicitRoot = getenv(RootVariable);
        if (!string.IsNullOrEmpty(explicitRoot))
        {
            if (Why(explicitRoot) is not { } bad) return (Path.GetFullPath(explicitRoot), "");
            return (null, $"Go 1.27 not found: {RootVariable}={explicitRoot}: {bad} (unset it or run tools/fetch-go)");
        }
        var home = getenv("HOME");
        if (string.IsNullOrEmpty(home)) looked.Add("$HOME/.cache/goescape/go1.27: HOME is not set");
        else
        {
            var cached = Path.Combine(home, ".cache", "goescape", Release);
            if (Why(cached) is not { } bad) return (cached, "");
            looked.Add($"{cached}: {bad}");
        }
        if (OnPath(getenv("PATH")) is not { } go) looked.Add("PATH: no go");
        else if (GoEnvGoRoot(go) is not { } root) looked.Add($"PATH: {go} env GOROOT failed");
        else if (Why(root) is not { } bad) return (root, "");
        else looked.Add($"PATH: {go}: GOROOT {root}: {bad}");
        return (null, "Go 1.27 not found: run tools/fetch-go or set " + RootVariable + " (" + string.Join("; ", looked) + ")");
    }

    /// <summary>Why dir is not a Go 1.27 root, or null when it is.</summary>
    private static string? Why(string dir)
    {
        if (!Directory.Exists(dir)) return "no such directory";
        if (!File.Exists(GoBinary(dir))) return "no bin/go";
        if (!Directory.Exists(Path.Combine(dir, "src", "runtime"))) return "no src/runtime";
        if (!Directory.Exists(Path.Combine(dir, "test"))) return "no test/ (gc's test suite, which the conformance tests read)";
        var versionFile = Path.Combine(dir, "VERSION");
        var version = File.Exists(versionFile) ? File.ReadLines(versionFile).FirstOrDefault() ?? "" : "";
        if (version != Release && !version.StartsWith(Release + ".", StringComparison.Ordinal)
            && !version.StartsWith(Release + "rc", StringComparison.Ordinal))
            return version.Length == 0 ? "no VERSION" : $"VERSION is {version}, not {Release}";
        return null;
    }

    private static string? OnPath(string? path)
    {
        foreach (var d in (path ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var cand = Path.Combine(d, OperatingSystem.IsWindows() ? "go.exe" : "go");
            if (File.Exists(cand)) return cand;
        }
        return null;
    }

    private static string? GoEnvGoRoot(string go)
    {
        try
        {
            var psi = new ProcessStartInfo(go) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            psi.ArgumentList.Add("env");
            psi.ArgumentList.Add("GOROOT");
            psi.Environment["GOTOOLCHAIN"] = "local";
            psi.Environment["GOENV"] = "off";
            using var p = Process.Start(psi)!;
            var err = p.StandardError.ReadToEndAsync();
            var output = p.StandardOutput.ReadToEnd().Trim();
            if (!p.WaitForExit(30_000)) { p.Kill(entireProcessTree: true); return null; }
            _ = err.Result;
            return p.ExitCode == 0 && output.Length > 0 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception) { return null; }
    }

    /// <summary>The GOCACHE the go command runs with: the caller's $GOCACHE, else a fixed directory in the temp
    /// directory (so that runs with an unusual HOME still share one cache).</summary>
    public static string GoCache
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("GOCACHE");
            return string.IsNullOrEmpty(env) ? Path.Combine(Path.GetTempPath(), "goescape-gocache") : env;
        }
    }

    /// <summary>Sets the one environment of the go command (see the class comment) on psi, then the overrides (a
    /// null value removes the variable).</summary>
    public static void Apply(ProcessStartInfo psi, string goroot, IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var e = psi.Environment;
        e["GOROOT"] = goroot;
        e["CGO_ENABLED"] = "0";
        e["GOTOOLCHAIN"] = "local";
        e["GOFLAGS"] = "";
        e["GOENV"] = "off";
        e["GOPROXY"] = "off";
        e["GOWORK"] = "off";
        e["GOOS"] = "linux";
        e["GOARCH"] = "amd64";
        e.Remove("GOEXPERIMENT");
        e.Remove("GOAMD64");
        e.Remove("GOARM64");
        e["GOCACHE"] = GoCache;
        if (overrides == null) return;
        foreach (var (k, v) in overrides)
        {
            if (v == null) e.Remove(k);
            else e[k] = v;
        }
    }

    /// <summary>A start info for GOROOT/bin/go with args in workDir, output redirected, environment applied.</summary>
    public static ProcessStartInfo StartInfo(string goroot, string workDir, IEnumerable<string> args,
        IReadOnlyDictionary<string, string?>? overrides = null)
    {
        var psi = new ProcessStartInfo(GoBinary(goroot))
        {
            WorkingDirectory = workDir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        Apply(psi, goroot, overrides);
        return psi;
    }

    /// <summary>Runs the go command of goroot with args in workDir and waits for it (up to limit, when given: then
    /// the process tree is killed and the run reported as TimedOut).</summary>
    public static GoRun Run(string goroot, string workDir, IEnumerable<string> args, TimeSpan? limit = null,
        IReadOnlyDictionary<string, string?>? overrides = null)
        => RunProcess(StartInfo(goroot, workDir, args, overrides), limit);

    /// <summary>Starts a process whose output is redirected, collects both streams exactly, waits up to limit (null:
    /// no limit; at the limit the process tree is killed and the run reported as TimedOut).</summary>
    public static GoRun RunProcess(ProcessStartInfo psi, TimeSpan? limit = null)
    {
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var outTask = p.StandardOutput.ReadToEndAsync();
        var errTask = p.StandardError.ReadToEndAsync();
        bool timedOut = false;
        if (limit is { } l && !p.WaitForExit(l))
        {
            timedOut = true;
            try { p.Kill(entireProcessTree: true); }
            catch (InvalidOperationException) { } // exited meanwhile
        }
        p.WaitForExit();
        sw.Stop();
        string o = outTask.Result, e = errTask.Result;
        return new GoRun(timedOut ? -1 : p.ExitCode, o, e, o + e, sw.Elapsed, timedOut);
    }
}
