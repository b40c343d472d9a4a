using System.Diagnostics;
using System.Runtime.CompilerServices;
using GoEscape.Syntax;

namespace GoEscape.Tests.Syntax;

/// <summary>Locates Go (the oracle) and the syntax test fixtures; runs the go tool.</summary>
internal static class SyntaxTestEnv
{
    /// <summary>GOROOT of Go 1.27 (env GOESCAPE_GOROOT, else /root/.cache/goescape/go1.27), or null if absent.</summary>
    public static string? GoRoot
    {
        get
        {
            var env = Environment.GetEnvironmentVariable("GOESCAPE_GOROOT");
            foreach (var c in new[] { env, "/root/.cache/goescape/go1.27" })
            {
                if (!string.IsNullOrEmpty(c) && System.IO.File.Exists(Path.Combine(c, "bin", "go"))) return c;
            }
            return null;
        }
    }

    public static string TestDataDir => Path.Combine(ThisDir(), "..", "testdata", "syntax");

    private static string ThisDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>Runs GOROOT/bin/go with the given arguments in dir; returns (exit code, stdout+stderr).</summary>
    public static (int code, string stdout, string stderr) RunGo(string goroot, string dir, params string[] args)
    {
        var psi = new ProcessStartInfo(Path.Combine(goroot, "bin", "go"))
        {
            WorkingDirectory = dir,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var a in args) psi.ArgumentList.Add(a);
        psi.Environment["CGO_ENABLED"] = "0";
        psi.Environment["GOTOOLCHAIN"] = "local";
        psi.Environment["GOFLAGS"] = "-mod=mod";
        psi.Environment["GOROOT"] = goroot;
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("GOCACHE")))
            psi.Environment["GOCACHE"] = Path.Combine(Path.GetTempPath(), "goescape-gocache");
        using var p = Process.Start(psi)!;
        var stdoutTask = p.StandardOutput.ReadToEndAsync();
        var stderr = p.StandardError.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, stdoutTask.Result, stderr);
    }

    /// <summary>All .go files under dir (sorted), optionally skipping testdata directories.</summary>
    public static List<string> GoFiles(string dir, bool skipTestdata)
    {
        var result = new List<string>();
        var stack = new Stack<string>();
        stack.Push(dir);
        while (stack.Count > 0)
        {
            var d = stack.Pop();
            foreach (var sub in Directory.GetDirectories(d))
            {
                if (skipTestdata && Path.GetFileName(sub) == "testdata") continue;
                stack.Push(sub);
            }
            result.AddRange(Directory.GetFiles(d, "*.go"));
        }
        result.Sort(StringComparer.Ordinal);
        return result;
    }

    public static (GoEscape.Syntax.File file, ErrorSink errs) Parse(string name, string src, ParseMode mode = ParseMode.Default)
    {
        var errs = new ErrorSink();
        var f = Parser.ParseFile(name, System.Text.Encoding.UTF8.GetBytes(src), errs, mode);
        return (f, errs);
    }
}
