using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace GoEscape.Fuzz;

/// <summary>
/// GoEscape's fuzzer (docs/fuzzing.md). Commands:
///   smoke [--targets T,..] [--seeds N] [--mutations N] [--seed S] [--timeout SEC] [--crashes DIR]
///       in-process, no native tools: each target over a sample of seeds plus deterministic mutations, and a memory
///       check; exit 1 on any crash or hang, 2 on a usage or setup error (Go absent).
///   afl TARGET          the SharpFuzz AFL persistent loop (run under afl-fuzz with instrumented assemblies).
///   repro TARGET FILE.. runs files once each, prints their diagnostics or the crash with its stack.
///   seed DIR [--max-size B] [--target T] [--findings DIR]  writes the candidate seed files (for afl-cmin) into DIR,
///       leaving out (and saving as findings) those that crash or hang target T.
///   tmin TARGET FILE OUT     shrinks a crashing input (same crash signature) by deleting lines, then bytes.
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            if (args.Length == 0) return Usage();
            var rest = args[1..];
            return args[0] switch
            {
                "smoke" => Smoke.Run(rest, Console.Out),
                "afl" when rest.Length == 1 => Afl(rest[0]),
                "repro" when rest.Length >= 2 => Repro(rest[0], rest[1..]),
                "seed" when rest.Length >= 1 => Seed(rest),
                "tmin" when rest.Length == 3 => Tmin(rest[0], rest[1], rest[2]),
                _ => Usage(),
            };
        }
        catch (InvalidOperationException e) when (e.Message.StartsWith(StdWorld.NotFoundMessage, StringComparison.Ordinal))
        {
            Console.Error.WriteLine("fuzz: " + e.Message);
            return 2;
        }
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: GoEscape.Fuzz smoke [--targets parse,check,pipeline] [--seeds N] [--mutations N] [--seed S] [--timeout SEC] [--crashes DIR]\n" +
                                "       GoEscape.Fuzz afl TARGET | repro TARGET FILE... | seed DIR [--max-size B] | tmin TARGET FILE OUT\n" +
                                "targets: " + string.Join(", ", FuzzTarget.Names));
        return 2;
    }

    /// <summary>
    /// The AFL persistent loop: std is loaded once, then SharpFuzz's Fuzzer.Run reads each input afl-fuzz writes and
    /// reports an exception that escapes the target as a crash (a stack overflow kills the process: afl-fuzz sees a
    /// crash). Inputs run on the 1 GiB-stack worker. A hang cannot be left to afl-fuzz: SharpFuzz's fork server is
    /// the process itself, so afl-fuzz's kill on timeout ends the campaign with nothing saved. So a watchdog
    /// (GOESCAPE_FUZZ_HANG_MS, default 10000, below afl-fuzz's -t) saves the input to GOESCAPE_FUZZ_HANGS (default
    /// ./hangs) as TARGET-hang-HASH.go and ends the process; tools/fuzz then resumes the campaign. Each input is
    /// first written to .current-TARGET.go there: when the process dies otherwise (a stack overflow), tools/fuzz
    /// saves that file as TARGET-died-HASH.go.
    /// </summary>
    private static int Afl(string targetName)
    {
        var target = FuzzTarget.Create(targetName);
        var limit = TimeSpan.FromMilliseconds(int.TryParse(Environment.GetEnvironmentVariable("GOESCAPE_FUZZ_HANG_MS"), out var ms) ? ms : 10000);
        var hangs = Environment.GetEnvironmentVariable("GOESCAPE_FUZZ_HANGS") is { Length: > 0 } h ? h : "hangs";
        Directory.CreateDirectory(hangs);
        var current = Path.Combine(hangs, $".current-{targetName}.go");
        using var runner = new Runner();
        if (target.NeedsStd)
        {
            // The instrumented assemblies write coverage to SharpFuzz's trace map, which Fuzzer.Run points at
            // afl-fuzz's shared memory; code run before it (loading std) needs a scratch map.
            ScratchTraceMap();
            runner.Invoke(StdWorld.Get);
        }
        SharpFuzz.Fuzzer.Run(stream =>
        {
            using var buf = new MemoryStream();
            stream.CopyTo(buf);
            var input = buf.ToArray();
            // if the process dies on this input (a stack overflow), tools/fuzz saves this file as the finding
            System.IO.File.WriteAllBytes(current, input);
            var (outcome, _, error) = runner.Run(() => target.Run(input), limit);
            if (outcome == Outcome.Crash) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error!).Throw();
            if (outcome == Outcome.Hang)
            {
                var f = Finding.Save(hangs, targetName, Outcome.Hang, input, $"hang over {limit.TotalSeconds}s", "");
                Environment.FailFast($"fuzz: {targetName}: hang over {limit.TotalSeconds}s, input saved as {f.File}");
            }
        });
        return 0;
    }

    /// <summary>Points SharpFuzz's trace map at a scratch buffer of its size (64 KiB) that is never freed.</summary>
    private static unsafe void ScratchTraceMap()
    {
        SharpFuzz.Common.Trace.SharedMem = (byte*)System.Runtime.InteropServices.NativeMemory.AllocZeroed(1 << 16);
    }

    private static int Repro(string targetName, string[] files)
    {
        var target = FuzzTarget.Create(targetName);
        using var runner = new Runner();
        if (target.NeedsStd) runner.Invoke(StdWorld.Get);
        int rc = 0;
        foreach (var f in files)
        {
            var input = System.IO.File.ReadAllBytes(f);
            var sw = Stopwatch.StartNew();
            var (outcome, output, error) = runner.Run(() => target.Run(input), TimeSpan.FromSeconds(60));
            Console.WriteLine($"== {f}: {outcome} ({sw.Elapsed.TotalSeconds:F2}s)");
            if (outcome == Outcome.Ok) Console.Write(output);
            else if (error != null) Console.WriteLine(Finding.SignatureOf(error) + "\n" + error);
            if (outcome != Outcome.Ok) rc = 1;
            if (outcome == Outcome.Hang) break;
        }
        return rc;
    }

    /// <summary>
    /// Writes every candidate seed into DIR. With --target T, each is first run through T in-process (5 s limit):
    /// inputs that crash or hang are left out (afl-fuzz skips crashing seeds, and a hang would end the campaign)
    /// and saved under --findings DIR (default DIR/../seed-findings) as findings. A hang leaves a worker that cannot
    /// be stopped (and slows everything after it), and a stack overflow kills the process: so the command records
    /// each decision in FINDINGS/.decided and the input being run in FINDINGS/.current, exits with status 75 after
    /// a hang, and when run again goes on where it stopped, recording the input that killed the previous process
    /// as a crash. tools/fuzz reruns it until it exits 0.
    /// </summary>
    private static int Seed(string[] args)
    {
        var dir = args[0];
        int maxSize = 4096;
        string? targetName = null, findings = null;
        for (int i = 1; i + 1 < args.Length; i += 2)
        {
            switch (args[i])
            {
                case "--max-size": maxSize = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
                case "--target": targetName = args[i + 1]; break;
                case "--findings": findings = args[i + 1]; break;
                default: throw new ArgumentException($"seed: unknown option {args[i]}");
            }
        }
        var goroot = Loader.GoRootLocator.Find(Environment.GetEnvironmentVariable("GOESCAPE_GOROOT"), null, out _)
                     ?? throw new InvalidOperationException(StdWorld.NotFoundMessage);
        findings ??= Path.Combine(Path.GetDirectoryName(Path.GetFullPath(dir))!, "seed-findings");
        Directory.CreateDirectory(dir);
        Directory.CreateDirectory(findings);
        var target = targetName != null ? FuzzTarget.Create(targetName) : null;
        var decidedPath = Path.Combine(findings, $".decided-{targetName}");
        var currentPath = Path.Combine(findings, $".current-{targetName}");
        var decided = new HashSet<string>(System.IO.File.Exists(decidedPath) ? System.IO.File.ReadAllLines(decidedPath) : [], StringComparer.Ordinal);
        using var decidedLog = new StreamWriter(decidedPath, append: true) { AutoFlush = true };
        if (target != null && System.IO.File.Exists(currentPath))
        {
            var killer = System.IO.File.ReadAllText(currentPath).Trim();
            if (!decided.Contains(killer))
            {
                Finding.Save(findings, target.Name, Outcome.Crash, System.IO.File.ReadAllBytes(Path.Combine(goroot.Dir, killer)),
                             "process died (stack overflow or abort)", $"seed {killer}");
                Console.WriteLine($"fuzz seed: {target.Name}: left out {killer}: the process died running it");
                decided.Add(killer);
                decidedLog.WriteLine(killer);
            }
            System.IO.File.Delete(currentPath);
        }
        using var runner = new Runner();
        if (target is { NeedsStd: true }) runner.Invoke(StdWorld.Get);
        int n = 0;
        foreach (var f in Corpus.Candidates(goroot.Dir, maxSize))
        {
            var relGo = Path.GetRelativePath(goroot.Dir, f);
            var rel = relGo.Replace('/', '_');
            if (target != null)
            {
                if (decided.Contains(relGo)) continue;
                System.IO.File.WriteAllText(currentPath, relGo);
                var input = System.IO.File.ReadAllBytes(f);
                var (outcome, _, error) = runner.Run(() => target.Run(input), TimeSpan.FromSeconds(5));
                decided.Add(relGo);
                decidedLog.WriteLine(relGo);
                if (outcome != Outcome.Ok)
                {
                    var sig = error != null ? Finding.SignatureOf(error) : "hang over 5s";
                    Finding.Save(findings, target.Name, outcome, input, sig, $"seed {relGo}\n{error}");
                    Console.WriteLine($"fuzz seed: {target.Name}: left out {relGo}: {outcome}: {sig}");
                    if (outcome == Outcome.Hang)
                    {
                        System.IO.File.Delete(currentPath);
                        Environment.Exit(75); // the hung worker cannot be stopped: start afresh
                    }
                    continue;
                }
            }
            System.IO.File.Copy(f, Path.Combine(dir, rel), overwrite: true);
            n++;
        }
        System.IO.File.Delete(currentPath);
        Console.WriteLine($"fuzz: {Directory.GetFiles(dir).Length} seed files of at most {maxSize} bytes in {dir}" +
                          (target != null ? $" ({n} in this run); crashing and hanging ones left out are saved in {findings}" : ""));
        return 0;
    }

    /// <summary>Minimizes a crashing input in-process, keeping its crash signature: removes chunks of lines (halving
    /// the chunk size down to one line), then chunks of bytes. For hangs and stack overflows use afl-tmin.</summary>
    private static int Tmin(string targetName, string file, string output)
    {
        var target = FuzzTarget.Create(targetName);
        using var runner = new Runner();
        if (target.NeedsStd) runner.Invoke(StdWorld.Get);
        string? Sig(byte[] input)
        {
            var (o, _, e) = runner.Run(() => target.Run(input), TimeSpan.FromSeconds(30));
            if (o == Outcome.Hang) throw new InvalidOperationException("fuzz tmin: the input hangs; use afl-tmin");
            return o == Outcome.Crash ? Finding.SignatureOf(e!) : null;
        }
        var best = System.IO.File.ReadAllBytes(file);
        var sig = Sig(best) ?? throw new InvalidOperationException($"fuzz tmin: {file} does not crash the {targetName} target");
        Console.WriteLine($"signature: {sig}");
        best = Shrink(best, sig, Sig, byLines: true);
        best = Shrink(best, sig, Sig, byLines: false);
        System.IO.File.WriteAllBytes(output, best);
        Console.WriteLine($"fuzz tmin: {best.Length} bytes in {output}");
        return 0;
    }

    private static byte[] Shrink(byte[] input, string sig, Func<byte[], string?> check, bool byLines)
    {
        List<byte[]> Units(byte[] d)
        {
            var u = new List<byte[]>();
            if (!byLines) { foreach (var b in d) u.Add([b]); return u; }
            int start = 0;
            for (int i = 0; i < d.Length; i++)
                if (d[i] == '\n') { u.Add(d[start..(i + 1)]); start = i + 1; }
            if (start < d.Length) u.Add(d[start..]);
            return u;
        }
        var units = Units(input);
        for (int chunk = Math.Max(1, units.Count / 2); chunk >= 1; chunk /= 2)
        {
            for (int i = 0; i < units.Count;)
            {
                var trial = units.Take(i).Concat(units.Skip(i + chunk)).SelectMany(x => x).ToArray();
                if (check(trial) == sig) units = [.. units.Take(i), .. units.Skip(i + chunk)];
                else i += chunk;
            }
            if (chunk == 1) break;
        }
        return [.. units.SelectMany(x => x)];
    }

    internal static string Rate(long n, TimeSpan t) => (n / Math.Max(t.TotalSeconds, 1e-9)).ToString("F1", CultureInfo.InvariantCulture);

    internal static readonly Encoding Utf8 = new UTF8Encoding(false);
}
