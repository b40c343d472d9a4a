using GoEscape.Loader;
using GoEscape.Syntax;
using GoEscape.Types;

namespace GoEscape.Driver;

/// <summary>One package flowing through the pipeline: its loaded description, parsed files, and check results.</summary>
public sealed class PackageUnit
{
    public required LoadedPackage Loaded { get; init; }
    public List<Syntax.File> Files { get; } = new();
    public List<SyntaxError> SyntaxErrors { get; } = new();
    public Types.Package? Types { get; internal set; }
    public CheckInfo? Info { get; internal set; }
    public List<CheckError> TypeErrors { get; } = new();
    /// <summary>Set when a dependency failed: the package was not checked (as go build does not compile it).</summary>
    public bool DependencyFailed { get; internal set; }
    /// <summary>Level in the import graph (0: no dependencies).</summary>
    public int Level { get; internal set; }
    /// <summary>Internal failure (a crash in our own code), kept apart from user errors.</summary>
    public Exception? InternalError { get; internal set; }
    /// <summary>Wall time spent type-checking this package.</summary>
    public TimeSpan CheckTime { get; internal set; }

    public string ImportPath => Loaded.ImportPath;
    public bool Failed => SyntaxErrors.Count > 0 || TypeErrors.Count > 0 || Loaded.Errors.Count > 0 || InternalError != null;
}

/// <summary>Options of a compilation.</summary>
public sealed record CompilationOptions
{
    /// <summary>Check function bodies (false: declarations only).</summary>
    public bool CheckBodies { get; init; } = true;
    /// <summary>Worker threads (default: processor count).</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Check every package even when a dependency failed (the go command stops instead).</summary>
    public bool ContinueAfterErrors { get; init; }
}

/// <summary>
/// Parses and type-checks loaded packages in dependency order (the Parse and Check stages of the pipeline). Files are
/// parsed in parallel; packages of one import-graph level are checked in parallel; results do not depend on the
/// scheduling. All work runs on threads with 1 GiB stacks so very deep nesting does not overflow.
/// </summary>
public sealed class Compilation
{
    private readonly Dictionary<string, PackageUnit> _byPath = new();

    public LoadResult Load { get; }
    public CompilationOptions Options { get; }
    /// <summary>All packages in dependency order (the loader's order).</summary>
    public IReadOnlyList<PackageUnit> Packages { get; }

    private Compilation(LoadResult load, CompilationOptions options)
    {
        Load = load;
        Options = options;
        var list = new List<PackageUnit>();
        foreach (var p in load.Packages)
        {
            var u = new PackageUnit { Loaded = p };
            list.Add(u);
            _byPath[p.ImportPath] = u;
        }
        Packages = list;
    }

    public PackageUnit? Get(string importPath) => _byPath.GetValueOrDefault(importPath);

    /// <summary>Parses and checks all packages of the load result.</summary>
    public static Compilation Run(LoadResult load, CompilationOptions? options = null)
    {
        var c = new Compilation(load, options ?? new CompilationOptions());
        var sw = System.Diagnostics.Stopwatch.StartNew();
        c.ParseAll();
        c.ParseTime = sw.Elapsed;
        sw.Restart();
        c.CheckAll();
        c.CheckTime = sw.Elapsed;
        return c;
    }

    /// <summary>Wall time of the parse phase (all files, in parallel).</summary>
    public TimeSpan ParseTime { get; private set; }
    /// <summary>Wall time of the check phase (packages level by level, in parallel within a level).</summary>
    public TimeSpan CheckTime { get; private set; }

    // ------------------------------------------------------------------------------------------------

    private void ParseAll()
    {
        var work = new List<(PackageUnit Unit, int Index, string Path)>();
        foreach (var u in Packages)
        {
            if (u.Loaded.IsUnsafe) continue;
            for (int i = 0; i < u.Loaded.GoFiles.Count; i++)
                work.Add((u, i, Path.Combine(u.Loaded.Dir, u.Loaded.GoFiles[i])));
        }
        var files = new Syntax.File?[work.Count];
        var errs = new List<SyntaxError>[work.Count];
        RunParallel(work.Count, i =>
        {
            var (u, _, path) = work[i];
            var sink = new ErrorSink();
            var opts = new PragmaOptions
            {
                Std = u.Loaded.IsStandard,
                CompilingRuntime = BasePath(u.Loaded) == "runtime",
                PkgPath = BasePath(u.Loaded),
            };
            try
            {
                files[i] = Parser.ParseFile(path, sink, ParseMode.Default, opts);
            }
            catch (IOException e)
            {
                sink.Report(new SyntaxError(default, $"open {path}: {e.Message}"));
            }
            errs[i] = new List<SyntaxError>(sink.Errors);
        });
        for (int i = 0; i < work.Count; i++)
        {
            var u = work[i].Unit;
            if (files[i] is { } f) u.Files.Add(f);
            u.SyntaxErrors.AddRange(errs[i]);
        }
    }

    private void CheckAll()
    {
        // levels
        int maxLevel = 0;
        foreach (var u in Packages)
        {
            int lvl = 0;
            foreach (var d in u.Loaded.Dependencies)
                if (_byPath.TryGetValue(d.ImportPath, out var du)) lvl = Math.Max(lvl, du.Level + 1);
            u.Level = lvl;
            maxLevel = Math.Max(maxLevel, lvl);
        }
        var byLevel = new List<PackageUnit>[maxLevel + 1];
        for (int i = 0; i <= maxLevel; i++) byLevel[i] = new List<PackageUnit>();
        foreach (var u in Packages) byLevel[u.Level].Add(u);
        foreach (var level in byLevel)
        {
            RunParallel(level.Count, i => CheckOne(level[i]));
        }
    }

    private void CheckOne(PackageUnit u)
    {
        var p = u.Loaded;
        if (p.IsUnsafe)
        {
            u.Types = Universe.Unsafe;
            return;
        }
        foreach (var d in p.Dependencies)
        {
            if (_byPath.TryGetValue(d.ImportPath, out var du) && (du.Failed || du.DependencyFailed) && !Options.ContinueAfterErrors)
            {
                u.DependencyFailed = true;
                return;
            }
        }
        if (u.SyntaxErrors.Count > 0 && !Options.ContinueAfterErrors) return;
        var pkg = new Types.Package(BasePath(p), "");
        var conf = new CheckConfig
        {
            GoVersion = p.GoVersion,
            Importer = path =>
            {
                if (path == "unsafe") return Universe.Unsafe;
                // PGO copies ("path [main]") are found through the importer's resolved imports
                if (p.ImportedPackages.TryGetValue(path, out var lp) && _byPath.TryGetValue(lp.ImportPath, out var du0)) return du0.Types;
                if (p.ImportMap.TryGetValue(path, out var mapped)) path = mapped;
                if (path == "unsafe") return Universe.Unsafe;
                return _byPath.TryGetValue(path, out var du) ? du.Types : null;
            },
            IgnoreFuncBodies = !Options.CheckBodies,
            Std = p.IsStandard,
        };
        var checker = new Checker(conf, pkg);
        var sw = System.Diagnostics.Stopwatch.StartNew();
        try
        {
            checker.CheckFiles(u.Files);
        }
        catch (Exception e)
        {
            u.InternalError = e;
        }
        u.CheckTime = sw.Elapsed;
        u.Types = pkg;
        u.Info = checker.Info;
        u.TypeErrors.AddRange(checker.Errors);
    }

    /// <summary>The package's path without the " [main]" suffix that the loader gives PGO copies of dependencies.</summary>
    public static string BasePath(LoadedPackage p)
    {
        var s = p.ImportPath;
        if (p.ForMain != null && s.EndsWith(']'))
        {
            int i = s.IndexOf(" [", StringComparison.Ordinal);
            if (i >= 0) s = s[..i];
        }
        return s;
    }

    /// <summary>Runs body(0..n-1) on worker threads with large stacks; returns when all are done.</summary>
    private void RunParallel(int n, Action<int> body)
    {
        if (n == 0) return;
        int workers = Math.Max(1, Math.Min(Options.Parallelism, n));
        int next = -1;
        Exception? first = null;
        var threads = new Thread[workers];
        for (int w = 0; w < workers; w++)
        {
            threads[w] = new Thread(() =>
            {
                for (; ; )
                {
                    int i = Interlocked.Increment(ref next);
                    if (i >= n) return;
                    try { body(i); }
                    catch (Exception e) { Interlocked.CompareExchange(ref first, e, null); }
                }
            }, SyntaxRunner.LargeStackSize);
            threads[w].Start();
        }
        foreach (var t in threads) t.Join();
        if (first != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(first).Throw();
    }
}
