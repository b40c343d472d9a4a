namespace GoEscape.Cli;

/// <summary>
/// Entry logic of the goescape command, kept apart from Main so tests can call it in-process.
/// Exit codes: 0 clean, 1 errors in the user's code, 2 misuse or a missing tool/environment.
/// </summary>
public static class CommandLine
{
    public const string Usage =
        "usage: goescape [-m[=N]] [-l] [-json=0,DIR] [-format json|sarif|html] [-o FILE] [-inlinability] [-experimental-inlining] [-smallframes] [-d=KEY[=N],...] [-threads N] [-q] [-goroot DIR] [-tags T,...] [-mod=M] [-modfile=F] [-test] PATTERNS   (escape report, as go build -gcflags=-m)\n" +
        "       -json=0,DIR (or 0,file://DIR): also write gc's optimization log, as go build -gcflags='-l -json=0,DIR' (needs -l)\n" +
        "       -format json|sarif|html [-o FILE]: GoEscape's own report (docs/report-format.md) on stdout instead of the -m text, or written\n" +
        "         whole to FILE (the -m text, if asked, then still goes to stderr); needs -l, -experimental-inlining or -inlinability\n" +
        "       goescape explain FILE:LINE[:COL] [-experimental-inlining] [flags] [PATTERNS]   (why it escapes, step by step, with a fix hint)\n" +
        "       goescape check [-goroot DIR] [-tags T,...] [-mod=M] [-modfile=F] [-test] PATTERNS           (load, parse and type-check; print errors)\n" +
        "       goescape typesdump [-goroot DIR] [-root DIR] PATTERNS         (types of every expression, for the go/types harness)\n" +
        "PATTERNS: ./..., DIR/..., a directory, import paths, std, cmd, or a list of .go files.\n" +
        "-mod=mod|readonly|vendor and -modfile=F as the go command's build flags; go.work is read unless GOWORK=off;\n" +
        "-test adds the test packages go test -c compiles (p [p.test], p_test [p.test]).\n" +
        "On a terminal, long runs show a progress line on stderr (erased before the report); -q turns it off.";

    /// <summary>The one line -experimental-inlining prints to stderr before the report.</summary>
    public const string ExperimentalInliningNote =
        "goescape: -experimental-inlining: call-site inlining is incomplete (calls of functions containing function literals, and of closures, are not inlined); this report may differ from gc's";

    /// <summary>The one line for -m without -l (exit 2).</summary>
    public const string MNeedsInliner =
        "goescape: -m without -l needs the inliner, which is not complete yet; pass -l to analyze with inlining off (as go build -gcflags='-m -l'), or -experimental-inlining for call-site inlining as far as it is built (may differ from gc)";

    /// <summary>The one line for -o without -format (exit 2).</summary>
    public const string OutputNeedsFormat = "goescape: -o needs -format json, sarif or html";

    /// <summary>The one line for -format or -o given to check or typesdump (exit 2).</summary>
    public const string FormatIsEscapes = "goescape: -format and -o are flags of the escape command (goescape -l -format json|sarif|html PATTERNS)";

    /// <summary>The one line for -json without -l (exit 2).</summary>
    public const string JsonNeedsInliner =
        "goescape: -json without -l needs the inliner, which is not built yet; pass -l (as go build -gcflags='-l -json=0,DIR')";

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        // -stats (first argument): print wall and CPU time and peak memory to stderr at exit (for tools/bench).
        if (args.Length > 0 && args[0] == "-stats")
        {
            var wall = System.Diagnostics.Stopwatch.StartNew();
            int rc = Run(args[1..], stdout, stderr);
            using var self = System.Diagnostics.Process.GetCurrentProcess();
            stderr.WriteLine(string.Create(System.Globalization.CultureInfo.InvariantCulture,
                $"goescape-stats: wall={wall.Elapsed.TotalSeconds:F3}s cpu={self.TotalProcessorTime.TotalSeconds:F3}s peak={self.PeakWorkingSet64 / 1048576.0:F0}MB" +
                $" gcs={GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} gcpause={GC.GetTotalPauseDuration().TotalSeconds:F3}s alloc={GC.GetTotalAllocatedBytes() / 1048576.0:F0}MB"));
            return rc;
        }
        if (args.Length == 0 || args[0] is "-h" or "-help" or "--help" or "help")
        {
            stderr.WriteLine(Usage);
            return 2;
        }
        if (args[0] == "explain") return Commands.ExplainCommand(args[1..], stdout, stderr);
        Options opts;
        string command = args[0] is "check" or "typesdump" ? args[0] : "escape";
        try
        {
            opts = Options.Parse(command == "escape" ? args : args[1..]);
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"goescape: {e.Message}");
            stderr.WriteLine(Usage);
            return 2;
        }
        if (opts.Output != null && opts.Format == null)
        {
            stderr.WriteLine(OutputNeedsFormat);
            return 2;
        }
        if (command != "escape" && opts.Format != null)
        {
            stderr.WriteLine(FormatIsEscapes);
            return 2;
        }
        // -format: the report is of the analysis as -m would make it, so it is refused where -m is (without -l,
        // unless -experimental-inlining, or -inlinability for a report of the inlinability decisions alone)
        if (command == "escape" && opts.Format != null && !opts.NoInline && !opts.InlinabilityOnly && !opts.ExperimentalInlining)
        {
            stderr.WriteLine(MNeedsInliner);
            return 2;
        }
        if (command == "escape" && opts.Format != null && opts.MLevel == 0 && !opts.NoInline && !opts.InlinabilityOnly && opts.ExperimentalInlining)
            stderr.WriteLine(ExperimentalInliningNote);
        if (command == "escape" && opts.Json != null && (!opts.NoInline || opts.InlinabilityOnly))
        {
            // without -l, gc's log has the inliner's entries (canInlineFunction, inlineCall, ...) and inlined flows
            stderr.WriteLine(JsonNeedsInliner);
            return 2;
        }
        if (command == "escape" && opts.MLevel > 0 && !opts.NoInline && !opts.InlinabilityOnly && opts.ExperimentalInlining)
            stderr.WriteLine(ExperimentalInliningNote);
        if (command == "escape" && opts.MLevel > 0 && !opts.NoInline && !opts.InlinabilityOnly && !opts.ExperimentalInlining)
        {
            // gc inlines unless -l; its -m report depends on that, and GoEscape does not model inlining yet: printing
            // the -l report for -m would be a silently wrong answer.
            stderr.WriteLine(MNeedsInliner);
            return 2;
        }
        return command switch
        {
            "check" => Commands.Check(opts, stdout, stderr),
            "typesdump" => Commands.TypesDump(opts, stdout, stderr),
            _ => Commands.Escape(opts, stdout, stderr),
        };
    }
}

public sealed class UsageException(string message) : Exception(message);

/// <summary>Options shared by the commands; flags spelled as the go command and gc spell them.</summary>
public sealed class Options
{
    public string? GoRoot { get; private set; }
    public List<string> Tags { get; } = [];
    public int MLevel { get; private set; }
    /// <summary>-l (or -l=1): inlining off.</summary>
    public bool NoInline => LowerL == 0;
    /// <summary>gc's Flag.LowerL after gc.Main's normalization: 1 by default, 0 with -l, N with -l=N (N >= 2).</summary>
    public int LowerL { get; private set; } = 1;
    /// <summary>
    /// -inlinability: print only the inlinability lines of -m / -m=2 without -l ("can inline F [with cost N as: ...]",
    /// "cannot inline F: reason"), the part of inlining that is built; escape results are not printed. For measuring
    /// the cost model against gc (tools/differential --inline) while call-site inlining is being built.
    /// </summary>
    public bool InlinabilityOnly { get; private set; }
    /// <summary>
    /// -experimental-inlining: -m without -l runs the pipeline with call-site inlining as far as it is built (the
    /// interleaved pass in GoEscape.Inline), after a stderr line saying the report may differ from gc's.
    /// </summary>
    public bool ExperimentalInlining { get; private set; }
    public string? DumpRoot { get; private set; }
    /// <summary>-json=VERSION,DESTINATION: gc's optimization log (the flag's value as given; see GcJson.ParseDestination).</summary>
    public string? Json { get; private set; }
    /// <summary>-format json|sarif|html: GoEscape's own report (ReportJson, ReportSarif) instead of the -m text.</summary>
    public string? Format { get; private set; }
    /// <summary>-o FILE: write the -format report to FILE (whole: a temporary file, renamed) instead of stdout.</summary>
    public string? Output { get; private set; }
    /// <summary>-C DIR: run as if started in DIR (as `go -C DIR`).</summary>
    public string? WorkDir { get; private set; }
    /// <summary>The directory the command works in: -C DIR, else the process's current directory.</summary>
    public string Cwd => WorkDir != null ? Path.GetFullPath(WorkDir) : Directory.GetCurrentDirectory();
    /// <summary>-p PATH: the import path of a package given as .go files (gc's -p; default command-line-arguments).</summary>
    public string? PackagePath { get; private set; }
    /// <summary>-N: gc's "disable optimizations" (inlining stays on: gc turns it off only for -l).</summary>
    public bool NoOptimize { get; private set; }
    /// <summary>-smallframes: gc's smaller stack-allocation limits (explicit 64 KiB, implicit 16 KiB).</summary>
    public bool SmallFrames { get; private set; }
    /// <summary>-d=key[=value],...: gc's debug settings that affect escape analysis output (see <see cref="DebugKeys"/>).</summary>
    public Dictionary<string, int> Debug { get; } = new(StringComparer.Ordinal);
    /// <summary>The -d keys GoEscape models (gc's base.DebugFlags: escapemutationscalls, zerocopy, escapedebug, checkptr,
    /// inlfuncswithclosures); any other key is a usage error, never silently ignored.</summary>
    public static readonly IReadOnlySet<string> DebugKeys = new HashSet<string>(StringComparer.Ordinal) { "escapemutationscalls", "zerocopy", "escapedebug", "checkptr", "inlfuncswithclosures" };
    /// <summary>-threads N: worker threads (default: the processor count); the output does not depend on it.</summary>
    public int? Threads { get; private set; }
    /// <summary>-q: no progress line on a terminal's stderr (it is never shown when stderr is not a terminal).</summary>
    public bool Quiet { get; private set; }
    public List<string> Patterns { get; } = [];
    /// <summary>-mod=mod|readonly|vendor (the go command's build flag); null: GOFLAGS, else the go command's default.</summary>
    public string? Mod { get; private set; }
    /// <summary>-modfile=FILE: the go.mod to read instead of the main module's (the go command's build flag).</summary>
    public string? ModFile { get; private set; }
    /// <summary>-test: also analyze the roots' test packages, as go test -c compiles them.</summary>
    public bool Test { get; private set; }

    public static Options Parse(IReadOnlyList<string> args)
    {
        var o = new Options();
        for (int i = 0; i < args.Count; i++)
        {
            string a = args[i];
            if (!a.StartsWith('-') || a == "-")
            {
                o.Patterns.Add(a);
                continue;
            }
            string name = a.TrimStart('-');
            string? value = null;
            int eq = name.IndexOf('=');
            if (eq >= 0)
            {
                value = name[(eq + 1)..];
                name = name[..eq];
            }
            string Next()
            {
                if (value != null) return value;
                if (i + 1 >= args.Count) throw new UsageException($"flag needs an argument: -{name}");
                return args[++i];
            }
            switch (name)
            {
                case "goroot": o.GoRoot = Next(); break;
                case "root": o.DumpRoot = Next(); break;
                case "C": o.WorkDir = Next(); break;
                case "p": o.PackagePath = Next(); break;
                case "N": o.NoOptimize = true; break;
                case "smallframes": o.SmallFrames = true; break;
                case "inlinability": o.InlinabilityOnly = true; break;
                case "experimental-inlining": o.ExperimentalInlining = true; break;
                case "json":
                    if (o.Json != null) throw new UsageException("Cannot repeat -json flag");
                    o.Json = Next();
                    break;
                case "format":
                    o.Format = Next();
                    if (o.Format is not ("json" or "sarif" or "html")) throw new UsageException($"invalid value \"{o.Format}\" for flag -format: want json, sarif or html");
                    break;
                case "o": o.Output = Next(); break;
                case "d": o.ParseDebug(Next()); break;
                case "threads":
                    if (!int.TryParse(Next(), out int threads) || threads < 1) throw new UsageException("invalid value for flag -threads");
                    o.Threads = threads;
                    break;
                case "mod":
                    o.Mod = Next();
                    if (o.Mod.Length == 0) o.Mod = null; // -mod= : the default, as the go command
                    else if (o.Mod is not ("mod" or "readonly" or "vendor"))
                        throw new UsageException($"-mod={o.Mod} not supported (can be '', 'mod', 'readonly', or 'vendor')");
                    break;
                case "modfile": o.ModFile = Next(); break;
                case "test": o.Test = true; break;
                case "q": o.Quiet = true; break;
                case "tags":
                    foreach (var t in Next().Split([',', ' '], StringSplitOptions.RemoveEmptyEntries)) o.Tags.Add(t);
                    break;
                case "l":
                    // gc's -l is a count (base.CountFlag); gc.Main turns 0 into "inlining on", 1 into "off", and
                    // keeps 2 and more ("on, with extra debugging")
                    if (value == null) o.LowerL = 0;
                    else if (int.TryParse(value, out int l) && l >= 0) o.LowerL = l <= 1 ? 1 - l : l;
                    else throw new UsageException($"invalid value \"{value}\" for flag -l");
                    break;
                case "m":
                    if (value == null) o.MLevel++;
                    else if (int.TryParse(value, out int lvl) && lvl >= 0) o.MLevel = lvl;
                    else throw new UsageException($"invalid value \"{value}\" for flag -m");
                    break;
                default: throw new UsageException($"flag provided but not defined: -{name}");
            }
        }
        if (o.Patterns.Count == 0) o.Patterns.Add(".");
        return o;
    }

    /// <summary>Models gc's -d parsing (cmd/internal/objabi.NewDebugFlag): comma-separated key[=int], a bare key is 1.</summary>
    private void ParseDebug(string spec)
    {
        foreach (var item in spec.Split(',', StringSplitOptions.RemoveEmptyEntries))
        {
            int eq = item.IndexOf('=');
            string key = eq >= 0 ? item[..eq] : item;
            int val = 1;
            if (eq >= 0 && !int.TryParse(item[(eq + 1)..], System.Globalization.NumberStyles.Integer, System.Globalization.CultureInfo.InvariantCulture, out val))
                throw new UsageException($"invalid debug value {item}");
            if (!DebugKeys.Contains(key)) throw new UsageException($"unknown debug key {key} (GoEscape models: {string.Join(", ", DebugKeys)})");
            Debug[key] = val;
        }
    }
}
