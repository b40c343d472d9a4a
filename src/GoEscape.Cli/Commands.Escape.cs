using System.Collections.Concurrent;
using GoEscape.Driver;
using GoEscape.Escape;
using GoEscape.IR.Lowering;
using GoEscape.Loader;

namespace GoEscape.Cli;

public static partial class Commands
{
    /// <summary>
    /// goescape -m[=N] [-l] PATTERNS: prints what `go build -gcflags='-m -l' PATTERNS` prints (to stderr, as go build):
    /// for each package matched by the patterns, in build order, "# importpath" then the compiler's diagnostics.
    /// Type errors are printed as go build prints them, with exit code 1.
    /// </summary>
    public static int Escape(Options opts, TextWriter stdout, TextWriter stderr)
    {
        string cwd = opts.Cwd;
        // -json: gc checks the destination (and creates it) before compiling (logopt.checkLogPath)
        string? jsonDir = null;
        if (opts.Json != null)
        {
            var (dir, err) = GoEscape.Report.GcJson.ParseDestination(opts.Json);
            if (err != null)
            {
                stderr.WriteLine("goescape: " + err);
                return 2;
            }
            jsonDir = Path.GetFullPath(dir!, cwd);
            try { Directory.CreateDirectory(jsonDir); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or NotSupportedException)
            {
                stderr.WriteLine($"goescape: optimizer logging destination '<version>,<directory>' but could not create <directory>: {jsonDir}: {e.Message}");
                return 2;
            }
        }
        // -o: a destination whose directory does not exist is found before the analysis (the write itself may still fail)
        string? outPath = opts.Output != null ? Path.GetFullPath(opts.Output, cwd) : null;
        if (outPath != null && (Directory.Exists(outPath) || !Directory.Exists(Path.GetDirectoryName(outPath))))
        {
            stderr.WriteLine($"goescape: cannot write report {opts.Output}: " + (Directory.Exists(outPath) ? "is a directory" : "no such directory"));
            return 2;
        }
        // -profile: the profile is read (and refused: not pprof, not a heap profile, missing) before the analysis
        GoEscape.Report.Profile.PprofProfile? heapProfile = null;
        int profileIndex = 0;
        if (opts.Profile != null)
        {
            if (opts.InlinabilityOnly)
            {
                stderr.WriteLine("goescape: -profile ranks escape decisions: not with -inlinability");
                return 2;
            }
            try
            {
                heapProfile = GoEscape.Report.Profile.Pprof.ReadFile(Path.GetFullPath(opts.Profile, cwd), opts.Profile);
                profileIndex = GoEscape.Report.Profile.ProfileMatcher.CheckHeap(heapProfile, opts.Profile, opts.SampleIndex);
            }
            catch (GoEscape.Report.Profile.ProfileException e)
            {
                stderr.WriteLine("goescape: " + e.Message);
                return 2;
            }
        }
        // Continue after type errors: packages importing one with errors are still analyzed (as dependencies or
        // for their own report), so that a checker false positive does not hide whole import subtrees.
        // Each package is lowered and analyzed as soon as it and its dependencies are checked (in parallel with
        // unrelated packages); the reports are printed afterwards, in build order.
        var eopts = new EscapeOptions
        {
            M = opts.MLevel,
            SmallFrames = opts.SmallFrames,
            NoOptimize = opts.NoOptimize,
            ZeroCopy = opts.Debug.GetValueOrDefault("zerocopy", 1),
            EscapeMutationsCalls = opts.Debug.GetValueOrDefault("escapemutationscalls"),
            EscapeDebug = opts.Debug.GetValueOrDefault("escapedebug"),
            Checkptr = opts.Debug.GetValueOrDefault("checkptr"),
            LogOpt = jsonDir != null,
            // -format: the structured decisions (not with -inlinability, whose report is the inlinability decisions alone)
            Record = opts.Format != null && !opts.InlinabilityOnly,
        };
        // -inlinability: only CanInline's lines (inlining on, as without -l); the escape report is not printed
        // -experimental-inlining: the whole pipeline with call-site inlining as far as it is built
        var iopts = (opts.InlinabilityOnly || opts.ExperimentalInlining) && opts.LowerL != 0
            ? new GoEscape.Inline.InlineOptions
            {
                LowerL = opts.LowerL, M = opts.MLevel, Checkptr = eopts.Checkptr,
                InlFuncsWithClosures = opts.Debug.GetValueOrDefault("inlfuncswithclosures", 1),
                CallSites = opts.ExperimentalInlining && !opts.InlinabilityOnly,
            }
            : null;
        if (opts.InlinabilityOnly) eopts = eopts with { M = 0 };
        // The lowering asks for the display path of every position: compute each (file, compiled package dir) once
        // (CompilerPath stats; instantiated generic bodies show other packages' files).
        var display = new ConcurrentDictionary<(string File, string Dir), string>();
        string DisplayPath(string f, string dir) => display.GetOrAdd((f, dir),
            static (k, cwd) => Path.IsPathRooted(k.File) ? DisplayPaths.CompilerPath(k.File, cwd, k.Dir.Length == 0 ? null : k.Dir) : k.File, cwd);
        // a batch run (tools/sweep's worker) keeps checked std packages and their IR across compilations
        var exports = CheckedPackageCache.Shared?.Exports ?? new ExportTable();
        var generics = CheckedPackageCache.Shared?.Generics ?? new GenericIndex();
        var reports = new ConcurrentDictionary<PackageUnit, EscapeReport>(ReferenceEqualityComparer.Instance);
        Action<PackageUnit> Analyze(LoadResult load)
        {
            var roots = new HashSet<string>(StringComparer.Ordinal);
            foreach (var r in load.Roots) roots.Add(r.ImportPath);
            // the intrinsics and the loads that can be merged are the target architecture's (GOARCH of the build)
            var inl = iopts == null || load.Context == null ? iopts : iopts with { GoArch = load.Context.GoArch };
            return u =>
            {
                if (EscapePipeline.Package(u, exports, generics, roots.Contains(u.ImportPath), eopts, DisplayPath, inl) is { } r) reports[u] = r;
            };
        }
        // As go build: a package with errors is not analyzed, nor are the packages that import it (directly or
        // transitively); independent packages still are.
        var (comp, rc) = LoadAndCheck(opts, stderr, afterCheck: Analyze);
        if (comp == null) return rc;
        if (comp.Load.Packages.Count == 0) return rc; // patterns that matched no packages: go build warns and exits 0

        // A main package's default.pgo makes go build compile it and its dependencies with the profile (PGO
        // inlining and devirtualization, interleaved.DevirtualizeAndInlinePackage, even with -l); that is not modelled,
        // so say once per profile that this report is the one without it.
        foreach (var profile in comp.Load.Packages.Select(p => p.PgoProfile).OfType<string>().Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal))
            stderr.WriteLine($"goescape: {DisplayPaths.CompilerPath(profile, cwd, null)}: profile-guided optimization is not modelled; this report is gc's without a profile (as go build -pgo=off)");

        // Type errors: as `go build`, per failing package (dependencies included), and no report for those packages.
        bool failed = PrintTypeErrors(comp, opts, stderr, p => HeaderPath(p, opts));

        // -format without -o: the report replaces the -m text on stdout (errors of the analyzed code still print)
        bool text = opts.Format == null || outPath != null;
        foreach (var u in comp.Packages)
        {
            // A package that failed internally, or depends on one that did, has no complete report: none is printed.
            if (u.Incomplete || !reports.TryGetValue(u, out var r) || r.Messages.Count == 0) continue;
            if (!text && !r.Messages.Any(m => m.IsError)) continue;
            stderr.WriteLine("# " + HeaderPath(r.ImportPath, opts));
            foreach (var m in r.Messages) if (text || m.IsError) stderr.WriteLine(m.Text);
        }
        bool internalErrors = PrintInternalErrors(comp, stderr);
        if (jsonDir != null && !WriteGcJson(comp, reports, jsonDir, display, cwd, stderr)) return 2;
        if (internalErrors) return 3; // a report that lacks a package is not a report: none is written
        if (opts.Format != null)
        {
            string report = Report(opts, comp, reports, display, cwd, heapProfile, profileIndex);
            if (outPath == null) stdout.Write(report);
            else
            {
                try { GoEscape.Report.AtomicFile.Write(outPath, report); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    stderr.WriteLine($"goescape: cannot write report {opts.Output}: {e.Message}");
                    return 2;
                }
            }
        }
        return failed ? 1 : rc;
    }

    /// <summary>
    /// The file name gc sees for each display path: the absolute path the go command passes to the compiler
    /// (pseudo-files such as &lt;autogenerated&gt; as they are); the first in (file, directory) order where several map
    /// to one display path. Shared by -json and -format.
    /// </summary>
    private static Dictionary<string, string> CompilerFiles(ConcurrentDictionary<(string File, string Dir), string> display, string cwd)
    {
        var fileOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (k, v) in display.OrderBy(e => e.Key.File, StringComparer.Ordinal).ThenBy(e => e.Key.Dir, StringComparer.Ordinal))
            fileOf.TryAdd(v, k.File.StartsWith('<') ? k.File : Path.GetFullPath(k.File, cwd));
        return fileOf;
    }

    /// <summary>
    /// -json: each analyzed package's gc optimization log under DIR/PKG/ (logopt.FlushLoggedOpts), in build order. Each
    /// file is written to a temporary file and renamed, so no file is ever half-written; on the first failure the
    /// command stops with one line (exit 2).
    /// </summary>
    private static bool WriteGcJson(Compilation comp, ConcurrentDictionary<PackageUnit, EscapeReport> reports, string dir,
        ConcurrentDictionary<(string File, string Dir), string> display, string cwd, TextWriter stderr)
    {
        var fileOf = CompilerFiles(display, cwd);
        string version = comp.Load.GoRoot?.Version ?? "";
        string goos = comp.Load.Context?.GoOs ?? "linux", goarch = comp.Load.Context?.GoArch ?? "amd64";
        foreach (var u in comp.Packages)
        {
            if (u.Incomplete || !reports.TryGetValue(u, out var r) || r.Opts == null) continue;
            string pkgPath = u.Loaded.CompilerPackagePath.Length > 0 ? u.Loaded.CompilerPackagePath : u.ImportPath;
            var ctx = new GoEscape.Report.GcJson.Context(pkgPath, goos, goarch, version, f => fileOf.GetValueOrDefault(f, f));
            var files = GoEscape.Report.GcJson.Render(r.Opts, ctx);
            string sub = Path.Combine(dir, GoEscape.Report.GcJson.PackageDir(pkgPath));
            try
            {
                Directory.CreateDirectory(sub);
                foreach (var (name, content) in files) GoEscape.Report.AtomicFile.Write(Path.Combine(sub, name), content);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                stderr.WriteLine($"goescape: cannot write -json output in {sub}: {e.Message}");
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// -format: GoEscape's own report (ReportModel) of the analyzed packages, sorted by import path, positions relative
    /// to SRCROOT (the main module's directory; $GOROOT/src when the roots are std packages outside a module; else the
    /// current directory) or GOROOT ($GOROOT/src), absolute otherwise; rendered as JSON or SARIF.
    /// </summary>
    private static string Report(Options opts, Compilation comp, ConcurrentDictionary<PackageUnit, EscapeReport> reports,
        ConcurrentDictionary<(string File, string Dir), string> display, string cwd, GoEscape.Report.Profile.PprofProfile? profile = null, int profileIndex = 0)
    {
        var fileOf = CompilerFiles(display, cwd);
        string? gorootSrc = comp.Load.GoRoot != null ? Path.Combine(comp.Load.GoRoot.Dir, "src") : null;
        string srcRoot = comp.Load.MainModule?.Dir is { Length: > 0 } md ? md
            : gorootSrc != null && comp.Load.Roots.Count > 0 && comp.Load.Roots.All(r => r.Goroot) ? gorootSrc : cwd;
        srcRoot = Path.TrimEndingDirectorySeparator(Path.GetFullPath(srcRoot));
        var roots = new List<KeyValuePair<string, string>> { new("SRCROOT", GoEscape.Report.ReportSarif.DirUri(srcRoot)) };
        bool gorootDistinct = gorootSrc != null && !string.Equals(Path.GetFullPath(gorootSrc), srcRoot, StringComparison.Ordinal);
        if (gorootDistinct) roots.Add(new("GOROOT", GoEscape.Report.ReportSarif.DirUri(Path.GetFullPath(gorootSrc!))));

        static string? Under(string abs, string root)
        {
            string r = root.EndsWith('/') ? root : root + "/";
            return abs.StartsWith(r, StringComparison.Ordinal) ? abs[r.Length..] : null;
        }
        var absOf = new ConcurrentDictionary<(string File, string? Root), string>();
        (string File, string? Root) MapAbs(string abs)
        {
            if (abs.StartsWith('<')) return (abs, null);
            (string, string?) res = Under(abs, srcRoot) is { } rel ? (rel, "SRCROOT")
                : gorootDistinct && Under(abs, Path.GetFullPath(gorootSrc!)) is { } grel ? (grel, "GOROOT") : (abs, null);
            absOf.TryAdd(res, abs);
            return res;
        }
        (string File, string? Root) MapFile(string displayPath)
            => MapAbs(fileOf.TryGetValue(displayPath, out var abs) ? abs : displayPath.StartsWith('<') ? displayPath : Path.GetFullPath(displayPath, cwd));
        // each source file read once, for the classifier, SARIF's columns and the HTML page
        var texts = new ConcurrentDictionary<string, string?>(StringComparer.Ordinal);
        var lines = new ConcurrentDictionary<string, string[]?>(StringComparer.Ordinal);
        string? TextOf(string abs) => texts.GetOrAdd(abs, static f =>
        {
            try { return File.Exists(f) ? File.ReadAllText(f) : null; }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return null; }
        });
        string? LineAt(string abs, int line)
        {
            var ls = lines.GetOrAdd(abs, f => TextOf(f)?.Split('\n'));
            return ls != null && line >= 1 && line <= ls.Length ? ls[line - 1] : null;
        }
        string? SourceLine(GoEscape.IR.XPos p)
        {
            var (f, root) = MapFile(p.File);
            return absOf.TryGetValue((f, root), out var abs) ? LineAt(abs, p.Line) : null;
        }

        var packages = new List<GoEscape.Report.ReportPackage>();
        foreach (var u in comp.Packages)
        {
            if (u.Incomplete || !reports.TryGetValue(u, out var r)) continue;
            if (r.Records == null && r.Inlining == null) continue;
            var mod = u.Loaded.Module;
            string dir = MapAbs(Path.GetFullPath(u.Loaded.Dir.Length > 0 ? u.Loaded.Dir : cwd)).File;
            packages.Add(GoEscape.Report.ReportBuilder.Package(new GoEscape.Report.ReportBuilder.PackageInput(
                HeaderPath(r.ImportPath, opts), u.Loaded.Name, mod?.Path, dir.Length == 0 ? "." : dir,
                r.Records ?? [], r.Inlining, MapFile, SourceLine, r.InlinedCalls)));
        }
        packages.Sort((a, b) => string.CompareOrdinal(a.ImportPath, b.ImportPath));
        string inlining = opts.NoInline ? "off" : opts.InlinabilityOnly ? "inlinability" : "experimental";
        var flags = new GoEscape.Report.ReportFlags(inlining, opts.MLevel, opts.SmallFrames, opts.Test, opts.Tags,
            comp.Load.Context?.GoOs ?? "linux", comp.Load.Context?.GoArch ?? "amd64", opts.Patterns);
        var model = new GoEscape.Report.ReportModel(flags, roots, packages);
        var ranking = profile != null ? GoEscape.Report.Profile.ProfileMatcher.Rank(model, profile, opts.Profile!, profileIndex) : null;
        if (opts.Format == "text" && ranking != null) return GoEscape.Report.Profile.ProfileMatcher.RenderText(ranking);
        if (opts.Format == "json") return GoEscape.Report.ReportJson.Render(model, ranking);
        if (opts.Format == "html")
            return GoEscape.Report.ReportHtml.Render(model, (file, root) => absOf.TryGetValue((file, root), out var abs) ? TextOf(abs) : null, ranking);
        // SARIF columns are Unicode code points; gc's are bytes
        int Column(GoEscape.Report.ReportPos p)
        {
            if (!absOf.TryGetValue((p.File, p.Root), out var abs) || LineAt(abs, p.Line) is not { } line) return p.Column;
            bool ascii = true;
            foreach (char c in line) if (c >= 0x80) { ascii = false; break; }
            if (ascii) return p.Column;
            return line[..GoEscape.Report.GoText.CharIndexOfByteColumn(line, p.Column)].EnumerateRunes().Count() + 1;
        }
        return GoEscape.Report.ReportSarif.Render(model, Column);
    }

    private static string HeaderPath(string importPath, Options opts)
        => importPath == "command-line-arguments" && opts.PackagePath != null ? opts.PackagePath : importPath;
}
