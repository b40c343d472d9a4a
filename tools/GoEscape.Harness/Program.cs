using System.Diagnostics;

namespace GoEscape.Harness;

/// <summary>
/// goescape-harness conformance [--oracle gc|goescape] [--all] [--verbose] [NAME-FILTER]
///   gc's errorcheck files with -m (and -l unless --all), judged by Go's errorcheck rule; prints pass counts.
/// goescape-harness differential [--flags "-m -l"] [--module DIR | PATTERN]
///   our report vs `go build -a -gcflags=FLAGS PATTERN` as multisets of lines: recall/precision per message kind;
///   --module DIR: the module at DIR (`go build -gcflags=FLAGS ./...` there; dependencies from GOMODCACHE).
/// goescape-harness realmods [--flags "-m -l"] [--dump DIR] [CORPUS]
///   differential --module over every module under CORPUS: one line per module and totals (see RealMods.cs).
/// goescape-harness gcjson [--examples DIR] [--dump DIR] [PATTERNS]
///   gc's -json=0,DIR optimization log (with -l) vs ours, file by file: identical N/M files (see GcJsonCompare.cs).
/// goescape-harness printer [--oracle FILE] [--show N] [-C DIR] [PATTERNS]
///   Fmt.InlineBody vs the text of gc's -m=2 "can inline F with cost N as: TEXT" lines (see Printer.cs).
/// </summary>
public static class Program
{
    public static int Main(string[] args)
    {
        // the sweep's batch worker (hidden: started by `sweep`, jobs on stdin) needs no oracle
        if (args.FirstOrDefault() == "sweep-worker") return SweepWorker.Run(args.Skip(1).ToList());
        string? goroot = Go.FindOracle();
        if (goroot == null)
        {
            Console.Error.WriteLine("goescape-harness: " + GoToolchain.NotFoundReason);
            return 2;
        }
        var rest = args.Skip(1).ToList();
        return args.FirstOrDefault() switch
        {
            "conformance" => Conformance(goroot, rest),
            "differential" => Differential.Run(goroot, rest),
            "realmods" => RealMods.Run(goroot, rest),
            "bench" => Bench.Run(goroot, rest),
            "sweep" => Sweep.Run(goroot, rest),
            "printer" => Printer.Run(goroot, rest),
            "gcjson" => GcJsonCompare.Run(goroot, rest),
            _ => Usage(),
        };
    }

    private static int Usage()
    {
        Console.Error.WriteLine("usage: goescape-harness conformance [--oracle gc|goescape] [--all] [--verbose] [FILTER]\n" +
                                "       goescape-harness differential [--flags \"-m -l\"] [--inline] [--experimental-inlining] [--dump DIR] [--module DIR | PATTERN]\n" +
                                "       goescape-harness realmods [--flags \"-m -l\"] [--dump DIR] [CORPUS]\n" +
                                "       goescape-harness bench [--mode check|escape] [--runs N] [PATTERN]\n" +
                                "       goescape-harness printer [--oracle FILE] [--show N] [-C DIR] [PATTERNS]\n" +
                                "       goescape-harness gcjson [--examples DIR] [--dump DIR] [PATTERNS]\n" +
                                "       goescape-harness sweep [--mode check|m-l|m2-l|m|all] [--sample N] [--timeout S] [-j N] [ROOTS]");
        return 2;
    }

    private static int Conformance(string goroot, List<string> args)
    {
        string oracle = "goescape";
        bool all = false, verbose = false;
        string? filter = null;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--oracle": oracle = args[++i]; break;
                case "--all": all = true; break;
                case "--verbose": verbose = true; break;
                default: filter = args[i]; break;
            }
        }
        IAnalyzer analyzer = oracle == "gc" ? new GcAnalyzer(goroot) : new GoEscapeAnalyzer();
        var tests = GcTestSuite.Discover(goroot, requireNoInline: !all)
            .Where(t => filter == null || t.Name.Contains(filter, StringComparison.Ordinal)).ToList();
        int pass = 0, fail = 0, skipped = 0;
        var sw = Stopwatch.StartNew();
        foreach (var t in tests)
        {
            if (t.Unsupported != null)
            {
                skipped++;
                Console.WriteLine($"SKIP {t.Name} ({string.Join(' ', t.Flags)}): {t.Unsupported}");
                continue;
            }
            var errs = GcTestSuite.Run(t, analyzer);
            if (errs.Count == 0)
            {
                pass++;
                Console.WriteLine($"PASS {t.Name}");
            }
            else
            {
                fail++;
                Console.WriteLine($"FAIL {t.Name} ({errs.Count} problems)");
                foreach (var e in verbose ? errs : errs.Take(5)) Console.WriteLine("    " + e.Replace("\n", "\n    "));
            }
        }
        Console.WriteLine($"conformance ({analyzer.Name}, gc's test/ files with -m{(all ? "" : " -l")}): " +
                          $"{pass} passed, {fail} failed, {skipped} skipped (unsupported flags) of {tests.Count} in {sw.Elapsed.TotalSeconds:F1}s");
        return fail == 0 ? 0 : 1;
    }
}
