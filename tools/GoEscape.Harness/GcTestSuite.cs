using System.Diagnostics;

namespace GoEscape.Harness;

/// <summary>One `// errorcheck` file of gc's test suite that asks for -m.</summary>
public sealed record GcTest(string File, string Name, string Action, IReadOnlyList<string> Flags, string? Unsupported)
{
    public bool WantAuto => Action == "errorcheckwithauto";
}

/// <summary>Finds gc's escape/inlining tests and runs them through an analyzer with gc's errorcheck rule.</summary>
public static class GcTestSuite
{
    /// <summary>The flags GoEscape implements (issue 3: escape analysis with inlining off).</summary>
    private static readonly HashSet<string> Supported = ["-m", "-m=1", "-m=2", "-l", "-N", "-smallframes"];

    /// <summary>All errorcheck files under test/, test/fixedbugs and test/typeparam whose flags include -m.</summary>
    public static List<GcTest> Discover(string goroot, bool requireNoInline = true)
    {
        var tests = new List<GcTest>();
        string root = Path.Combine(goroot, "test");
        foreach (var dir in new[] { root, Path.Combine(root, "fixedbugs"), Path.Combine(root, "typeparam") })
        {
            foreach (var file in Directory.GetFiles(dir, "*.go").Order(StringComparer.Ordinal))
            {
                string? action = ReadAction(file);
                if (action == null) continue;
                var words = action.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                string verb = words[0];
                if (!verb.StartsWith("errorcheck", StringComparison.Ordinal)) continue;
                var flags = words.Skip(1).Where(w => w != "-0").ToList();
                if (!flags.Any(f => f == "-m" || f.StartsWith("-m=", StringComparison.Ordinal))) continue;
                bool noInline = flags.Any(f => f == "-l" || f.StartsWith("-l=", StringComparison.Ordinal));
                if (requireNoInline && !noInline) continue;
                string? why = null;
                if (verb is not ("errorcheck" or "errorcheckwithauto"))
                    why = $"{verb}: multi-file test directories are not run yet"
                        + (flags.Any(f => f.StartsWith("-l=", StringComparison.Ordinal)) ? " (and -l=N turns inlining on: \"can inline\" lines)" : "");
                else if (flags.FirstOrDefault(f => !Supported.Contains(f) && !IsSupportedDebug(f)) is { } bad)
                    why = $"needs gc flag {bad}, which GoEscape does not implement"
                        + (bad == "-live" ? " (SSA liveness: \"live at call to\", \"stack object\" lines)" : "");
                tests.Add(new GcTest(file, Path.GetRelativePath(root, file), verb, flags, why));
            }
        }
        return tests;
    }

    /// <summary>-d=key[=n],... with only keys GoEscape models.</summary>
    private static bool IsSupportedDebug(string flag)
    {
        if (!flag.StartsWith("-d=", StringComparison.Ordinal)) return false;
        foreach (var item in flag[3..].Split(',', StringSplitOptions.RemoveEmptyEntries))
            if (!GoEscape.Cli.Options.DebugKeys.Contains(item.Split('=')[0])) return false;
        return true;
    }

    /// <summary>The test recipe: the first `// ` comment line of the file (after //go:build lines).</summary>
    private static string? ReadAction(string file)
    {
        foreach (var line in File.ReadLines(file))
        {
            if (line.StartsWith("//go:build", StringComparison.Ordinal) || line.StartsWith("// +build", StringComparison.Ordinal) || line.Length == 0)
                continue;
            return line.StartsWith("// ", StringComparison.Ordinal) ? line[3..].Trim() : null;
        }
        return null;
    }

    /// <summary>Runs one test through an analyzer; returns the errorcheck failures (empty = pass).</summary>
    public static List<string> Run(GcTest t, IAnalyzer analyzer)
    {
        string dir = Path.GetDirectoryName(t.File)!;
        string shortName = Path.GetFileName(t.File);
        string output = analyzer.Compile(dir, t.Flags, shortName);
        // an internal error is a failure of the test whatever the errorcheck rule would make of its line
        var internalErrors = output.Split('\n').Where(l => l.StartsWith("goescape: internal error:", StringComparison.Ordinal)
                                                        || l.StartsWith("<crash>:", StringComparison.Ordinal)).ToList();
        var errs = ErrorCheck.Check(output, t.WantAuto, (t.File, shortName));
        if (internalErrors.Count > 0) errs.InsertRange(0, internalErrors.Select(l => $"{shortName}: {l}"));
        return errs;
    }
}

/// <summary>Something that compiles one file as package "p" with gc flags and returns its diagnostics.</summary>
public interface IAnalyzer
{
    string Name { get; }
    string Compile(string workDir, IReadOnlyList<string> flags, string file);
}

/// <summary>GoEscape itself, run in-process.</summary>
public sealed class GoEscapeAnalyzer : IAnalyzer
{
    public string Name => "goescape";

    public string Compile(string workDir, IReadOnlyList<string> flags, string file)
    {
        var sw = new StringWriter();
        var args = new List<string> { "-C", workDir, "-p", "p" };
        args.AddRange(flags);
        args.Add(file);
        try
        {
            GoEscape.Cli.CommandLine.Run([.. args], sw, sw);
        }
        catch (Exception e)
        {
            sw.WriteLine($"<crash>: {e.GetType().Name}: {e.Message}");
        }
        // `go build` prints a file of the current directory as ./x.go, `go tool compile` as given (x.go):
        // the rule compares messages, so present ours as the compiler would.
        return sw.ToString().Replace("./" + file + ":", file + ":", StringComparison.Ordinal);
    }
}

/// <summary>gc 1.27 itself (`go tool compile`), as gc's test driver runs it: the harness's self-test.</summary>
public sealed class GcAnalyzer(string goroot) : IAnalyzer
{
    private string? _importcfg;
    public string Name => "gc";

    public string Compile(string workDir, IReadOnlyList<string> flags, string file)
    {
        _importcfg ??= MakeImportcfg();
        string obj = Path.Combine(Path.GetTempPath(), $"goescape-harness-{Environment.ProcessId}.o");
        var args = new List<string> { "tool", "compile", "-p=p", "-d=panic", "-C", "-e", "-importcfg=" + _importcfg, "-o", obj };
        args.AddRange(flags);
        args.Add(file);
        return Go.Run(goroot, workDir, args).Output;
    }

    private string MakeImportcfg()
    {
        var r = Go.Run(goroot, Path.Combine(goroot, "src"),
            ["list", "-export", "-f", "{{if .Export}}packagefile {{.ImportPath}}={{.Export}}{{end}}", "std"]);
        if (r.ExitCode != 0) throw new InvalidOperationException("go list -export std failed:\n" + r.Output);
        string path = Path.Combine(Path.GetTempPath(), $"goescape-importcfg-{Environment.ProcessId}.txt");
        File.WriteAllText(path, r.Output);
        return path;
    }
}

/// <summary>The harnesses' short names for <see cref="GoToolchain"/> (the one locator and launcher of the go command).</summary>
public static class Go
{
    /// <summary>Runs the go command of goroot (GoToolchain's environment) in workDir; Output is stdout then stderr.</summary>
    public static (int ExitCode, string Output) Run(string goroot, string workDir, IEnumerable<string> args)
    {
        var r = GoToolchain.Run(goroot, workDir, args);
        return (r.ExitCode, r.Output);
    }

    /// <summary>The oracle's GOROOT (<see cref="GoToolchain.GoRoot"/>), or null when absent.</summary>
    public static string? FindOracle() => GoToolchain.GoRoot;
}
