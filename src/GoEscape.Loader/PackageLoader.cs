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
        return new LoaderSession(config).Run(patterns.Count == 0 ? ["."] : patterns);
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
    private bool _vendorMode;
    private VendorList? _vendor;
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
        var goos = _cfg.GoOs ?? NonEmpty(_cfg.GetEnv("GOOS")) ?? "linux";
        var goarch = _cfg.GoArch ?? NonEmpty(_cfg.GetEnv("GOARCH")) ?? "amd64";
        if (!Platforms.KnownOS.Contains(goos) || !Platforms.KnownArch.Contains(goarch))
            return new LoadResult { GoRoot = goroot, Errors = [$"go: unsupported GOOS/GOARCH pair {goos}/{goarch}"] };
        var ctx = BuildContext.Create(goos, goarch, _cfg.Tags, goroot.Minor, _cfg.GetEnv, out err);
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

        // models load.PackageList: depth-first post-order over roots, imports in order.
        var all = new List<LoadedPackage>();
        var seen = new HashSet<LoadedPackage>();
        void Walk(LoadedPackage p)
        {
            if (!seen.Add(p)) return;
            foreach (var d in p.Dependencies) Walk(d);
            all.Add(p);
        }
        foreach (var r in roots) Walk(r);
        ComputeDeps(all);

        return new LoadResult
        {
            GoRoot = goroot,
            Context = ctx,
            MainModule = _main,
            Packages = all,
            Roots = roots,
            Errors = _errors,
            Warnings = _warnings,
        };
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
