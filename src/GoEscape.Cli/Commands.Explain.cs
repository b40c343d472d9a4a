using System.Collections.Concurrent;
using System.Globalization;
using GoEscape.Driver;
using GoEscape.Escape;
using GoEscape.IR.Lowering;
using GoEscape.Loader;
using GoEscape.Report;

namespace GoEscape.Cli;

public static partial class Commands
{
    public const string ExplainUsage =
        "usage: goescape explain FILE:LINE[:COL] [-experimental-inlining] [-smallframes] [-C DIR] [-goroot DIR] [-tags T,...] [-mod=M] [-modfile=F] [PATTERNS]\n" +
        "       for each allocation or variable escape analysis reports at the position: the decision, the flow that forces it\n" +
        "       (as -m=2 prints it), in sentences, and a fix hint where one is known. PATTERNS default to FILE's directory.";

    /// <summary>
    /// goescape explain FILE:LINE[:COL] [flags] [PATTERNS]: analyzes the packages (FILE's directory by default) as
    /// `-m=2 -l` does (with call-site inlining only under -experimental-inlining) and prints, for each decision at the
    /// position, its explanation (<see cref="Explain"/>). Bad input is one line, "goescape: explain: ...", exit 2.
    /// </summary>
    public static int ExplainCommand(IReadOnlyList<string> args, TextWriter stdout, TextWriter stderr)
    {
        if (args.Count == 0 || args[0].StartsWith('-'))
        {
            stderr.WriteLine("goescape: explain: missing position FILE:LINE[:COL]");
            stderr.WriteLine(ExplainUsage);
            return 2;
        }
        string posArg = args[0];
        Options opts;
        try
        {
            opts = Options.Parse(args.Skip(1).ToList());
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"goescape: explain: {e.Message}");
            stderr.WriteLine(ExplainUsage);
            return 2;
        }
        if (opts.MLevel > 0 || opts.Json != null || opts.InlinabilityOnly || opts.Test)
        {
            stderr.WriteLine("goescape: explain: -m, -json, -inlinability and -test are not explain's flags (explain analyzes as -m=2 -l)");
            return 2;
        }
        if (!ParsePosition(posArg, out string file, out int line, out int col))
        {
            stderr.WriteLine($"goescape: explain: malformed position \"{posArg}\": want FILE:LINE or FILE:LINE:COL (line and column from 1)");
            return 2;
        }
        string cwd = opts.Cwd;
        string full = Path.GetFullPath(file, cwd);
        string where = col > 0 ? $"{file}:{line}:{col}" : $"{file}:{line}";
        if (!File.Exists(full))
        {
            stderr.WriteLine($"goescape: explain: {where}: no such file");
            return 2;
        }
        where = (col > 0 ? $"{DisplayPaths.CompilerPath(full, cwd)}:{line}:{col}" : $"{DisplayPaths.CompilerPath(full, cwd)}:{line}");
        byte[] bytes = File.ReadAllBytes(full);
        int lines = CountLines(bytes);
        if (line > lines)
        {
            stderr.WriteLine($"goescape: explain: {where}: the file has {lines} line{(lines == 1 ? "" : "s")}");
            return 2;
        }
        // the packages: FILE's directory unless patterns are given
        bool defaultPatterns = opts.Patterns is ["."] && !args.Skip(1).Contains(".");
        if (defaultPatterns)
        {
            opts.Patterns.Clear();
            opts.Patterns.Add(Path.GetDirectoryName(full)!);
        }

        var (report, arc) = AnalyzeForExplain(opts, full, where, stderr);
        if (report == null) return arc;
        var items = ExplainAt(report, cwd, full, line, col);
        if (items.Count == 0)
        {
            var cols = col > 0 ? Explain.Columns(report.Messages, f => SameFile(f, cwd, full), line) : [];
            stderr.WriteLine(cols.Count > 0
                ? $"goescape: explain: {where}: nothing reported at this column (reported on this line: column{(cols.Count == 1 ? "" : "s")} {string.Join(", ", cols.Select(c => c.ToString(CultureInfo.InvariantCulture)))})"
                : $"goescape: explain: {where}: escape analysis reports nothing here (no allocation, parameter or heap-allocated variable)");
            return 2;
        }
        stdout.Write(ExplainText.Render(items, opts.ExperimentalInlining ? ExplainText.WithExperimentalInlining : ExplainText.WithoutInlining));
        return 0;
    }

    /// <summary>
    /// Analyzes the packages of <paramref name="opts"/> as explain does (-m=2 with the optimization log, -l unless
    /// -experimental-inlining) and returns the report of the package holding <paramref name="fullFile"/>, or null and
    /// the exit code after printing why (type errors: 1; internal errors: 3; the file in no analyzed package: 2).
    /// </summary>
    public static (EscapeReport? Report, int Rc) AnalyzeForExplain(Options opts, string fullFile, string where, TextWriter stderr)
    {
        string cwd = opts.Cwd;
        string full = fullFile;
        var eopts = new EscapeOptions
        {
            M = 2,
            SmallFrames = opts.SmallFrames,
            NoOptimize = opts.NoOptimize,
            ZeroCopy = opts.Debug.GetValueOrDefault("zerocopy", 1),
            EscapeMutationsCalls = opts.Debug.GetValueOrDefault("escapemutationscalls"),
            EscapeDebug = opts.Debug.GetValueOrDefault("escapedebug"),
            Checkptr = opts.Debug.GetValueOrDefault("checkptr"),
            LogOpt = true,
        };
        // as the escape command: -experimental-inlining runs call-site inlining as far as it is built; else -l
        var iopts = opts.ExperimentalInlining
            ? new GoEscape.Inline.InlineOptions
            {
                LowerL = 1, M = 2, Checkptr = eopts.Checkptr,
                InlFuncsWithClosures = opts.Debug.GetValueOrDefault("inlfuncswithclosures", 1),
                CallSites = true,
            }
            : null;
        var display = new ConcurrentDictionary<(string File, string Dir), string>();
        string DisplayPath(string f, string dir) => display.GetOrAdd((f, dir),
            static (k, cwd) => Path.IsPathRooted(k.File) ? DisplayPaths.CompilerPath(k.File, cwd, k.Dir.Length == 0 ? null : k.Dir) : k.File, cwd);
        var exports = new ExportTable();
        var generics = new GenericIndex();
        var reports = new ConcurrentDictionary<PackageUnit, EscapeReport>(ReferenceEqualityComparer.Instance);
        Action<PackageUnit> Analyze(LoadResult load)
        {
            var roots = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in load.Roots) roots.Add(r.ImportPath);
            var inl = iopts == null || load.Context == null ? iopts : iopts with { GoArch = load.Context.GoArch };
            return u =>
            {
                if (EscapePipeline.Package(u, exports, generics, roots.Contains(u.ImportPath), eopts, DisplayPath, inl) is { } r) reports[u] = r;
            };
        }
        var (comp, rc) = LoadAndCheck(opts, stderr, afterCheck: Analyze);
        if (comp == null) return (null, rc);
        bool failed = PrintTypeErrors(comp, opts, stderr, p => p);
        if (PrintInternalErrors(comp, stderr)) return (null, 3);

        // the package of FILE among the analyzed ones
        PackageUnit? pkg = null;
        foreach (var u in comp.Packages)
            if (comp.Load.Roots.Any(r => r.ImportPath == u.ImportPath) && u.Loaded.GoFiles.Any(f => Path.GetFullPath(f) == full))
                pkg = u;
        if (pkg == null)
        {
            stderr.WriteLine($"goescape: explain: {where}: the file is not in the analyzed packages ({string.Join(" ", opts.Patterns)})");
            return (null, 2);
        }
        if (failed || rc != 0) return (null, 1); // its errors (or its dependencies') are printed above
        if (!reports.TryGetValue(pkg, out var report) || report.Opts == null)
        {
            stderr.WriteLine($"goescape: explain: {where}: package {pkg.ImportPath} was not analyzed");
            return (null, 2);
        }
        return (report, 0);

    }

    /// <summary>The explain items of a report at a file's line (and column: 0 for the whole line).</summary>
    public static List<ExplainItem> ExplainAt(EscapeReport report, string cwd, string fullFile, int line, int col)
    {
        var sources = new Dictionary<string, string[]?>(StringComparer.Ordinal);
        string? SourceLine(GoEscape.IR.XPos p)
        {
            if (!sources.TryGetValue(p.File, out var ls))
            {
                string path = Path.GetFullPath(p.File, cwd);
                // one char per byte, so that gc's byte columns index the line
                ls = File.Exists(path) ? System.Text.Encoding.Latin1.GetString(File.ReadAllBytes(path)).Split('\n') : null;
                sources[p.File] = ls;
            }
            return ls != null && p.Line >= 1 && p.Line <= ls.Length ? ls[p.Line - 1] : null;
        }
        return Explain.At(report.Messages, report.Opts ?? [], f => SameFile(f, cwd, fullFile), line, col, SourceLine);
    }

    private static bool SameFile(string displayPath, string cwd, string full)
        => !displayPath.StartsWith('<') && Path.GetFullPath(displayPath, cwd) == full;

    /// <summary>FILE:LINE or FILE:LINE:COL, line and column from 1 (the file name may itself contain colons).</summary>
    public static bool ParsePosition(string s, out string file, out int line, out int col)
    {
        file = ""; line = 0; col = 0;
        int c1 = s.LastIndexOf(':');
        if (c1 <= 0) return false;
        if (!TryPositive(s[(c1 + 1)..], out int last)) return false;
        int c2 = s.LastIndexOf(':', c1 - 1);
        if (c2 > 0 && TryPositive(s[(c2 + 1)..c1], out int mid))
        {
            file = s[..c2]; line = mid; col = last;
        }
        else
        {
            file = s[..c1]; line = last;
        }
        return file.Length > 0;
    }

    private static bool TryPositive(string s, out int v)
        => int.TryParse(s, NumberStyles.None, CultureInfo.InvariantCulture, out v) && v > 0;

    private static int CountLines(byte[] b)
    {
        int n = 0;
        foreach (var x in b) if (x == '\n') n++;
        if (b.Length > 0 && b[^1] != '\n') n++;
        return n;
    }
}
