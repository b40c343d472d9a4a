using System.Diagnostics;
using System.Text.RegularExpressions;

namespace GoEscape.Harness;

/// <summary>
/// goescape-harness realmods [--flags "-m -l"] [--dump DIR] [CORPUS]: the module differential
/// (<c>differential --module</c>) over every module directory under CORPUS (a directory whose subdirectories hold a
/// go.mod; default ~/.cache/goescape/realmods/src, built as docs/real-modules.md describes), one line per module
/// (gc lines, ours, matched, recall, precision, gc wall, goescape wall) and the totals. A module where goescape exits
/// other than 0 or go build fails is a failure line (and the exit status is 1), never a silent zero.
/// </summary>
public static class RealMods
{
    public static int Run(string goroot, List<string> args)
    {
        string flags = "-m -l";
        string? dump = null;
        string corpus = Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache", "goescape", "realmods", "src");
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i] == "--flags") flags = args[++i];
            else if (args[i] == "--dump") dump = args[++i];
            else corpus = args[i];
        }
        corpus = Path.GetFullPath(corpus);
        var dirs = Directory.Exists(corpus)
            ? Directory.GetDirectories(corpus).Where(d => File.Exists(Path.Combine(d, "go.mod"))).Order(StringComparer.Ordinal).ToList()
            : [];
        if (dirs.Count == 0)
        {
            Console.Error.WriteLine($"realmods: no module directories (with a go.mod) under {corpus}");
            return 2;
        }
        Console.WriteLine($"realmods: {dirs.Count} modules under {corpus}, flags '{flags}', GOMODCACHE={Environment.GetEnvironmentVariable("GOMODCACHE") ?? "(go's default)"}");
        Console.WriteLine($"{"module",-44} {"gc",7} {"ours",7} {"matched",7} {"recall",8} {"precision",9} {"gc wall",8} {"ours wall",9}");
        long tw = 0, tg = 0, tm = 0;
        double tgc = 0, tours = 0;
        int failed = 0;
        var cliFlags = flags.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        foreach (var dir in dirs)
        {
            string name = ModuleName(dir);
            var sw = Stopwatch.StartNew();
            var (gcOut, run) = Differential.ModuleGcRun(goroot, dir, flags);
            double gcWall = sw.Elapsed.TotalSeconds;
            if (run.ExitCode != 0)
            {
                failed++;
                Console.WriteLine($"{name,-44} FAILED: go build exited {run.ExitCode}: {FirstLines(gcOut)}");
                continue;
            }
            sw.Restart();
            var ours = new StringWriter();
            int rc = GoEscape.Cli.CommandLine.Run(["-C", dir, .. cliFlags, "./..."], ours, ours);
            double ourWall = sw.Elapsed.TotalSeconds;
            if (rc != 0)
            {
                failed++;
                var why = ours.ToString().Split('\n').Where(l => l.StartsWith("goescape:", StringComparison.Ordinal) || l.Contains(": ", StringComparison.Ordinal) && !l.Contains("escape", StringComparison.Ordinal)).Take(3);
                Console.WriteLine($"{name,-44} FAILED: goescape exited {rc}" + (rc == 3 ? " (internal error)" : "") + ": " + string.Join(" | ", why));
                continue;
            }
            var gcLines = Differential.Lines(gcOut);
            var ourLines = Differential.Lines(ours.ToString());
            var want = Differential.Count(gcLines);
            var got = Differential.Count(ourLines);
            long nm = want.Sum(p => (long)Math.Min(p.Value, got.GetValueOrDefault(p.Key)));
            tw += gcLines.Count; tg += ourLines.Count; tm += nm; tgc += gcWall; tours += ourWall;
            Console.WriteLine($"{name,-44} {gcLines.Count,7} {ourLines.Count,7} {nm,7} {Differential.Pct(nm, gcLines.Count),8} {Differential.Pct(nm, ourLines.Count),9} {gcWall,7:F1}s {ourWall,8:F1}s");
            if (dump != null && nm != gcLines.Count || dump != null && nm != ourLines.Count)
                Differential.Dump(gcLines, ourLines, Path.Combine(dump!, Path.GetFileName(dir)));
        }
        Console.WriteLine($"{"total",-44} {tw,7} {tg,7} {tm,7} {Differential.Pct(tm, tw),8} {Differential.Pct(tm, tg),9} {tgc,7:F1}s {tours,8:F1}s");
        if (failed > 0) Console.WriteLine($"realmods: {failed} of {dirs.Count} modules failed");
        return failed > 0 ? 1 : 0;
    }

    private static readonly Regex ModuleLine = new(@"^module\s+""?([^""\s]+)", RegexOptions.Multiline);

    /// <summary>MODULE@VERSION: the go.mod's module path and the version after the directory name's last '@' (the
    /// corpus names its directories PATH_WITH_UNDERSCORES@VERSION).</summary>
    private static string ModuleName(string dir)
    {
        var m = ModuleLine.Match(File.ReadAllText(Path.Combine(dir, "go.mod")));
        string path = m.Success ? m.Groups[1].Value : Path.GetFileName(dir);
        string baseName = Path.GetFileName(dir);
        int at = baseName.LastIndexOf('@');
        return at >= 0 ? path + baseName[at..] : path;
    }

    private static string FirstLines(string s) => string.Join(" | ", s.Split('\n').Where(l => l.Length > 0 && !l.StartsWith('#')).Take(3));
}
