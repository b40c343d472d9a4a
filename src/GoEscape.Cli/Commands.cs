using GoEscape.Driver;
using GoEscape.Loader;
using GoEscape.Syntax;

namespace GoEscape.Cli;

/// <summary>The commands. Each returns the process exit code.</summary>
public static partial class Commands
{
    /// <summary>goescape check: load, parse and type-check; prints errors as go build does (grouped under "# importpath").</summary>
    public static int Check(Options opts, TextWriter stdout, TextWriter stderr)
    {
        var (comp, rc) = LoadAndCheck(opts, stderr);
        if (comp == null) return rc;
        bool failed = PrintTypeErrors(comp, opts, stderr, p => p);
        if (PrintInternalErrors(comp, stderr)) return 3;
        return failed || rc != 0 ? 1 : 0;
    }

    /// <summary>
    /// Prints each package's syntax or type errors as go build does ("# header" then the lines), dependencies included
    /// (not for a package whose parse or check failed internally: see <see cref="PrintInternalErrors"/>). Shared by
    /// check and the escape command.
    /// </summary>
    private static bool PrintTypeErrors(Compilation comp, Options opts, TextWriter stderr, Func<string, string> header)
    {
        bool failed = false;
        foreach (var u in comp.Packages)
        {
            if (u.InternalError != null) continue;
            var lines = ErrorLines(u, opts.Cwd);
            if (lines.Count == 0) continue;
            failed = true;
            stderr.WriteLine("# " + header(u.ImportPath));
            foreach (var l in lines) stderr.WriteLine(l);
        }
        return failed;
    }

    /// <summary>
    /// Prints one line per internal failure (a bug of ours, never the user's), in package order whatever the
    /// scheduling: "goescape: internal error: PKG: FUNC: TYPE: MESSAGE" (FUNC where the failing stage knows it); the
    /// stack trace only with GOESCAPE_DEBUG=1. Returns whether there was any (the command then exits 3).
    /// </summary>
    private static bool PrintInternalErrors(Compilation comp, TextWriter stderr)
    {
        bool any = false;
        bool debug = Environment.GetEnvironmentVariable("GOESCAPE_DEBUG") == "1";
        foreach (var u in comp.Packages)
        {
            foreach (var e in new[] { u.InternalError, u.AnalysisError })
            {
                if (e == null) continue;
                any = true;
                stderr.WriteLine(e.Line);
                if (debug) stderr.WriteLine(e.InnerException?.ToString() ?? e.ToString());
            }
        }
        return any;
    }

    /// <summary>goescape typesdump: the go/types harness format (see tests/oracle/typesdump/main.go).</summary>
    public static int TypesDump(Options opts, TextWriter stdout, TextWriter stderr)
    {
        var (comp, rc) = LoadAndCheck(opts, stderr, continueAfterErrors: true);
        if (comp == null) return rc;
        string? root = opts.DumpRoot != null ? Path.GetFullPath(opts.DumpRoot) : null;
        var w = new StringWriter();
        Driver.TypesDump.Write(w, comp, root);
        stdout.Write(w.ToString());
        return PrintInternalErrors(comp, stderr) ? 3 : 0;
    }


    /// <param name="afterCheck">Given the load result, the per-package work to run once a package and its
    /// dependencies are checked (see <see cref="CompilationOptions.AfterCheck"/>).</param>
    private static (Compilation?, int) LoadAndCheck(Options opts, TextWriter stderr, bool continueAfterErrors = false,
                                                    Func<LoadResult, Action<PackageUnit>>? afterCheck = null)
    {
        var load = PackageLoader.Load(new LoadConfig
        {
            GoRoot = opts.GoRoot,
            Tags = opts.Tags,
            WorkingDir = opts.Cwd,
            CompilerMode = opts.PackagePath != null,
            ModFlag = opts.Mod,
            ModFile = opts.ModFile,
            Test = opts.Test,
        }, opts.Patterns);
        if (load.GoRoot == null)
        {
            foreach (var e in load.Errors) stderr.WriteLine(e);
            if (load.Errors.Count == 0) stderr.WriteLine(GoRootLocator.NotFoundMessage);
            return (null, 2);
        }
        // the loader's warnings first, as the go command prints them while loading ("go: warning: \"./x/...\" matched
        // no packages", "go: finding module for package ...", excluded requirements)
        foreach (var w in load.Warnings) stderr.WriteLine(w);
        int rc = 0;
        foreach (var e in load.Errors) { stderr.WriteLine(e); rc = 1; }
        foreach (var p in load.Packages)
            foreach (var e in p.Errors)
            {
                if (IsNoGoFilesFromWildcard(p, e)) continue;
                stderr.WriteLine(e.ToString());
                rc = 1;
            }
        if (rc != 0 && !continueAfterErrors) return (null, rc); // go build stops at load errors (load.CheckPackageErrors)
        // the progress line (terminal stderr only, not with -q), erased before anything else is printed
        using var progress = ProgressLine.Wanted(stderr, opts.Quiet) ? new ProgressLine(stderr, analyzing: afterCheck != null) : null;
        var comp = Compilation.Run(load, new CompilationOptions
        {
            ContinueAfterErrors = continueAfterErrors,
            Parallelism = opts.Threads ?? Environment.ProcessorCount,
            AfterCheck = afterCheck?.Invoke(load),
            Progress = progress == null ? null : progress.Update,
        });
        progress?.Dispose();
        if (Environment.GetEnvironmentVariable("GOESCAPE_TIMINGS") is { Length: > 0 })
        {
            // phase timings for profiling (stderr): time in each phase (summed over the workers), the slowest checks
            stderr.WriteLine($"goescape: wall {comp.WallTime.TotalSeconds:F2}s: parse {comp.ParseTime.TotalSeconds:F2}s, check {comp.CheckTime.TotalSeconds:F2}s, " +
                             $"lower+escape {comp.AfterCheckTime.TotalSeconds:F2}s ({comp.Packages.Count} packages); allocated {comp.AllocatedMb} MB");
            var slow = new List<PackageUnit>(comp.Packages);
            slow.Sort((a, b) => b.CheckTime.CompareTo(a.CheckTime));
            for (int i = 0; i < Math.Min(8, slow.Count); i++)
                stderr.WriteLine($"goescape:   check {slow[i].ImportPath} {slow[i].CheckTime.TotalSeconds:F2}s (level {slow[i].Level})");
        }
        return (comp, rc);
    }

    /// <summary>The go command drops "no Go files" packages matched only by wildcard or meta patterns (std, cmd, ./...).</summary>
    private static bool IsNoGoFilesFromWildcard(LoadedPackage p, PackageError e)
    {
        if (p.Match.Count == 0) return false;
        if (!e.Message.Contains("no non-test Go files", StringComparison.Ordinal) &&
            !e.Message.Contains("build constraints exclude all Go files", StringComparison.Ordinal) &&
            !e.Message.Contains("no Go files", StringComparison.Ordinal))
            return false;
        foreach (var m in p.Match)
            if (!(m.Contains("...", StringComparison.Ordinal) || m is "std" or "cmd" or "all")) return false;
        return true;
    }

    /// <summary>The compiler's output for one package as go build shows it: syntax errors if any (gc stops after
    /// parsing), else type errors; sorted by position, duplicates removed, at most 10 then "too many errors".</summary>
    public static List<string> ErrorLines(PackageUnit u, string cwd)
    {
        var raw = new List<(Pos Pos, string Msg)>();
        if (u.SyntaxErrors.Count > 0)
            foreach (var e in u.SyntaxErrors) raw.Add((e.Pos, e.Msg));
        else
            foreach (var e in u.TypeErrors) raw.Add((e.Pos, e.Msg));
        var res = new List<string>();
        if (raw.Count == 0) return res;
        bool tooMany = raw.Count > 10;
        Pos tooManyPos = default;
        if (tooMany)
        {
            tooManyPos = raw[9].Pos;
            raw = raw.GetRange(0, 10);
        }
        // positions inside the printed messages (a cycle's "refers to" lines, "already declared at ...") are written as gc
        // writes the error's own position: relative to the working directory
        for (int k = 0; k < raw.Count; k++)
        {
            var msg = raw[k].Msg;
            if (!msg.Contains('/')) continue;
            foreach (var f in u.Loaded.GoFiles)
                if (Path.IsPathRooted(f) && msg.Contains(f + ":", StringComparison.Ordinal))
                    msg = msg.Replace(f + ":", DisplayPaths.CompilerPath(f, cwd) + ":", StringComparison.Ordinal);
            raw[k] = (raw[k].Pos, msg);
        }
        var idx = Enumerable.Range(0, raw.Count).ToList();
        idx.Sort((a, b) =>
        {
            int c = Compare(raw[a].Pos, raw[b].Pos);
            return c != 0 ? c : a.CompareTo(b);
        });
        string? prev = null;
        foreach (var i in idx)
        {
            var line = $"{FormatPos(raw[i].Pos, cwd)}: {raw[i].Msg}";
            if (line == prev) continue;
            prev = line;
            res.Add(line);
        }
        if (tooMany) res.Add($"{FormatPos(tooManyPos, cwd)}: too many errors");
        return res;
    }

    private static int Compare(Pos a, Pos b)
    {
        int c = string.CompareOrdinal(a.RelFilename, b.RelFilename);
        if (c != 0) return c;
        if (a.RelLine != b.RelLine) return a.RelLine < b.RelLine ? -1 : 1;
        if (a.RelCol != b.RelCol) return a.RelCol < b.RelCol ? -1 : 1;
        return 0;
    }

    internal static string FormatPos(Pos p, string cwd)
    {
        if (!p.IsKnown) return "<unknown position>";
        var file = p.RelFilename;
        if (Path.IsPathRooted(file)) file = DisplayPaths.CompilerPath(file, cwd);
        uint line = p.RelLine, col = p.RelCol;
        return col == 0 ? $"{file}:{line}" : $"{file}:{line}:{col}";
    }
}
