using System.Diagnostics;
using System.Globalization;

namespace GoEscape.Fuzz;

/// <summary>
/// The CI smoke run, in-process and with no native tool: for each target, an evenly spaced sample of the seed
/// candidates, then deterministic mutations of them (<see cref="Mutator"/>), each input on the 1 GiB-stack worker
/// with a time limit; then a memory check (one input run many times must not grow the managed heap). Every crash or
/// hang is saved as a file under the crash directory. Before each execution the input is written to
/// DIR/.current-TARGET.go, so that when the process dies (a stack overflow cannot be caught) the input that killed it
/// is there. Exit status 0: no finding; 1: findings; 2: setup error.
/// </summary>
public static class Smoke
{
    public sealed record Options
    {
        public string[] Targets { get; init; } = FuzzTarget.Names;
        public int Seeds { get; init; } = 150;
        public int Mutations { get; init; } = 1500;
        public int Seed { get; init; } = 1;
        public int MaxSize { get; init; } = 4096;
        public TimeSpan Timeout { get; init; } = TimeSpan.FromSeconds(30);
        public string CrashDir { get; init; } = Path.Combine(Path.GetTempPath(), "goescape-fuzz-crashes");
        /// <summary>Directories whose .go files are added to the seeds of every target (the committed crash
        /// reproducers: every crash ever found stays in the smoke).</summary>
        public List<string> Extra { get; init; } = [];
        /// <summary>Executions of one input for the memory check, and the heap growth allowed over them (measured: 0.0 MiB
        /// for 200 runs of the pipeline; 29 MiB when the input's functions are left in the export table).</summary>
        public int MemoryRuns { get; init; } = 200;
        public long MemoryGrowthLimit { get; init; } = 8L << 20;
    }

    public static int Run(string[] args, TextWriter log)
    {
        var o = new Options();
        for (int i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            o = args[i] switch
            {
                "--targets" => o with { Targets = Next().Split(',') },
                "--seeds" => o with { Seeds = Int() },
                "--mutations" => o with { Mutations = Int() },
                "--seed" => o with { Seed = Int() },
                "--max-size" => o with { MaxSize = Int() },
                "--timeout" => o with { Timeout = TimeSpan.FromSeconds(Int()) },
                "--crashes" => o with { CrashDir = Next() },
                "--memory-runs" => o with { MemoryRuns = Int() },
                "--extra" => o with { Extra = [.. o.Extra, Next()] },
                _ => throw new ArgumentException($"smoke: unknown option {args[i]}"),
            };
        }
        var findings = Run(o, log);
        return findings.Count == 0 ? 0 : 1;
    }

    /// <summary>Runs the smoke; returns the findings (each also saved under the crash directory).</summary>
    public static List<Finding> Run(Options o, TextWriter log)
    {
        var goroot = Loader.GoRootLocator.Find(Environment.GetEnvironmentVariable("GOESCAPE_GOROOT"), null, out _)
                     ?? throw new InvalidOperationException(StdWorld.NotFoundMessage);
        var candidates = Corpus.Candidates(goroot.Dir, o.MaxSize);
        if (candidates.Count == 0) throw new InvalidOperationException($"{StdWorld.NotFoundMessage} (no seed files under {goroot.Dir})");
        var seedFiles = Corpus.Sample(candidates, o.Seeds);
        foreach (var dir in o.Extra)
        {
            if (!Directory.Exists(dir)) throw new ArgumentException($"smoke: --extra {dir}: no such directory");
            var extra = Directory.GetFiles(dir, "*.go");
            System.Array.Sort(extra, StringComparer.Ordinal);
            seedFiles.AddRange(extra);
        }
        var seeds = seedFiles.Select(System.IO.File.ReadAllBytes).ToList();
        var dict = Corpus.LoadDictionary(Corpus.DictionaryPath);
        Directory.CreateDirectory(o.CrashDir);
        var findings = new List<Finding>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        long total = 0;
        var totalTime = Stopwatch.StartNew();
        using var runner = new Runner();
        foreach (var name in o.Targets)
        {
            var target = FuzzTarget.Create(name);
            if (target.NeedsStd)
            {
                var lw = Stopwatch.StartNew();
                runner.Invoke(StdWorld.Get);
                if (lw.Elapsed.TotalSeconds > 1) log.WriteLine($"fuzz smoke: std world loaded in {lw.Elapsed.TotalSeconds:F1}s");
            }
            var current = Path.Combine(o.CrashDir, $".current-{name}.go");
            var mutator = new Mutator(o.Seed, dict);
            var rng = new Random(o.Seed);
            long execs = 0, crashes = 0;
            var sw = Stopwatch.StartNew();
            bool Exec(byte[] input)
            {
                System.IO.File.WriteAllBytes(current, input);
                execs++;
                var (outcome, _, error) = runner.Run(() => target.Run(input), o.Timeout);
                if (outcome == Outcome.Ok) return true;
                crashes++;
                var sig = error != null ? Finding.SignatureOf(error) : $"hang over {o.Timeout.TotalSeconds}s";
                if (seen.Add(name + " " + sig))
                {
                    var f = Finding.Save(o.CrashDir, name, outcome, input, sig, error?.ToString() ?? sig);
                    findings.Add(f);
                    log.WriteLine($"fuzz smoke: {name}: {outcome}: {sig}\n  input: {f.File}");
                }
                return outcome != Outcome.Hang;
            }
            bool alive = true;
            foreach (var s in seeds)
                if (!(alive = Exec(s))) break;
            for (int m = 0; alive && m < o.Mutations; m++)
            {
                var a = seeds[rng.Next(seeds.Count)];
                var b = seeds[rng.Next(seeds.Count)];
                alive = Exec(mutator.Mutate(a, b));
            }
            if (alive && target.NeedsStd && o.MemoryRuns > 0)
            {
                var growth = MemoryGrowth(runner, target, seeds, o, out var probe);
                execs += o.MemoryRuns;
                log.WriteLine($"fuzz smoke: {name}: memory: {growth / 1024.0 / 1024.0:F1} MiB heap growth over {o.MemoryRuns} runs of seed {probe}");
                if (growth > o.MemoryGrowthLimit)
                {
                    var sig = $"managed heap grew {growth >> 20} MiB over {o.MemoryRuns} runs of one input";
                    var f = Finding.Save(o.CrashDir, name, Outcome.Crash, seeds[probe], sig, sig);
                    findings.Add(f);
                    log.WriteLine($"fuzz smoke: {name}: {sig}\n  input: {f.File}");
                }
            }
            System.IO.File.Delete(current);
            total += execs;
            log.WriteLine($"fuzz smoke: {name}: {execs} execs in {sw.Elapsed.TotalSeconds:F1}s ({Program.Rate(execs, sw.Elapsed)}/s), {crashes} crashing inputs");
            if (runner.Broken) { log.WriteLine("fuzz smoke: stopped after a hang"); break; }
        }
        log.WriteLine($"fuzz smoke: {total} execs in {totalTime.Elapsed.TotalSeconds:F1}s, {findings.Count} distinct findings in {o.CrashDir}");
        return findings;
    }

    /// <summary>Heap growth (bytes) over <see cref="Options.MemoryRuns"/> runs of the largest seed that type-checks
    /// cleanly (so the pipeline lowers and analyzes it), measured after full collections, the first tenth of the
    /// runs being warm-up.</summary>
    private static long MemoryGrowth(Runner runner, FuzzTarget target, List<byte[]> seeds, Options o, out int probe)
    {
        probe = -1;
        var check = new CheckTarget();
        for (int i = 0; i < seeds.Count; i++)
        {
            if (probe >= 0 && seeds[i].Length <= seeds[probe].Length) continue;
            var candidate = seeds[i];
            var (outcome, output, _) = runner.Run(() => check.Run(candidate), o.Timeout);
            if (outcome == Outcome.Ok && output == "") probe = i;
        }
        if (probe < 0) probe = 0;
        var input = seeds[probe];
        long before = 0;
        int warm = Math.Max(1, o.MemoryRuns / 10);
        for (int r = 0; r < o.MemoryRuns; r++)
        {
            if (r == warm) before = Heap();
            runner.Run(() => target.Run(input), o.Timeout);
        }
        return Heap() - before;
    }

    private static long Heap()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
        return GC.GetTotalMemory(forceFullCollection: true);
    }
}
