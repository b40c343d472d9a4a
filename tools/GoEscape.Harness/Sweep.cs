using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using System.Text.Json;

namespace GoEscape.Harness;

/// <summary>
/// goescape-harness sweep [--mode check|m-l|m2-l|m|all|A,B] [--sample N] [--timeout S] [-j N] [--mem-mb N] [--known FILE]
///                        [--out DIR] [--gc-cache FILE] [--max-wall S] [--list] [-v] [ROOTS]
///
/// Runs GoEscape over every .go file of $GOROOT/test (outside *.dir), every package of $GOROOT/src (std and cmd) and
/// the testdata trees of $GOROOT/src, in each mode, on batch workers (<see cref="SweepWorker"/>), and compares each
/// verdict with gc's (<see cref="GcVerdicts"/>). Prints per mode the inputs run, exit-3, exit-2, hang, memory and
/// crash counts and the disagreements with gc, one line each, sorted. ROOTS narrows the inputs: "test", "src",
/// "testdata", or a prefix of the names ("test/fixedbugs/", "src/internal/types/testdata/", "cmd/compile").
/// With --known FILE (the ratchet), exits 1 on any exit 3, hang or crash, on any disagreement not in FILE, and on
/// any line of FILE that no longer disagrees; without it, on any problem at all.
/// </summary>
public static class Sweep
{
    /// <summary>The modes and the goescape flags of each.</summary>
    public static readonly (string Name, string[] Flags)[] Modes =
    [
        ("check", ["check"]),
        ("m-l", ["-m", "-l"]),
        ("m2-l", ["-m=2", "-l"]),
        ("m", ["-m"]),
    ];

    public static int Run(string goroot, List<string> args, TextWriter? output = null, TextWriter? progress = null)
    {
        var stdout = output ?? Console.Out;
        var stderr = progress ?? Console.Error;
        var modes = new List<string>();
        int? sample = null;
        double timeout = 120;
        int jobs = 2;
        long memMb = 6144;
        string? known = null;
        string outDir = Path.Combine(RepoRoot(), ".build", "sweep");
        string? gcCache = null;
        var roots = new List<string>();
        bool verbose = false, list = false;
        double? maxWall = null;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--mode":
                    foreach (var m in args[++i].Split(',', StringSplitOptions.RemoveEmptyEntries))
                    {
                        if (m == "all") modes.AddRange(Modes.Select(x => x.Name));
                        else if (Modes.Any(x => x.Name == m)) modes.Add(m);
                        else { stderr.WriteLine($"sweep: unknown mode {m} (check, m-l, m2-l, m, all)"); return 2; }
                    }
                    break;
                case "--sample": sample = int.Parse(args[++i]); break;
                case "--timeout": timeout = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "-j": jobs = int.Parse(args[++i]); break;
                case "--mem-mb": memMb = long.Parse(args[++i]); break;
                case "--known": known = args[++i]; break;
                case "--out": outDir = args[++i]; break;
                case "--gc-cache": gcCache = args[++i]; break;
                case "-v": verbose = true; break;
                case "--list": list = true; break;
                case "--max-wall": maxWall = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                default:
                    if (args[i].StartsWith('-')) { stderr.WriteLine($"sweep: unknown flag {args[i]}"); return 2; }
                    roots.Add(args[i]);
                    break;
            }
        }
        if (modes.Count == 0) modes.Add("check");
        modes = modes.Distinct().OrderBy(m => Array.FindIndex(Modes, x => x.Name == m)).ToList();

        var sw = Stopwatch.StartNew();
        var items = Select(goroot, roots, sample);
        if (list)
        {
            foreach (var it in items) stdout.WriteLine($"{it.Name}\t{it.Kind}\t{it.Action}");
            return 0;
        }
        stderr.WriteLine($"sweep: {items.Count} inputs ({Count(items, SweepKind.Test)} test files, {Count(items, SweepKind.Src)} src packages, " +
                                $"{Count(items, SweepKind.Testdata)} testdata packages or files); modes {string.Join(", ", modes)}");

        // gc's verdicts (cached by content hash)
        var gc = new GcVerdicts(goroot, gcCache ?? Path.Combine(outDir, "gc-verdicts.tsv"));
        var verdicts = new GcVerdict[items.Count];
        int cachedBefore = gc.Cached;
        Parallel.For(0, items.Count, new ParallelOptions { MaxDegreeOfParallelism = jobs }, i => verdicts[i] = gc.Get(items[i]));
        stderr.WriteLine($"sweep: gc's verdicts in {sw.Elapsed.TotalSeconds:F0}s ({gc.Cached - cachedBefore} new)");

        // our runs: every applicable (input, mode); the packages of src (the largest inputs) last
        var work = new List<(int Item, string Mode)>();
        foreach (var m in modes)
            for (int i = 0; i < items.Count; i++)
                if (verdicts[i].Verdict != Verdict.NotApplicable) work.Add((i, m));
        var order = work.OrderBy(w => items[w.Item].Kind == SweepKind.Src ? 1 : 0).ToList();
        var results = new ConcurrentDictionary<(int, string), SweepResult>();
        var pool = new WorkerPool(goroot, timeout, memMb);
        int done = 0, unstarted = 0;
        var queue = new ConcurrentQueue<(int Item, string Mode)>(order);
        var threads = Enumerable.Range(0, Math.Max(1, jobs)).Select(_ => new Thread(() =>
        {
            using var w = pool.Start();
            while (queue.TryDequeue(out var job))
            {
                if (maxWall is double mw && sw.Elapsed.TotalSeconds > mw) { Interlocked.Increment(ref unstarted); continue; }
                var it = items[job.Item];
                var flags = Modes.First(x => x.Name == job.Mode).Flags;
                string[] a = flags[0] == "check"
                    ? ["check", "-goroot", goroot, "-threads", "1", it.Pattern]
                    : [.. flags, "-goroot", goroot, "-threads", "1", it.Pattern];
                // a package of src checks and lowers up to a few hundred packages on a fresh worker: five times the limit
                double? limit = it.Kind == SweepKind.Src ? 5 * timeout : null;
                var r = w.Run(new SweepJob(job.Item, it.Dir, a, limit));
                // over the limit with the worker's kept std packages: judged again on a fresh worker
                if (r.Memory) r = w.Run(new SweepJob(job.Item, it.Dir, a, limit));
                results[job] = r;
                int n = Interlocked.Increment(ref done);
                if (verbose) stderr.WriteLine($"sweep: [{n}/{order.Count}] {job.Mode} {it.Name}: exit {r.ExitCode}{(r.Hang ? " (hang)" : r.Crash ? " (crash)" : r.Memory ? " (memory)" : "")} {r.Ms} ms");
                else if (n % 100 == 0) stderr.WriteLine($"sweep: {n}/{order.Count} runs, {sw.Elapsed.TotalSeconds:F0}s");
            }
        }, 16 << 20)).ToList();
        foreach (var t in threads) t.Start();
        foreach (var t in threads) t.Join();

        // the report
        var outcomes = new List<Outcome>();
        foreach (var ((item, mode), r) in results)
            outcomes.Add(Judge(items[item], mode, verdicts[item], r));
        outcomes.Sort((a, b) =>
        {
            int c = Array.FindIndex(Modes, x => x.Name == a.Mode).CompareTo(Array.FindIndex(Modes, x => x.Name == b.Mode));
            return c != 0 ? c : string.CompareOrdinal(a.Item.Name, b.Item.Name);
        });
        Directory.CreateDirectory(outDir);
        var report = new StringBuilder();
        var problems = new List<string>();
        foreach (var m in modes)
        {
            var os = outcomes.Where(o => o.Mode == m).ToList();
            int na = verdicts.Count(v => v.Verdict == Verdict.NotApplicable && !v.FirstError.StartsWith("gc did not", StringComparison.Ordinal));
            int gcHang = verdicts.Count(v => v.Verdict == Verdict.NotApplicable && v.FirstError.StartsWith("gc did not", StringComparison.Ordinal));
            report.AppendLine($"mode {m}: {os.Count} run ({os.Count(o => o.Item.Kind == SweepKind.Test)} test files, " +
                              $"{os.Count(o => o.Item.Kind == SweepKind.Src)} src packages, {os.Count(o => o.Item.Kind == SweepKind.Testdata)} testdata), " +
                              $"{na} not applicable (build constraints), {gcHang} where gc did not finish in {GcVerdicts.Timeout.TotalSeconds:F0}s; " +
                              $"agree {os.Count(o => o.Class == "agree")}, exit 3: {os.Count(o => o.Class == "exit3")}, " +
                              $"exit 2: {os.Count(o => o.Class == "exit2")}, hang: {os.Count(o => o.Class == "hang")}, " +
                              $"memory: {os.Count(o => o.Class == "memory")}, crash: {os.Count(o => o.Class == "crash")}; disagreements: " +
                              $"we accept what gc rejects {os.Count(o => o.Class == "accepts")}, we reject what gc accepts {os.Count(o => o.Class == "rejects")}, " +
                              $"first error differs {os.Count(o => o.Class == "differs")}; " +
                              $"{os.Sum(o => o.Result.Ms) / 1000.0:F0}s in jobs");
        }
        // GOROOT spelled as such: the lines (and the ratchet file) do not depend on where Go is
        foreach (var o in outcomes)
            if (o.Line != null) problems.Add(o.Line.Replace(goroot.TrimEnd('/') + "/", "$GOROOT/", StringComparison.Ordinal));
        File.WriteAllLines(Path.Combine(outDir, "problems.txt"), problems);
        File.WriteAllLines(Path.Combine(outDir, "results.tsv"), outcomes.Select(o =>
            $"{o.Mode}\t{o.Item.Name}\t{o.Class}\t{o.Result.ExitCode}\t{o.Result.Ms}\t{o.Verdict.Verdict}\t{OneLine(o.Verdict.FirstError)}\t{OneLine(GcVerdicts.FirstErrorLine(o.Result.Output) ?? "")}"));
        foreach (var p in problems) stdout.WriteLine(p);
        for (int i = 0; i < items.Count; i++)
            if (verdicts[i].Verdict == Verdict.NotApplicable && verdicts[i].FirstError.StartsWith("gc did not", StringComparison.Ordinal))
                stdout.WriteLine($"not run: {items[i].Name}: {verdicts[i].FirstError}");
        stdout.Write(report);
        if (unstarted > 0) stdout.WriteLine($"sweep: {unstarted} runs not started (--max-wall {maxWall}s reached): the figures above are partial");
        stdout.WriteLine($"sweep: {sw.Elapsed.TotalSeconds:F0}s wall, {pool.Started} worker processes; full results in {Path.Combine(outDir, "results.tsv")}");

        if (known == null) return problems.Count == 0 ? 0 : 1;
        // the ratchet: only listed disagreements may remain, and each listed one (for the inputs and modes run) must remain
        var listed = File.Exists(known)
            ? File.ReadAllLines(known).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')).ToHashSet(StringComparer.Ordinal)
            : [];
        var ran = outcomes.Select(o => $"{o.Mode} {o.Item.Name}:").ToHashSet(StringComparer.Ordinal);
        var fresh = problems.Where(p => !(IsDisagreement(p) && listed.Contains(p))).ToList();
        var stale = listed.Where(l => ran.Contains(l[..(l.IndexOf(':') + 1)]) && !problems.Contains(l)).OrderBy(l => l, StringComparer.Ordinal).ToList();
        foreach (var p in fresh) stdout.WriteLine("NEW   " + p);
        foreach (var s in stale) stdout.WriteLine("FIXED " + s + "   (remove it from " + known + ")");
        stdout.WriteLine($"sweep: {fresh.Count} problems not in {Path.GetFileName(known)}, {stale.Count} listed lines that no longer disagree");
        return fresh.Count == 0 && stale.Count == 0 ? 0 : 1;
    }

    private static bool IsDisagreement(string line) => line.Contains(": ours ", StringComparison.Ordinal);

    private static int Count(List<SweepItem> items, SweepKind k) => items.Count(i => i.Kind == k);

    private static string OneLine(string s) => s.Replace('\t', ' ').Replace('\n', ' ');

    /// <summary>The inputs under the roots (all when none), the first <paramref name="sample"/> by stable hash.</summary>
    public static List<SweepItem> Select(string goroot, List<string> roots, int? sample)
    {
        bool Kind(string r) => r is "test" or "src" or "testdata";
        bool all = roots.Count == 0 || roots.Any(r => !Kind(r));
        var items = new List<SweepItem>();
        if (all || roots.Contains("test")) items.AddRange(SweepItems.TestFiles(goroot));
        if (all || roots.Contains("src")) items.AddRange(SweepItems.SrcPackages(goroot));
        if (all || roots.Contains("testdata")) items.AddRange(SweepItems.TestdataItems(goroot));
        if (roots.Count > 0)
            items = items.Where(i => roots.Any(r => r == i.Kind.ToString().ToLowerInvariant() || !Kind(r) && i.Name.StartsWith(r, StringComparison.Ordinal))).ToList();
        if (sample is int n && n < items.Count)
            items = items.OrderBy(i => i.SampleKey).ThenBy(i => i.Name, StringComparer.Ordinal).Take(n)
                .OrderBy(i => i.Kind).ThenBy(i => i.Name, StringComparer.Ordinal).ToList();
        return items;
    }

    /// <summary>How one run compares with gc: its class and, for a problem, the line that reports it.</summary>
    private sealed record Outcome(SweepItem Item, string Mode, GcVerdict Verdict, SweepResult Result, string Class, string? Line);

    private static Outcome Judge(SweepItem item, string mode, GcVerdict gc, SweepResult r)
    {
        string head = $"{mode} {item.Name}:";
        string gcText = gc.Verdict == Verdict.Accept ? "gc accepts" : "gc rejects: " + gc.FirstError;
        string Brief(string s) => OneLine(s.Length > 300 ? s[..300] + "..." : s);
        if (r.Crash) return new(item, mode, gc, r, "crash", $"{head} crash (worker died): {Brief(CrashText(r.Output))}");
        if (r.Hang) return new(item, mode, gc, r, "hang", $"{head} hang (over the CPU-time limit; {r.Ms / 1000}s wall)");
        if (r.Memory) return new(item, mode, gc, r, "memory", $"{head} over the memory limit after {r.Ms / 1000}s");
        if (HasStackTrace(r.Output)) return new(item, mode, gc, r, "crash", $"{head} stack trace in the output (exit {r.ExitCode}): {Brief(CrashText(r.Output))}");
        var ours = GcVerdicts.FirstErrorLine(r.Output);
        switch (r.ExitCode)
        {
            case 3: return new(item, mode, gc, r, "exit3", $"{head} exit 3: {Brief(InternalErrorLine(r.Output))}");
            case 2: return new(item, mode, gc, r, "exit2", $"{head} exit 2: {Brief(ours ?? "")}");
            case 0:
                return gc.Verdict == Verdict.Accept
                    ? new(item, mode, gc, r, "agree", null)
                    : new(item, mode, gc, r, "accepts", $"{head} ours accept, {Brief(gcText)}");
            case 1:
                if (gc.Verdict == Verdict.Accept)
                    return new(item, mode, gc, r, "rejects", $"{head} ours reject: {Brief(ours ?? "(no message)")}, gc accepts");
                return ours == gc.FirstError
                    ? new(item, mode, gc, r, "agree", null)
                    : new(item, mode, gc, r, "differs", $"{head} ours reject: {Brief(ours ?? "(no message)")}, {Brief(gcText)}");
            default: return new(item, mode, gc, r, "crash", $"{head} exit {r.ExitCode}: {Brief(r.Output)}");
        }
    }

    /// <summary>A .NET stack trace ("   at Namespace.Type.Method(...)") in what the run printed.</summary>
    private static bool HasStackTrace(string output)
        => output.Contains("\n   at ", StringComparison.Ordinal) && output.Contains("GoEscape.", StringComparison.Ordinal);

    private static string InternalErrorLine(string output)
        => output.Split('\n').FirstOrDefault(l => l.Contains("internal error", StringComparison.Ordinal)) ?? GcVerdicts.FirstErrorLine(output) ?? "";

    /// <summary>The gist of a crash: the exception line and the innermost frames of ours.</summary>
    private static string CrashText(string output)
    {
        var lines = output.Split('\n').Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var first = lines.FirstOrDefault(l => l.Contains("overflow", StringComparison.OrdinalIgnoreCase) || l.Contains("Exception", StringComparison.Ordinal)) ?? lines.FirstOrDefault() ?? "";
        var frame = lines.FirstOrDefault(l => l.StartsWith("at GoEscape.", StringComparison.Ordinal));
        return frame != null ? $"{first} {frame}" : first;
    }

    /// <summary>The repository root (the harness runs from .build/harness or from the test output).</summary>
    public static string RepoRoot()
    {
        for (var d = new DirectoryInfo(AppContext.BaseDirectory); d != null; d = d.Parent)
            if (File.Exists(Path.Combine(d.FullName, "GoEscape.sln"))) return d.FullName;
        return Directory.GetCurrentDirectory();
    }

    /// <summary>Starts worker processes: this harness with the hidden sweep-worker command.</summary>
    private sealed class WorkerPool(string goroot, double timeout, long memMb)
    {
        private int _started;
        public int Started => _started;

        public Worker Start() => new(this);

        public Process Spawn()
        {
            Interlocked.Increment(ref _started);
            var self = typeof(SweepWorker).Assembly.Location;
            var psi = new ProcessStartInfo("dotnet")
            {
                RedirectStandardInput = true,
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                UseShellExecute = false,
            };
            psi.ArgumentList.Add(self);
            psi.ArgumentList.Add("sweep-worker");
            psi.ArgumentList.Add("--timeout");
            psi.ArgumentList.Add(timeout.ToString(System.Globalization.CultureInfo.InvariantCulture));
            psi.ArgumentList.Add("--mem-mb");
            psi.ArgumentList.Add(memMb.ToString(System.Globalization.CultureInfo.InvariantCulture));
            psi.Environment["GOESCAPE_GOROOT"] = goroot;
            psi.Environment.Remove("GOESCAPE_DEBUG");
            return Process.Start(psi)!;
        }

        /// <summary>The parent's own limit, past the worker's (5 × the job's limit in wall time).</summary>
        public TimeSpan Backstop(SweepJob job) => TimeSpan.FromSeconds(5 * (job.TimeoutS ?? timeout) + 60);
    }

    /// <summary>One worker process, restarted when it exits (a timeout, the memory limit, or a crash).</summary>
    private sealed class Worker(WorkerPool pool) : IDisposable
    {
        private Process? _p;
        private StringBuilder _stderr = new();

        private Process Ensure()
        {
            if (_p != null && !_p.HasExited) return _p;
            _p?.Dispose();
            var p = pool.Spawn();
            var err = new StringBuilder();
            _stderr = err;
            p.ErrorDataReceived += (_, e) =>
            {
                if (e.Data == null) return;
                lock (err) if (err.Length < 64 * 1024) err.Append(e.Data).Append('\n');
            };
            p.BeginErrorReadLine();
            _p = p;
            return p;
        }

        public SweepResult Run(SweepJob job)
        {
            var p = Ensure();
            var err = _stderr;
            lock (err) err.Clear();
            var sw = Stopwatch.StartNew();
            try
            {
                p.StandardInput.WriteLine(JsonSerializer.Serialize(job));
                p.StandardInput.Flush();
            }
            catch (IOException) { }
            var read = p.StandardOutput.ReadLineAsync();
            if (!read.Wait(pool.Backstop(job)))
            {
                Kill();
                return new SweepResult(job.Id, -1, "", sw.ElapsedMilliseconds, Hang: true);
            }
            var line = read.Result;
            if (line == null)
            {
                p.WaitForExit(5000);
                Thread.Sleep(100); // the last stderr lines
                int code = p.HasExited ? p.ExitCode : -1;
                string text;
                lock (err) text = err.ToString();
                Kill();
                return new SweepResult(job.Id, -1, $"exit {code}\n{text}", sw.ElapsedMilliseconds, Crash: true);
            }
            var r = JsonSerializer.Deserialize<SweepResult>(line)!;
            if (r.Hang || r.Memory) Kill(); // the worker exits after such a job
            return r;
        }

        private void Kill()
        {
            if (_p == null) return;
            try { if (!_p.HasExited) _p.Kill(entireProcessTree: true); } catch (InvalidOperationException) { }
            _p.WaitForExit(5000);
            _p.Dispose();
            _p = null;
        }

        public void Dispose()
        {
            if (_p == null) return;
            try { _p.StandardInput.Close(); } catch (IOException) { }
            if (!_p.WaitForExit(10000)) Kill();
            _p?.Dispose();
            _p = null;
        }
    }
}
