using System.Diagnostics;

namespace GoEscape.Loader;

/// <summary>A located Go installation: its root directory and version ("go1.27.3").</summary>
public sealed record GoRoot(string Dir, string Version, string FoundBy)
{
    /// <summary>GOROOT/src.</summary>
    public string SrcDir => Path.Combine(Dir, "src");

    /// <summary>The language version "go1.N" of this release (from VERSION's first line, e.g. go1.27.3 -> go1.27).</summary>
    public string LanguageVersion => GoVersions.Lang(Version) is { Length: > 0 } l ? l : "go1." + GoRootLocator.ExpectedMinor;

    /// <summary>The minor version N of go1.N (27 for go1.27.3).</summary>
    public int Minor => GoVersions.Minor(Version) is var m && m > 0 ? m : GoRootLocator.ExpectedMinor;
}

/// <summary>
/// Finds the Go standard library sources (GOROOT). Order: the <c>-goroot</c> option, <c>$GOROOT</c>,
/// <c>go env GOROOT</c> when a <c>go</c> is on PATH, then the usual install places
/// (~/.cache/goescape/go1.27, /usr/local/go, /usr/lib/go, /usr/lib/go-1.27, ...). A GOROOT must contain src/runtime.
/// </summary>
public static class GoRootLocator
{
    /// <summary>The Go release GoEscape models.</summary>
    public const int ExpectedMinor = 27;

    /// <summary>The exact message printed when no GOROOT is found.</summary>
    public const string NotFoundMessage =
        "goescape: cannot find Go 1.27 sources (GOROOT): none of -goroot, $GOROOT, `go env GOROOT`, " +
        "~/.cache/goescape/go1.27, /usr/local/go, /usr/lib/go, /usr/lib/go-1.27 holds src/runtime; " +
        "run ./tools/fetch-go to download them";

    /// <summary>
    /// Finds GOROOT. <paramref name="explicitGoRoot"/> is the -goroot option (may be null); <paramref name="getenv"/>
    /// reads environment variables (defaults to the process environment). Returns null with <paramref name="error"/> set
    /// when nothing is found (or when an explicitly given directory is not a GOROOT).
    /// </summary>
    public static GoRoot? Find(string? explicitGoRoot, Func<string, string?>? getenv, out string? error)
    {
        getenv ??= Environment.GetEnvironmentVariable;
        error = null;
        if (!string.IsNullOrEmpty(explicitGoRoot))
        {
            if (IsGoRoot(explicitGoRoot)) return Make(explicitGoRoot, "-goroot");
            error = $"goescape: -goroot {explicitGoRoot}: {Path.Combine(explicitGoRoot, "src", "runtime")} does not exist; run ./tools/fetch-go to download the Go 1.27 sources";
            return null;
        }
        var env = getenv("GOROOT");
        if (!string.IsNullOrEmpty(env) && IsGoRoot(env)) return Make(env, "$GOROOT");

        if (GoEnvGoRoot(getenv) is { } fromGo && IsGoRoot(fromGo)) return Make(fromGo, "go env GOROOT");

        foreach (var dir in UsualPlaces(getenv))
            if (IsGoRoot(dir)) return Make(dir, dir);

        error = NotFoundMessage;
        return null;
    }

    /// <summary>The fixed places searched last, in order.</summary>
    public static IEnumerable<string> UsualPlaces(Func<string, string?>? getenv = null)
    {
        getenv ??= Environment.GetEnvironmentVariable;
        var home = getenv("HOME");
        if (string.IsNullOrEmpty(home)) home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        if (!string.IsNullOrEmpty(home))
        {
            yield return Path.Combine(home, ".cache", "goescape", "go1." + ExpectedMinor);
            yield return Path.Combine(home, "sdk", "go1." + ExpectedMinor);
            yield return Path.Combine(home, "go", "go1." + ExpectedMinor);
        }
        yield return "/usr/local/go";
        yield return "/usr/lib/go";
        yield return "/usr/lib/go-1." + ExpectedMinor;
        yield return "/usr/local/lib/go";
        yield return "/opt/go";
        yield return "/snap/go/current";
        yield return @"C:\Program Files\Go";
    }

    /// <summary>A directory is a GOROOT when it has src/runtime.</summary>
    public static bool IsGoRoot(string dir) => Directory.Exists(Path.Combine(dir, "src", "runtime"));

    private static GoRoot Make(string dir, string how)
    {
        var full = Path.GetFullPath(dir).TrimEnd(Path.DirectorySeparatorChar);
        if (full.Length == 0) full = "/";
        return new GoRoot(full, ReadVersion(full), how);
    }

    /// <summary>First line of GOROOT/VERSION ("go1.27.3"), or "" when absent (a development tree).</summary>
    public static string ReadVersion(string goroot)
    {
        var file = Path.Combine(goroot, "VERSION");
        if (!File.Exists(file)) return "";
        using var r = new StreamReader(file);
        return (r.ReadLine() ?? "").Trim();
    }

    private static string? GoEnvGoRoot(Func<string, string?> getenv)
    {
        var pathVar = getenv("PATH");
        if (string.IsNullOrEmpty(pathVar)) return null;
        string? go = null;
        foreach (var d in pathVar.Split(Path.PathSeparator))
        {
            if (d.Length == 0) continue;
            var cand = Path.Combine(d, OperatingSystem.IsWindows() ? "go.exe" : "go");
            if (File.Exists(cand)) { go = cand; break; }
        }
        if (go is null) return null;
        try
        {
            var psi = new ProcessStartInfo(go, "env GOROOT")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.Environment["GOTOOLCHAIN"] = "local";
            using var p = Process.Start(psi);
            if (p is null) return null;
            var output = p.StandardOutput.ReadToEnd();
            p.StandardError.ReadToEnd();
            if (!p.WaitForExit(10_000)) { p.Kill(); return null; }
            var s = output.Trim();
            return p.ExitCode == 0 && s.Length > 0 ? s : null;
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            return null;
        }
    }
}

/// <summary>Go version strings ("go1.21", "1.21.3", "go1.27rc1").</summary>
public static class GoVersions
{
    /// <summary>The minor number N in go1.N[.P] / 1.N[.P], or -1.</summary>
    public static int Minor(string v)
    {
        if (v.StartsWith("go", StringComparison.Ordinal)) v = v[2..];
        if (!v.StartsWith("1.", StringComparison.Ordinal)) return v == "1" ? 0 : -1;
        int i = 2, n = 0;
        while (i < v.Length && char.IsAsciiDigit(v[i])) { n = n * 10 + (v[i] - '0'); i++; }
        return i == 2 ? -1 : n;
    }

    /// <summary>Compares Go versions ("1.21", "1.21rc1", "1.21.3", with or without "go") like gover.Compare:
    /// 1.21 &lt; 1.21beta1 &lt; 1.21rc1 &lt; 1.21.0 &lt; 1.21.1. Malformed versions compare lowest.</summary>
    public static int Compare(string x, string y)
    {
        var a = Parse(x);
        var b = Parse(y);
        return a.CompareTo(b);
    }

    private static (int Major, int Minor, int Kind, int Num) Parse(string v)
    {
        if (v.StartsWith("go", StringComparison.Ordinal)) v = v[2..];
        int i = 0;
        int Num()
        {
            int n = 0, start = i;
            while (i < v.Length && char.IsAsciiDigit(v[i])) n = n * 10 + (v[i++] - '0');
            return i == start ? -1 : n;
        }
        int major = Num();
        if (major < 0) return (-1, 0, 0, 0);
        if (i == v.Length) return (major, 0, 0, 0);
        if (v[i] != '.') return (-1, 0, 0, 0);
        i++;
        int minor = Num();
        if (minor < 0) return (-1, 0, 0, 0);
        if (i == v.Length) return (major, minor, 0, 0);
        if (v[i] == '.') { i++; int patch = Num(); return patch < 0 || i != v.Length ? (-1, 0, 0, 0) : (major, minor, 3, patch); }
        var rest = v[i..];
        if (rest.StartsWith("rc", StringComparison.Ordinal)) { i += 2; return (major, minor, 2, Num()); }
        if (rest.StartsWith("beta", StringComparison.Ordinal)) { i += 4; return (major, minor, 1, Num()); }
        return (-1, 0, 0, 0);
    }

    /// <summary>"go1.N" for a version, or "".</summary>
    public static string Lang(string v)
    {
        int m = Minor(v);
        return m < 0 ? "" : m == 0 ? "go1" : "go1." + m.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
