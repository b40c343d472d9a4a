using System.Runtime.CompilerServices;
using GoEscape.Harness;
using GoEscape.Syntax;

namespace GoEscape.Tests.Syntax;

/// <summary>Locates Go (the oracle) and the syntax test fixtures; runs the go tool.</summary>
internal static class SyntaxTestEnv
{
    /// <summary>GOROOT of Go 1.27; skips the calling test when Go is absent (<see cref="Oracle.GoRoot"/>).</summary>
    public static string GoRoot => Oracle.GoRoot();

    public static string TestDataDir => Path.Combine(ThisDir(), "..", "testdata", "syntax");

    private static string ThisDir([CallerFilePath] string path = "") => Path.GetDirectoryName(path)!;

    /// <summary>Runs GOROOT/bin/go with the given arguments in dir (<see cref="GoToolchain"/>); returns (exit code, stdout, stderr).</summary>
    public static (int code, string stdout, string stderr) RunGo(string goroot, string dir, params string[] args)
    {
        var r = GoToolchain.Run(goroot, dir, args);
        return (r.ExitCode, r.Stdout, r.Stderr);
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
