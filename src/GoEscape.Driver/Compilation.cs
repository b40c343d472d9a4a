using GoEscape.IR;
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
    /// <summary>Internal failure (a crash in our own code) while parsing or checking the package, kept apart from
    /// user errors.</summary>
    public InternalErrorException? InternalError { get; internal set; }
    /// <summary>Internal failure in the package's AfterCheck work (lowering, escape analysis).</summary>
    public InternalErrorException? AnalysisError { get; internal set; }
    /// <summary>Set when the AfterCheck work was not run because a dependency (directly or transitively) failed
    /// internally: its results would depend on the dependency's missing ones.</summary>
    public bool AnalysisBlocked { get; internal set; }
    /// <summary>The package, or one it depends on, failed internally: its results are not complete.</summary>
    public bool Incomplete => InternalError != null || AnalysisError != null || AnalysisBlocked;
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
    /// <summary>Worker threads (default: processor count). Results do not depend on it.</summary>
    public int Parallelism { get; init; } = Environment.ProcessorCount;
    /// <summary>Check every package even when a dependency failed (the go command stops instead).</summary>
    public bool ContinueAfterErrors { get; init; }
    /// <summary>
    /// More work per package (e.g. lowering and escape analysis), run on a worker once the package is checked and
    /// this work is done for all its dependencies. It runs concurrently with the work of packages without a
    /// dependency path to it and with the checks of its importers, so it must only read its dependencies' results
    /// and the package's types, and write the package's own results.
    /// </summary>
    public Action<PackageUnit>? AfterCheck { get; init; }
    /// <summary>
    /// Called on a worker each time a package's check or its AfterCheck work is done, with the counts so far
    /// (checked, analyzed, packages). For a progress display: it must be cheap and must not touch the packages.
    /// </summary>
    public Action<int, int, int>? Progress { get; init; }
}

/// <summary>
/// Parses and type-checks loaded packages in dependency order (the Parse and Check stages of the pipeline), then
/// runs <see cref="CompilationOptions.AfterCheck"/> on each. Packages form a DAG: a package is checked once all its
/// dependencies are checked, and its AfterCheck work runs once theirs is done; idle workers parse files ahead. Results do not depend
/// on the scheduling or the number of workers. All work runs on threads with 1 GiB stacks so very deep nesting
/// does not overflow. An internal failure in one package is kept on it (<see cref="PackageUnit.InternalError"/>,
/// <see cref="PackageUnit.AnalysisError"/>); the AfterCheck work of the packages that depend on it is not run
/// (<see cref="PackageUnit.AnalysisBlocked"/>), the rest of the run goes on. Which packages fail does not depend
/// on the scheduling either: a package fails or is blocked by its own work and its dependencies' outcomes only.
/// </summary>
public sealed class Compilation
{
    private readonly Dictionary<string, PackageUnit> _byPath = new();
    /// <summary>Packages taken checked from <see cref="CheckedPackageCache.Shared"/> (not parsed or checked here).</summary>
    private readonly HashSet<string> _reused = new(StringComparer.Ordinal);
    private readonly HashSet<string> _rootPaths = new(StringComparer.Ordinal);

    public LoadResult Load { get; }
    public CompilationOptions Options { get; }
    /// <summary>All packages in dependency order (the loader's order).</summary>
    public IReadOnlyList<PackageUnit> Packages { get; }

    private Compilation(LoadResult load, CompilationOptions options)
    {
        Load = load;
        Options = options;
        var list = new List<PackageUnit>();
        var cache = CheckedPackageCache.Shared;
        foreach (var r in load.Roots) _rootPaths.Add(r.ImportPath);
        foreach (var p in load.Packages)
        {
            var u = cache?.TryGet(p, _reused) ?? new PackageUnit { Loaded = p };
            if (!ReferenceEquals(u.Loaded, p)) _reused.Add(p.ImportPath);
            list.Add(u);
            _byPath[p.ImportPath] = u;
        }
        Packages = list;
    }

    public PackageUnit? Get(string importPath) => _byPath.GetValueOrDefault(importPath);

    /// <summary>Parses and checks all packages of the load result (and runs the AfterCheck work).</summary>
    public static Compilation Run(LoadResult load, CompilationOptions? options = null)
    {
        var c = new Compilation(load, options ?? new CompilationOptions());
        var sw = System.Diagnostics.Stopwatch.StartNew();
        c.ComputeLevels();
        new Scheduler(c).Run();
        CheckedPackageCache.Shared?.Offer(c);
        c.WallTime = sw.Elapsed;
        return c;
    }

    /// <summary>Time spent parsing (summed over the workers).</summary>
    public TimeSpan ParseTime { get; private set; }
    /// <summary>Time spent type-checking (summed over the workers).</summary>
    public TimeSpan CheckTime { get; private set; }
    /// <summary>Time spent in the AfterCheck work (summed over the workers).</summary>
    public TimeSpan AfterCheckTime { get; private set; }
    /// <summary>Bytes allocated (MiB) while parsing, checking, and in the AfterCheck work.</summary>
    public (long Parse, long Check, long AfterCheck) AllocatedMb { get; private set; }
    /// <summary>Wall time of <see cref="Run"/>.</summary>
    public TimeSpan WallTime { get; private set; }

    // ------------------------------------------------------------------------------------------------

    private void ComputeLevels()
    {
        foreach (var u in Packages)
        {
            int lvl = 0;
            foreach (var d in u.Loaded.Dependencies)
                if (_byPath.TryGetValue(d.ImportPath, out var du)) lvl = Math.Max(lvl, du.Level + 1);
            u.Level = lvl;
        }
    }

    private Syntax.File? ParseFile(PackageUnit u, string path, List<SyntaxError> errors)
    {
        var sink = new ErrorSink();
        var opts = new PragmaOptions
        {
            Std = u.Loaded.IsStandard,
            CompilingRuntime = BasePath(u.Loaded) == "runtime",
            PkgPath = BasePath(u.Loaded),
        };
        Syntax.File? file = null;
        try
        {
            file = Parser.ParseFile(path, sink, ParseMode.Default, opts);
        }
        catch (IOException e)
        {
            sink.Report(new SyntaxError(default, $"open {path}: {e.Message}"));
        }
        errors.AddRange(sink.Errors);
        return file;
    }

    /// <summary>
    /// Runs the per-package work over the import DAG on <see cref="CompilationOptions.Parallelism"/> workers. Each
    /// package has a check task (after its dependencies' checks) and an AfterCheck task (after its own check and its
    /// dependencies' AfterCheck tasks), so importers are checked while a package is still being analyzed. Ready tasks
    /// go first, the one heading the longest chain of work (estimated from source sizes) before others; a worker with
    /// no ready task parses files of waiting packages (in load order) ahead of their check.
    /// </summary>
    private sealed class Scheduler
    {
        private readonly Compilation _c;
        private readonly PackageUnit[] _units;
        // tasks: i = check of package i, n + i = its AfterCheck work (when there is any)
        private readonly int[] _pending;
        private readonly List<int>[] _dependents;
        private readonly long[] _prio;
        private readonly PriorityQueue<int, (long, int)> _ready = new();
        private readonly object _gate = new();
        private int _remaining;
        private int _checkedCount, _analyzedCount;
        // parsing: per package, the file paths, the next file to claim, how many are done, the results
        private readonly string[][] _paths;
        private readonly int[] _nextFile;
        private readonly int[] _filesDone;
        private readonly Syntax.File?[][] _files;
        private readonly List<SyntaxError>[][] _errors;
        private readonly Exception?[][] _parseFailures;
        // per package, its dependencies among the earlier packages (the edges of the DAG)
        private readonly List<int>[] _deps;
        private int _parseCursor;
        private long _parseTicks, _checkTicks, _afterTicks, _parseBytes, _checkBytes, _afterBytes;
        private Exception? _failure;

        public Scheduler(Compilation c)
        {
            _c = c;
            _units = [.. c.Packages];
            int n = _units.Length;
            int tasks = c.Options.AfterCheck != null ? 2 * n : n;
            _pending = new int[tasks];
            _dependents = new List<int>[tasks];
            _prio = new long[tasks];
            _paths = new string[n][];
            _nextFile = new int[n];
            _filesDone = new int[n];
            _files = new Syntax.File?[n][];
            _errors = new List<SyntaxError>[n][];
            _parseFailures = new Exception?[n][];
            _deps = new List<int>[n];
            var index = new Dictionary<PackageUnit, int>(ReferenceEqualityComparer.Instance);
            for (int t = 0; t < tasks; t++) _dependents[t] = [];
            for (int i = 0; i < n; i++)
            {
                index[_units[i]] = i;
                var lp = _units[i].Loaded;
                _paths[i] = lp.IsUnsafe || c._reused.Contains(lp.ImportPath) ? [] : [.. lp.GoFiles.Select(f => Path.Combine(lp.Dir, f))];
                _files[i] = new Syntax.File?[_paths[i].Length];
                _errors[i] = new List<SyntaxError>[_paths[i].Length];
                _parseFailures[i] = new Exception?[_paths[i].Length];
            }
            void Edge(int from, int to)
            {
                _pending[to]++;
                _dependents[from].Add(to);
            }
            for (int i = 0; i < n; i++)
            {
                var seen = new HashSet<int>();
                _deps[i] = [];
                foreach (var d in _units[i].Loaded.Dependencies)
                {
                    // only edges to packages earlier in the (topological) load order: an import cycle cannot deadlock
                    if (c._byPath.TryGetValue(d.ImportPath, out var du) && index[du] is var j && j < i && seen.Add(j))
                    {
                        _deps[i].Add(j);
                        Edge(j, i);
                        if (tasks > n) Edge(n + j, n + i);
                    }
                }
                if (tasks > n) Edge(i, n + i);
            }
            // priority: the task's estimated cost (the package's source size) plus the largest priority among the
            // tasks waiting for it, i.e. the length of the longest chain of work it heads
            for (int i = n - 1; i >= 0; i--)
            {
                long size = 1;
                foreach (var p in _paths[i])
                {
                    try { size += new FileInfo(p).Length; } catch (IOException) { } catch (UnauthorizedAccessException) { }
                }
                if (tasks > n) _prio[n + i] = size + MaxPrio(n + i);
                _prio[i] = size + MaxPrio(i);
            }
            _remaining = tasks;
            for (int t = 0; t < tasks; t++)
                if (_pending[t] == 0) _ready.Enqueue(t, (-_prio[t], t));
        }

        private long MaxPrio(int t)
        {
            long m = 0;
            foreach (var d in _dependents[t]) m = Math.Max(m, _prio[d]);
            return m;
        }

        public void Run()
        {
            if (_units.Length == 0) return;
            int workers = Math.Max(1, Math.Min(_c.Options.Parallelism, _units.Length));
            var threads = new Thread[workers];
            for (int w = 0; w < workers; w++)
            {
                threads[w] = new Thread(Work, SyntaxRunner.LargeStackSize);
                threads[w].Start();
            }
            foreach (var t in threads) t.Join();
            _c.ParseTime = TimeSpan.FromTicks(_parseTicks);
            _c.CheckTime = TimeSpan.FromTicks(_checkTicks);
            _c.AfterCheckTime = TimeSpan.FromTicks(_afterTicks);
            _c.AllocatedMb = (_parseBytes >> 20, _checkBytes >> 20, _afterBytes >> 20);
            if (_failure != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(_failure).Throw();
        }

        private void Work()
        {
            for (; ; )
            {
                int task = -1, parsePkg = -1, parseFile = -1;
                lock (_gate)
                {
                    for (; ; )
                    {
                        if (_remaining == 0) return;
                        if (_ready.TryDequeue(out int t, out _)) { task = t; break; }
                        if (ClaimAhead(out parsePkg, out parseFile)) break;
                        Monitor.Wait(_gate);
                    }
                }
                if (task >= 0)
                {
                    try
                    {
                        if (task < _units.Length) CheckOrFail(task);
                        else AfterCheck(task - _units.Length);
                    }
                    catch (Exception e) { Interlocked.CompareExchange(ref _failure, e, null); }
                    if (_c.Options.Progress is { } progress)
                    {
                        int done = task < _units.Length ? Interlocked.Increment(ref _checkedCount) : Volatile.Read(ref _checkedCount);
                        int analyzed = task < _units.Length ? Volatile.Read(ref _analyzedCount) : Interlocked.Increment(ref _analyzedCount);
                        progress(done, analyzed, _units.Length);
                    }
                    lock (_gate)
                    {
                        _remaining--;
                        foreach (var d in _dependents[task])
                            if (--_pending[d] == 0) _ready.Enqueue(d, (-_prio[d], d));
                        Monitor.PulseAll(_gate);
                    }
                }
                else
                {
                    Parse(parsePkg, parseFile);
                }
            }
        }

        /// <summary>The next unclaimed file of a package that is not being checked yet, in load order (under _gate).</summary>
        private bool ClaimAhead(out int pkg, out int file)
        {
            for (; _parseCursor < _units.Length; _parseCursor++)
            {
                int i = _parseCursor;
                int f = Interlocked.Increment(ref _nextFile[i]) - 1;
                if (f < _paths[i].Length)
                {
                    (pkg, file) = (i, f);
                    return true;
                }
            }
            (pkg, file) = (-1, -1);
            return false;
        }

        private void Parse(int pkg, int file)
        {
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp(), b0 = GC.GetAllocatedBytesForCurrentThread();
            var errs = new List<SyntaxError>();
            try
            {
                _files[pkg][file] = _c.ParseFile(_units[pkg], _paths[pkg][file], errs);
            }
            catch (Exception e) { _parseFailures[pkg][file] = e; }
            _errors[pkg][file] = errs;
            Interlocked.Add(ref _parseTicks, System.Diagnostics.Stopwatch.GetElapsedTime(t0).Ticks);
            Interlocked.Add(ref _parseBytes, GC.GetAllocatedBytesForCurrentThread() - b0);
            lock (_gate)
            {
                if (++_filesDone[pkg] == _paths[pkg].Length) Monitor.PulseAll(_gate);
            }
        }

        private void CheckOrFail(int i)
        {
            try
            {
                Check(i);
            }
            catch (Exception e)
            {
                _units[i].InternalError ??= InternalErrorException.Wrap(_units[i].ImportPath, null, e);
            }
        }

        private void Check(int i)
        {
            var u = _units[i];
            if (_c._reused.Contains(u.ImportPath)) return;
            // parse what no worker has claimed yet, then wait for the files being parsed elsewhere
            for (int f; (f = Interlocked.Increment(ref _nextFile[i]) - 1) < _paths[i].Length;) Parse(i, f);
            lock (_gate)
            {
                while (_filesDone[i] < _paths[i].Length) Monitor.Wait(_gate);
            }
            for (int f = 0; f < _paths[i].Length; f++)
            {
                if (_files[i][f] is { } file) u.Files.Add(file);
                u.SyntaxErrors.AddRange(_errors[i][f]);
                // the first failing file in the package's order, whichever worker parsed it
                if (_parseFailures[i][f] is { } pf && u.InternalError == null)
                    u.InternalError = InternalErrorException.Wrap(u.ImportPath, "parsing " + _paths[i][f], pf);
            }
            _files[i] = [];
            if (u.InternalError != null) return;
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp(), b0 = GC.GetAllocatedBytesForCurrentThread();
            _c.CheckOne(u);
            Interlocked.Add(ref _checkTicks, System.Diagnostics.Stopwatch.GetElapsedTime(t0).Ticks);
            Interlocked.Add(ref _checkBytes, GC.GetAllocatedBytesForCurrentThread() - b0);
        }

        private void AfterCheck(int i)
        {
            var u = _units[i];
            foreach (int j in _deps[i])
            {
                if (_units[j].Incomplete)
                {
                    u.AnalysisBlocked = true;
                    return;
                }
            }
            if (u.InternalError != null) return; // its check failed: there is nothing to analyze
            // a kept package analyzed by an earlier compilation (into the cache's tables), not reported here
            if (_c._reused.Contains(u.ImportPath) && !_c._rootPaths.Contains(u.ImportPath) &&
                CheckedPackageCache.Shared?.IsAnalyzed(u) == true) return;
            long t0 = System.Diagnostics.Stopwatch.GetTimestamp(), b0 = GC.GetAllocatedBytesForCurrentThread();
            try
            {
                _c.Options.AfterCheck!(u);
            }
            catch (Exception e)
            {
                u.AnalysisError = InternalErrorException.Wrap(u.ImportPath, null, e);
            }
            Interlocked.Add(ref _afterTicks, System.Diagnostics.Stopwatch.GetElapsedTime(t0).Ticks);
            Interlocked.Add(ref _afterBytes, GC.GetAllocatedBytesForCurrentThread() - b0);
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
            u.InternalError = InternalErrorException.Wrap(u.ImportPath, null, e);
        }
        u.CheckTime = sw.Elapsed;
        u.Types = pkg;
        u.Info = checker.Info;
        foreach (var e in checker.Errors) u.TypeErrors.Add(WithVersionHint(e, u, checker.Info));
        // gc runs the noder's writer only on a package types2 accepted: its errors come after type checking
        if (u.TypeErrors.Count == 0 && u.InternalError == null) NoderChecks(u);
    }

    private static readonly System.Text.RegularExpressions.Regex VersionErrorRx =
        new(@"requires go[0-9]+\.[0-9]+ or later", System.Text.RegularExpressions.RegexOptions.CultureInvariant);

    /// <summary>
    /// Models the conf.Error hook of noder.checkFiles: a language-version error says where the version came from, the
    /// file's //go:build line when that line set the file's version, otherwise the package's -lang.
    /// </summary>
    private static CheckError WithVersionHint(CheckError e, PackageUnit u, CheckInfo info)
    {
        if (!VersionErrorRx.IsMatch(e.Msg)) return e;
        var fb = e.Pos.FileBase;
        Syntax.File? file = null;
        foreach (var f in u.Files)
            if (ReferenceEquals(f.Base, fb)) { file = f; break; }
        if (file == null || !info.FileVersions.TryGetValue(file, out var fileVersion)) return e;
        return file.GoVersion == fileVersion
            ? e with { Msg = $"{e.Msg} (file declares //go:build {fileVersion})" }
            : e with { Msg = $"{e.Msg} (-lang was set to {u.Loaded.GoVersion}; check go.mod)" };
    }

    /// <summary>
    /// The errors of gc's unified IR writer on a type-checked package (models noder's pkgWriter.funcDecl check
    /// under base.Flag.Complete: a function without body is an error in a complete package, and an init function
    /// without body always, unless a //go:linkname names it or it is a //go:wasmimport). The writer reaches the
    /// functions through the package scope in name order (publicRootWriter over scope.Names()), methods with their
    /// receiver type, init functions last; blank functions are never written. gc stops counting at 10 errors, so
    /// the order in which they are reported decides which 10 are printed.
    /// </summary>
    private static void NoderChecks(PackageUnit u)
    {
        // pkgWriter.collectDecls: directive placement and //go:linkname targets, file by file, before the functions
        var scope = u.Types!.Scope;
        bool go118 = GoEscape.Types.GoVersions.Parse(u.Loaded.GoVersion).CompareTo(GoEscape.Types.GoVersions.Go1_18) >= 0;
        var linkSeen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in u.Files)
        {
            if (f.Broken) continue;
            PragmaChecks.CheckPlacement(f, (pos, msg) => u.TypeErrors.Add(new CheckError(pos, msg, false)),
                name => scope.Lookup(name) is Types.Func or Types.Var, go118, linkSeen);
        }
        var linknamed = new HashSet<string>(StringComparer.Ordinal);
        foreach (var f in u.Files)
            foreach (var l in f.Linknames) linknamed.Add(l.Local);
        var found = new List<(string Key, int Group, int Seq, Pos Pos)>();
        int seq = 0;
        foreach (var f in u.Files)
        {
            if (f.Broken) continue;
            foreach (var d in f.DeclList)
            {
                if (d is not FuncDecl { Body: null } fd || fd.TParamList is { Count: > 0 }) continue;
                seq++;
                string name = fd.Name.Value;
                if (name == "_") continue;
                if (!u.Loaded.IsComplete && name != "init") continue;
                // w.p.linknames is keyed by the package-level object: methods are never linknamed
                if (fd.Recv == null && linknamed.Contains(name)) continue;
                if (fd.Pragma?.WasmImport != null) continue;
                if (fd.Recv != null) found.Add((ReceiverBaseName(fd.Recv.Type), 1, seq, fd.Pos));
                else if (name == "init") found.Add(("", 2, seq, fd.Pos));
                else found.Add((name, 0, seq, fd.Pos));
            }
        }
        found.Sort((x, y) =>
        {
            int c = (x.Group == 2).CompareTo(y.Group == 2);
            if (c == 0) c = string.CompareOrdinal(x.Key, y.Key);
            if (c == 0) c = x.Group.CompareTo(y.Group);
            return c != 0 ? c : x.Seq.CompareTo(y.Seq);
        });
        foreach (var e in found) u.TypeErrors.Add(new CheckError(e.Pos, "missing function body", false));

        static string ReceiverBaseName(Syntax.Expr? t) => t switch
        {
            Syntax.Operation { Op: Operator.Mul, Y: null } star => ReceiverBaseName(star.X),
            Syntax.ParenExpr pe => ReceiverBaseName(pe.X),
            Syntax.IndexExpr ix => ReceiverBaseName(ix.X),
            Syntax.Name n => n.Value,
            _ => "",
        };
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
}
