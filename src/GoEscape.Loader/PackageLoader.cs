namespace GoEscape.Loader;

/// <summary>
/// Loads Go packages the way the go command does for <c>go build</c> / <c>go list -deps</c> with CGO_ENABLED=0:
/// finds GOROOT, the main module (go.mod, local replace directives, vendor/modules.txt), expands the patterns
/// (<c>./...</c>, <c>dir/...</c>, directories, import paths, <c>std</c>, <c>cmd</c>, .go files), selects files with the build
/// context and walks the import graph. Never throws for user errors: they are in <see cref="LoadResult.Errors"/> and
/// <see cref="LoadedPackage.Errors"/>.
/// </summary>
public static class PackageLoader
{
    /// <summary>Loads the packages matched by <paramref name="patterns"/> (default ".") and all their dependencies.</summary>
    public static LoadResult Load(LoadConfig config, IReadOnlyList<string> patterns)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(patterns);
        try
        {
            var session = new LoaderSession(config);
            try
            {
                return session.Run(patterns.Count == 0 ? ["."] : patterns);
            }
            catch (LoaderFatalException e)
            {
                return session.FatalResult(e.Message);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // File system failures that the finer-grained handling did not anticipate (a file vanishing while
            // loading, permissions): reported, not thrown.
            return new LoadResult { Errors = ["go: " + e.Message] };
        }
    }
}

internal sealed partial class LoaderSession
{
    private readonly LoadConfig _cfg;
    private readonly string _cwd;
    private GoRoot _goroot = null!;
    private BuildContext _ctx = null!;
    private ModuleInfo? _main;
    private GoMod? _mainMod;
    /// <summary>The main modules: the one main module, or a go.work workspace's modules in use order.</summary>
    private readonly List<ModuleInfo> _mains = [];
    private readonly Dictionary<ModuleInfo, GoMod> _mainMods = new(ReferenceEqualityComparer.Instance);
    /// <summary>The go.work file in workspace mode, else null.</summary>
    private string? _workFile;
    private bool _vendorMode;
    private VendorList? _vendor;
    private ModuleGraph? _graph;
    private bool _modMode;
    private bool _graphErrorReported;
    private readonly Dictionary<ModuleVersion, ModuleInfo> _modules = [];
    private readonly HashSet<ModuleVersion> _notInCacheWarned = [];
    private readonly HashSet<string> _findingWarned = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ModuleInfo> _replaced = new(StringComparer.Ordinal);
    private readonly HashSet<string> _required = new(StringComparer.Ordinal);
    private ModuleInfo _std = null!, _cmd = null!;
    private string _goModNotFound = "";

    private readonly Dictionary<string, LoadedPackage> _pkgs = new(StringComparer.Ordinal);
    private readonly HashSet<LoadedPackage> _inProgress = [];
    private readonly Dictionary<string, ScannedDir> _scanCache = new(StringComparer.Ordinal);
    private readonly List<string> _errors = [];
    private readonly List<string> _warnings = [];

    public LoaderSession(LoadConfig cfg)
    {
        _cfg = cfg;
        _cwd = Path.GetFullPath(cfg.WorkingDir ?? Directory.GetCurrentDirectory());
    }

    public LoadResult Run(IReadOnlyList<string> patterns)
    {
        var goroot = GoRootLocator.Find(_cfg.GoRoot, _cfg.GetEnv, out var err);
        if (goroot is null) return new LoadResult { Errors = [err!] };
        _goroot = goroot;
        if (GoVersions.Minor(goroot.Version) != GoRootLocator.ExpectedMinor)
            _warnings.Add($"goescape: GOROOT {goroot.Dir} is {(goroot.Version.Length > 0 ? goroot.Version : "a development tree")}; GoEscape models Go 1.{GoRootLocator.ExpectedMinor} and results may differ");
        var goos = _cfg.GoOs ?? NonEmpty(GoEnv("GOOS")) ?? "linux";
        var goarch = _cfg.GoArch ?? NonEmpty(GoEnv("GOARCH")) ?? "amd64";
        if (!Platforms.KnownOS.Contains(goos) || !Platforms.KnownArch.Contains(goarch))
            return new LoadResult { GoRoot = goroot, Errors = [$"go: unsupported GOOS/GOARCH pair {goos}/{goarch}"] };
        var tags = _cfg.Tags;
        if (tags.Count == 0)
        {
            // -tags in GOFLAGS applies when none are given explicitly
            foreach (var f in GoStrings.Fields(GoEnv("GOFLAGS") ?? ""))
                if (f.StartsWith("-tags=", StringComparison.Ordinal) || f.StartsWith("--tags=", StringComparison.Ordinal))
                    tags = LoadConfig.ParseTags(f[(f.IndexOf('=') + 1)..]);
        }
        var ctx = BuildContext.Create(goos, goarch, tags, goroot.Minor, GoEnv, out err);
        if (ctx is null) return new LoadResult { GoRoot = goroot, Errors = ["go: " + err] };
        _ctx = ctx;
        var goVer = goroot.LanguageVersion[2..];
        _std = new ModuleInfo("std", goroot.SrcDir, goVer);
        _cmd = new ModuleInfo("cmd", Path.Combine(goroot.SrcDir, "cmd"), goVer);
        FindMainModule();

        var roots = new List<LoadedPackage>();
        var rootSet = new HashSet<LoadedPackage>();
        foreach (var (pattern, pkgs) in ExpandPatterns(patterns))
        {
            foreach (var p in pkgs)
            {
                if (!p.Match.Contains(pattern)) p.Match = [.. p.Match, pattern];
                if (rootSet.Add(p)) roots.Add(p);
            }
        }

        if (_cfg.IncludeTests || _cfg.Test)
            foreach (var r in roots) LoadTestDependencies(r);
        if (_cfg.Test) roots = TestVariants(roots);
        SplitForPgo(roots);

        // models load.PackageList: depth-first post-order over roots, imports in order.
        var all = new List<LoadedPackage>();
        var seen = new HashSet<LoadedPackage>();
        void Walk(LoadedPackage p)
        {
            if (!seen.Add(p)) return;
            foreach (var d in p.Dependencies) Walk(d);
            all.Add(p);
        }
        foreach (var r in roots)
        {
            // models load.TestPackageList when tests are included
            Walk(r);
            foreach (var t in r.TestDependencies) Walk(t);
        }
        ComputeDeps(all);
        var (buildList, buildListError) = BuildListForResult();

        return new LoadResult
        {
            BuildList = buildList,
            BuildListError = buildListError,
            GoRoot = goroot,
            Context = ctx,
            MainModule = _main,
            Packages = all,
            Roots = roots,
            Errors = _errors,
            Warnings = _warnings,
        };
    }

    /// <summary>
    /// With -pgo=auto (the default), a main package root with a default.pgo file gets its dependencies compiled with that
    /// profile; when several roots are loaded, those dependencies are copies named "path [main]"
    /// (models load.setPGOProfilePath and the renaming in go list).
    /// </summary>
    private void SplitForPgo(List<LoadedPackage> roots)
    {
        foreach (var f in GoStrings.Fields(GoEnv("GOFLAGS") ?? ""))
            if (f.StartsWith("-pgo=", StringComparison.Ordinal) && f != "-pgo=auto") return;
        bool copied = false;
        foreach (var pmain in roots)
        {
            if (pmain.Name != "main" || pmain.Dir.Length == 0) continue;
            var file = Path.Combine(pmain.Dir, "default.pgo");
            if (!File.Exists(file)) continue;
            var visited = new Dictionary<LoadedPackage, LoadedPackage>();
            LoadedPackage Split(LoadedPackage p)
            {
                if (visited.TryGetValue(p, out var v)) return v;
                if (roots.Count > 1 && p != pmain)
                {
                    var p1 = p.CloneForMain(pmain.ImportPath);
                    visited[p] = p1;
                    p = p1;
                    copied = true;
                }
                else
                {
                    visited[p] = p;
                }
                p.PgoProfile = file;
                var deps = new List<LoadedPackage>(p.Dependencies);
                for (int i = 0; i < deps.Count; i++) deps[i] = Split(deps[i]);
                p.Dependencies = deps;
                var imported = new Dictionary<string, LoadedPackage>(StringComparer.Ordinal);
                foreach (var (path, dep) in p.ImportedPackages) imported[path] = visited.GetValueOrDefault(dep, dep);
                p.ImportedPackages = imported;
                return p;
            }
            Split(pmain);
        }
        if (!copied) return;
        // Rename copies and the import lists that mention them (models the renaming loop in list.runList).
        var seen = new HashSet<LoadedPackage>();
        var stack = new Stack<LoadedPackage>(roots);
        var all = new List<LoadedPackage>();
        while (stack.Count > 0)
        {
            var p = stack.Pop();
            if (!seen.Add(p)) continue;
            all.Add(p);
            foreach (var d in p.Dependencies) stack.Push(d);
        }
        var oldPath = new Dictionary<LoadedPackage, string>();
        foreach (var p in all)
        {
            oldPath[p] = p.ImportPath;
            if (p.ForMain is not null) p.ImportPath = $"{p.ImportPath} [{p.ForMain}]";
        }
        foreach (var p in all)
        {
            var m = new Dictionary<string, string>(StringComparer.Ordinal);
            foreach (var d in p.Dependencies)
                if (d.ForMain is not null) m[oldPath[d]] = d.ImportPath;
            if (m.Count == 0) continue;
            var resolved = new List<string>(p.ResolvedImports);
            var importMap = new Dictionary<string, string>(StringComparer.Ordinal);
            for (int i = 0; i < resolved.Count; i++)
            {
                if (m.TryGetValue(resolved[i], out var nw)) resolved[i] = nw;
                if (i < p.Imports.Count && resolved[i] != p.Imports[i]) importMap[p.Imports[i]] = resolved[i];
            }
            p.ResolvedImports = resolved;
            p.ImportMap = importMap;
        }
    }

    private Dictionary<string, string>? _goEnvFile;

    /// <summary>
    /// A go command setting: the environment (LoadConfig.Env or the process's), else the go env file that
    /// <c>go env -w</c> writes ($GOENV, default $XDG_CONFIG_HOME/go/env or $HOME/.config/go/env; GOENV=off: none)
    /// (models cfg.Getenv; GOROOT/go.env sets only proxy and toolchain defaults, which the loader does not use).
    /// </summary>
    private string? GoEnv(string key)
    {
        var v = _cfg.GetEnv(key);
        if (!string.IsNullOrEmpty(v)) return v;
        _goEnvFile ??= ReadGoEnvFile();
        return _goEnvFile.GetValueOrDefault(key, v!);
    }

    private Dictionary<string, string> ReadGoEnvFile()
    {
        var env = new Dictionary<string, string>(StringComparer.Ordinal);
        var file = _cfg.GetEnv("GOENV");
        if (file == "off") return env;
        if (string.IsNullOrEmpty(file))
        {
            var config = _cfg.GetEnv("XDG_CONFIG_HOME");
            if (string.IsNullOrEmpty(config))
            {
                var home = _cfg.GetEnv("HOME");
                if (string.IsNullOrEmpty(home)) return env;
                config = Path.Combine(home, ".config");
            }
            file = Path.Combine(config, "go", "env");
        }
        if (!File.Exists(file)) return env;
        foreach (var raw in File.ReadAllLines(file))
        {
            // models cfg.readEnvFile: KEY=VALUE lines; a value may be quoted (go env -w quotes when needed)
            var line = raw.Trim();
            int eq = line.IndexOf('=');
            if (line.Length == 0 || line.StartsWith('#') || eq <= 0) continue;
            var value = line[(eq + 1)..];
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"') value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal);
            env[line[..eq]] = value;
        }
        return env;
    }

    private static string? NonEmpty(string? s) => string.IsNullOrEmpty(s) ? null : s;

    private static void ComputeDeps(List<LoadedPackage> order)
    {
        // order is a post-order: dependencies come first, so their Deps are ready.
        var depSets = new Dictionary<LoadedPackage, HashSet<string>>();
        foreach (var p in order)
        {
            var set = new HashSet<string>(StringComparer.Ordinal);
            bool incomplete = p.Errors.Count > 0;
            foreach (var d in p.Dependencies)
            {
                set.Add(d.ImportPath);
                if (depSets.TryGetValue(d, out var ds)) set.UnionWith(ds);
                if (d.Incomplete) incomplete = true;
            }
            depSets[p] = set;
            var list = new List<string>(set);
            list.Sort(GoStrings.Comparer);
            p.Deps = list;
            p.Incomplete = incomplete;
        }
    }

    private ScannedDir ScanDir(string dir)
    {
        if (!_scanCache.TryGetValue(dir, out var sd))
        {
            sd = DirectoryScanner.Scan(_ctx, dir);
            _scanCache[dir] = sd;
        }
        return sd;
    }

    private bool IsPackageDir(string dir)
    {
        var sd = ScanDir(dir);
        return !sd.Missing && (!sd.NoGo || sd.InvalidGoFiles.Count > 0);
    }

    private string Short(string path) => DisplayPaths.ShortPath(path, _cwd);
}
