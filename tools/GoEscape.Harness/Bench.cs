using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace GoEscape.Harness;

/// <summary>
/// goescape-harness bench [--mode check|escape] [--runs N] [PATTERN]
/// Measures GoEscape on PATTERN (default std) next to gc's own front end on the same packages, in the same run:
///   gc:   `go build -a -gcflags=all=-bench=FILE PATTERN` (cgo off, linux/amd64); the sum over packages of
///         fe:parse (gc's parse + type-check + IR construction) for --mode check, of every fe:* phase for escape.
///   ours: a cold process (`goescape check PATTERN` / `goescape -m -l PATTERN` with -stats) and warm in-process runs.
/// Prints wall and CPU time, peak memory, and the ratios.
/// </summary>
public static class Bench
{
    private static readonly Regex Line = new(@"^BenchmarkCompile:(\S+):fe:(\S+)\s+\d+\s+(\d+) ns/op", RegexOptions.Multiline);

    public static int Run(string goroot, List<string> args)
    {
        string mode = "check", pattern = "std";
        int runs = 3;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--mode": mode = args[++i]; break;
                case "--runs": runs = int.Parse(args[++i], CultureInfo.InvariantCulture); break;
                default: pattern = args[i]; break;
            }
        }
        string src = Path.Combine(goroot, "src");
        string[] ourArgs = mode == "check" ? ["check", "-C", src, pattern] : ["-m", "-l", "-C", src, pattern];

        // gc, measured now on this machine.
        string benchFile = Path.Combine(Path.GetTempPath(), $"goescape-fe-{Environment.ProcessId}.txt");
        File.Delete(benchFile);
        string flags = mode == "check" ? "all=-bench=" + benchFile : "all=-m -l -bench=" + benchFile;
        var gcWall = Stopwatch.StartNew();
        var r = Go.Run(goroot, src, ["build", "-a", "-gcflags=" + flags, pattern]);
        gcWall.Stop();
        if (!File.Exists(benchFile))
        {
            Console.Error.WriteLine("bench: go build did not write its -bench file:\n" + r.Output);
            return 1;
        }
        double feParse = 0, feAll = 0;
        var packages = new HashSet<string>();
        foreach (Match m in Line.Matches(File.ReadAllText(benchFile)))
        {
            double ns = double.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture);
            packages.Add(m.Groups[1].Value);
            if (m.Groups[2].Value == "subtotal") feAll += ns;
            if (m.Groups[2].Value == "parse") feParse += ns;
        }
        double gcFront = (mode == "check" ? feParse : feAll) / 1e9;
        Console.WriteLine($"gc 1.27 front end ({(mode == "check" ? "fe:parse" : "fe:subtotal")}, summed over {packages.Count} packages): {gcFront:F2}s" +
                          $" (whole `go build -a` wall {gcWall.Elapsed.TotalSeconds:F1}s)");

        // Ours, cold: a fresh process each run.
        string dll = typeof(GoEscape.Cli.CommandLine).Assembly.Location;
        var cold = new List<(double Wall, double Cpu, double PeakMb)>();
        for (int i = 0; i < runs; i++)
        {
            var psi = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true };
            psi.ArgumentList.Add(dll);
            psi.ArgumentList.Add("-stats");
            foreach (var a in ourArgs) psi.ArgumentList.Add(a);
            psi.Environment["GOROOT"] = goroot;
            var sw = Stopwatch.StartNew();
            using var p = Process.Start(psi)!;
            var stdoutTask = p.StandardOutput.ReadToEndAsync();
            string err = p.StandardError.ReadToEnd();
            p.WaitForExit();
            sw.Stop();
            _ = stdoutTask.Result;
            if (p.ExitCode is 2 or 3)
            {
                Console.Error.WriteLine($"bench: goescape exited {p.ExitCode}; nothing to time:\n" + err[^Math.Min(err.Length, 4000)..]);
                return 1;
            }
            var stats = Regex.Match(err, @"goescape-stats: wall=([\d.]+)s cpu=([\d.]+)s peak=([\d.]+)MB");
            if (!stats.Success)
            {
                Console.Error.WriteLine("bench: goescape printed no stats line:\n" + err);
                return 1;
            }
            cold.Add((sw.Elapsed.TotalSeconds, double.Parse(stats.Groups[2].Value, CultureInfo.InvariantCulture),
                      double.Parse(stats.Groups[3].Value, CultureInfo.InvariantCulture)));
        }
        var best = cold.MinBy(c => c.Wall);
        Console.WriteLine($"goescape cold ({string.Join(' ', ourArgs)}), best of {runs}: wall {best.Wall:F2}s, cpu {best.Cpu:F2}s, peak {best.PeakMb:F0} MB");

        // Ours, warm: in this process, after one untimed run.
        var devNull = TextWriter.Null;
        // a run that fails (an internal error: exit 3) is not a timing
        if (GoEscape.Cli.CommandLine.Run(ourArgs, devNull, devNull) is var warmRc and (2 or 3))
            throw new InvalidOperationException($"goescape {string.Join(' ', ourArgs)} exited {warmRc}: nothing to time");
        double warmBest = double.MaxValue, warmCpu = 0;
        for (int i = 0; i < runs; i++)
        {
            var cpu0 = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            GoEscape.Cli.CommandLine.Run(ourArgs, devNull, devNull);
            sw.Stop();
            var cpu = (Process.GetCurrentProcess().TotalProcessorTime - cpu0).TotalSeconds;
            if (sw.Elapsed.TotalSeconds < warmBest) (warmBest, warmCpu) = (sw.Elapsed.TotalSeconds, cpu);
        }
        Console.WriteLine($"goescape warm, best of {runs}: wall {warmBest:F2}s, cpu {warmCpu:F2}s");
        Console.WriteLine($"ratio gc front end / goescape: cold wall {gcFront / best.Wall:F2}x, cold cpu {gcFront / best.Cpu:F2}x, " +
                          $"warm wall {gcFront / warmBest:F2}x, warm cpu {gcFront / warmCpu:F2}x (above 1 = GoEscape faster)");
        return 0;
    }
}
