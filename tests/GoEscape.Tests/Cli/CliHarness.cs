using System.Diagnostics;
using System.Runtime.CompilerServices;
using GoEscape.Cli;
using GoEscape.Harness;

namespace GoEscape.Tests.Cli;

/// <summary>Output and exit code of one run (of goescape in-process, or of the go command).</summary>
internal sealed record RunResult(int ExitCode, string Output, TimeSpan Elapsed, bool TimedOut, Exception? Crash)
{
    /// <summary>Output lines without trailing empty lines.</summary>
    public string[] Lines()
    {
        var lines = Output.Replace("\r\n", "\n").Split('\n').ToList();
        while (lines.Count > 0 && lines[^1].Length == 0) lines.RemoveAt(lines.Count - 1);
        return [.. lines];
    }
}

/// <summary>
/// Runs `goescape` in-process (CommandLine.Run, as Main does) and the oracle (gc 1.27's go command) on the same
/// input; both with a time limit. Used by the CheckErrors corpus and the CLI robustness tests.
/// </summary>
internal static class CliHarness
{
    /// <summary>GOROOT of Go 1.27 (<see cref="GoToolchain"/>), or null if absent; a test that needs it calls
    /// <see cref="Oracle.GoRoot"/>, which skips the test when Go is absent.</summary>
    public static string? GoRoot => Oracle.GoRootOrNull;

    /// <summary>
    /// Runs `goescape -m -l x.go` on one file (in a fresh module directory) and asserts gc's report, given as the
    /// expected text, and exit 0.
    /// </summary>
    public static void CheckMinusMl(string source, string want)
    {
        var goroot = Oracle.GoRoot();
        var tmp = Directory.CreateTempSubdirectory("goescape-ml-");
        try
        {
            File.WriteAllText(Path.Combine(tmp.FullName, "go.mod"), "module x\n\ngo 1.27\n");
            File.WriteAllText(Path.Combine(tmp.FullName, "x.go"), source.ReplaceLineEndings("\n") + "\n");
            var output = new StringWriter();
            int rc = CommandLine.Run(["-goroot", goroot, "-C", tmp.FullName, "-m", "-l", "x.go"], output, output);
            Assert.Equal(want.ReplaceLineEndings("\n"), output.ToString().TrimEnd('\n').ReplaceLineEndings("\n"));
            Assert.Equal(0, rc);
        }
        finally
        {
            tmp.Delete(recursive: true);
        }
    }

    public static string TestDataDir(string layer) => Path.GetFullPath(Path.Combine(ThisDir(), "..", "testdata", layer));

    private static string ThisDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>A fresh temporary directory (deleted by the caller via <see cref="TryDelete"/>).</summary>
    public static string NewTempDir(string prefix)
    {
        var d = Path.Combine(Path.GetTempPath(), $"goescape-{prefix}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(d);
        return d;
    }

    public static void TryDelete(string dir)
    {
        try
        {
            if (Directory.Exists(dir)) Directory.Delete(dir, recursive: true);
        }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }

    public static void WriteGoMod(string dir, string module = "p") =>
        File.WriteAllText(Path.Combine(dir, "go.mod"), $"module {module}\n\ngo 1.27\n");

    /// <summary>
    /// Runs goescape in-process with the given arguments. A run that exceeds the limit is reported as TimedOut
    /// (its thread cannot be stopped; it is left to finish in the background). An exception escaping
    /// CommandLine.Run is reported as Crash, never rethrown.
    /// </summary>
    public static RunResult RunGoEscape(IReadOnlyList<string> args, TimeSpan limit)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var sw = Stopwatch.StartNew();
        Exception? crash = null;
        int rc = -1;
        var thread = new Thread(() =>
        {
            try
            {
                rc = CommandLine.Run([.. args], stdout, stderr);
            }
            catch (Exception e)
            {
                crash = e;
            }
        }, 256 * 1024 * 1024) { IsBackground = true, Name = "goescape-run" };
        thread.Start();
        bool done = thread.Join(limit);
        sw.Stop();
        if (!done) return new RunResult(-1, "", sw.Elapsed, true, null);
        string output;
        lock (stdout) output = stdout.ToString() + stderr.ToString();
        return new RunResult(rc, output, sw.Elapsed, false, crash);
    }

    /// <summary>Runs the built goescape (goescape.dll next to the tests) as a child process with a time limit and
    /// GOROOT=goroot; falls back to running in-process (with -goroot) when the application files are not there.</summary>
    public static RunResult RunGoEscapeProcess(string goroot, IReadOnlyList<string> args, TimeSpan limit)
        => GoEscapeProcessAvailable
            ? RunGoEscapeProcess(args, limit, new Dictionary<string, string?> { ["GOROOT"] = goroot })
            : RunGoEscape(WithGoRoot(args, goroot), limit);

    /// <summary>args with "-goroot goroot" added (after the subcommand, when there is one).</summary>
    public static string[] WithGoRoot(IReadOnlyList<string> args, string goroot)
    {
        int at = args.Count > 0 && args[0] is "check" or "typesdump" ? 1 : 0;
        return [.. args.Take(at), "-goroot", goroot, .. args.Skip(at)];
    }

    /// <summary>Runs GOROOT/bin/go in dir (stdout and stderr concatenated) in <see cref="GoToolchain"/>'s environment;
    /// kills the process tree at the limit.</summary>
    public static RunResult RunGo(string goroot, string dir, IReadOnlyList<string> args, TimeSpan limit)
        => From(GoToolchain.Run(goroot, dir, args, limit));

    private static string GoEscapeDll => typeof(CommandLine).Assembly.Location;

    /// <summary>Whether the built goescape (goescape.dll and its runtimeconfig, next to the tests) can run as a child
    /// process.</summary>
    public static bool GoEscapeProcessAvailable =>
        !string.IsNullOrEmpty(GoEscapeDll) && File.Exists(Path.ChangeExtension(GoEscapeDll, ".runtimeconfig.json"));

    /// <summary>Runs the built goescape as a child process with a time limit, with extra environment variables
    /// (null removes one); stdout and stderr concatenated.</summary>
    public static RunResult RunGoEscapeProcess(IReadOnlyList<string> args, TimeSpan limit, IReadOnlyDictionary<string, string?>? env = null)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet)) dotnet = "dotnet";
        var psi = new ProcessStartInfo(dotnet)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(GoEscapeDll);
        foreach (var a in args) psi.ArgumentList.Add(a);
        if (env != null)
            foreach (var (k, v) in env)
            {
                if (v == null) psi.Environment.Remove(k);
                else psi.Environment[k] = v;
            }
        return RunProcess(psi, limit);
    }

    /// <summary>Starts the process (output redirected), waits up to the limit (then kills the process tree and
    /// reports a timeout), and returns its exit code with stdout and stderr concatenated.</summary>
    public static RunResult RunProcess(ProcessStartInfo psi, TimeSpan limit) => From(GoToolchain.RunProcess(psi, limit));

    private static RunResult From(GoRun r) => r.TimedOut
        ? new RunResult(-1, "", r.Elapsed, true, null)
        : new RunResult(r.ExitCode, r.Output, r.Elapsed, false, null);

    /// <summary>True if the output shows an internal failure rather than a diagnostic: a .NET stack trace, an
    /// unhandled exception, or goescape's "internal error" report.</summary>
    public static bool LooksLikeCrash(string output) =>
        output.Contains("internal error", StringComparison.Ordinal)
        || output.Contains("   at ", StringComparison.Ordinal)
        || output.Contains("Exception:", StringComparison.Ordinal)
        || output.Contains("panic:", StringComparison.Ordinal)
        || output.Contains("goroutine ", StringComparison.Ordinal);

    /// <summary>A checked-in list of cases known to differ from gc: one case per line, "name kind reason...";
    /// '#' starts a comment. The kind says how the case differs (e.g. first, full, output).</summary>
    public static Dictionary<string, (string Kind, string Reason)> ReadKnownFailing(string path)
    {
        var d = new Dictionary<string, (string, string)>(StringComparer.Ordinal);
        if (!File.Exists(path)) return d;
        foreach (var raw in File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line.StartsWith('#')) continue;
            var parts = line.Split((char[]?)null, 3, StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length < 3) throw new FormatException($"{path}: want \"name kind reason\": {raw}");
            if (!d.TryAdd(parts[0], (parts[1], parts[2]))) throw new FormatException($"{path}: duplicate entry {parts[0]}");
        }
        return d;
    }
}
