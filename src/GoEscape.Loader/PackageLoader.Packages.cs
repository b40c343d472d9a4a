namespace GoEscape.Loader;

/// <summary>Where an import path leads: a package directory and module, or an error worded like the go command.</summary>
internal sealed record Resolution(string ImportPath, string? Dir, ModuleInfo? Module, string? Error);

internal sealed partial class LoaderSession
{
    private const string SimdBridgePkg = "simd/internal/bridge";

    /// <summary>Loads (or reuses) the package for a resolution (models load.loadImport + reusePackage).
    /// <paramref name="stk"/> is the import stack of the importer; <paramref name="fromFile"/> is the base name of the
    /// importing file and <paramref name="importPos"/> the shortened "file:line:col" of the import.</summary>
    private LoadedPackage LoadResolved(Resolution r, List<ImportStackEntry> stk, string? fromFile, string? importPos)
    {
        if (_pkgs.TryGetValue(r.ImportPath, out var p))
        {
            if (_inProgress.Contains(p) && p.Errors.Count == 0)
            {
                var cyc = new List<ImportStackEntry>(stk) { new(r.ImportPath, fromFile) };
                p.Errors = [new PackageError("import cycle not allowed") { ImportStack = cyc, IsImportCycle = true }];
            }
            return p;
        }
        p = new LoadedPackage { ImportPath = r.ImportPath };
        _pkgs[r.ImportPath] = p;
        if (r.Error is not null)
        {
            // models setLoadPackageDataError for errors from the module loader: the position is the import's.
            p.Errors = [new PackageError(r.Error) { ImportStack = [.. stk], Position = stk.Count > 0 ? importPos : null }];
            p.Module = r.Module;
            return p;
        }
        Populate(p, r.Dir!, r.Module, ScanDir(r.Dir!), stk, fromFile, isCmdlineFiles: false);
        return p;
    }

    /// <summary>Fills a package from its scanned directory and loads its imports (models load.(*Package).load).</summary>
    private void Populate(LoadedPackage p, string dir, ModuleInfo? module, ScannedDir sd, List<ImportStackEntry> stk,
        string? fromFile, bool isCmdlineFiles)
    {
        p.Dir = dir;
        p.Module = module;
        p.IsCommandLineFiles = isCmdlineFiles;
        p.Goroot = module is not null && (ReferenceEquals(module, _std) || ReferenceEquals(module, _cmd));
        p.IsStandard = p.Goroot && ImportPaths.IsStandardImportPath(p.ImportPath); // cmd/... too, as go list says
        p.Name = sd.Name;
        p.GoVersion = LanguageVersion(module, p.Goroot);
        p.GoFiles = Abs(dir, sd.GoFiles);
        p.SFiles = Abs(dir, sd.SFiles);
        p.SysoFiles = Abs(dir, sd.SysoFiles);
        // models work.gc's -complete and work.pkgPath
        p.IsComplete = !_cfg.CompilerMode && sd.SFiles.Count + sd.SysoFiles.Count == 0 && !(p.IsStandard && p.ImportPath is "bytes" or "internal/poll"
            or "net" or "os" or "runtime/metrics" or "runtime/pprof" or "runtime/trace" or "sync" or "syscall" or "time");
        p.CompilerPackagePath = sd.Name == "main" ? "main" : p.ImportPath;
        p.IgnoredGoFiles = [.. sd.IgnoredGoFiles];
        p.InvalidGoFiles = [.. sd.InvalidGoFiles];
        var fileVers = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var f in sd.GoFiles) fileVers[Path.Combine(dir, f)] = sd.FileGoVersions.GetValueOrDefault(f, "");
        if (_cfg.IncludeTests || _cfg.Test)
        {
            p.TestGoFiles = Abs(dir, sd.TestGoFiles);
            p.XTestGoFiles = Abs(dir, sd.XTestGoFiles);
            p.TestImports = [.. sd.TestImports.Keys];
            p.XTestImports = [.. sd.XTestImports.Keys];
            foreach (var f in sd.TestGoFiles) fileVers[Path.Combine(dir, f)] = sd.FileGoVersions.GetValueOrDefault(f, "");
            foreach (var f in sd.XTestGoFiles) fileVers[Path.Combine(dir, f)] = sd.FileGoVersions.GetValueOrDefault(f, "");
        }
        p.FileGoVersions = fileVers;
        var positions = new Dictionary<string, (string File, int Line, int Column)>(StringComparer.Ordinal);
        foreach (var (imp, pos) in sd.Imports) positions[imp] = (Path.Combine(dir, pos.File), pos.Line, pos.Col);
        if (_cfg.IncludeTests || _cfg.Test)
        {
            foreach (var (imp, pos) in sd.TestImports) positions.TryAdd(imp, (Path.Combine(dir, pos.File), pos.Line, pos.Col));
            foreach (var (imp, pos) in sd.XTestImports) positions.TryAdd(imp, (Path.Combine(dir, pos.File), pos.Line, pos.Col));
        }
        p.ImportPositions = positions;
        p.Imports = [.. sd.Imports.Keys];

        var errors = new List<PackageError>();
        var self = new List<ImportStackEntry>(stk) { new(p.ImportPath, fromFile) };
        // go/build errors (models setLoadPackageDataError)
        if (sd.Missing)
        {
            errors.Add(new PackageError($"stat {dir}: directory not found"));
        }
        else if (sd.Error is not null)
        {
            if (sd.IsScanError)
            {
                var (file, line, col) = sd.ErrorPos!.Value;
                errors.Add(new PackageError(sd.Error) { Position = $"{Short(file)}:{line}:{col}", ImportStack = self });
            }
            else
            {
                errors.Add(new PackageError(sd.Error) { ImportStack = [.. stk] });
            }
        }
        else if (sd.NoGo)
        {
            // models go/build.NoGoError as reported by load.NoGoError. A directory with only test files is not an
            // error for go list (nor for dependencies); go build reports it for explicit roots (see ExpandPatterns).
            errors.Add(new PackageError(sd.NoGoMessage()) { ImportStack = self });
        }
        p.Errors = errors;
        if (sd.Missing) return;

        // Augmented import list (models the addImport calls in load.(*Package).load).
        var importPaths = new List<string>(p.Imports);
        void AddImport(string path)
        {
            if (!importPaths.Contains(path)) importPaths.Add(path);
        }
        if (_ctx.GoArch is "wasm" or "amd64" or "arm64" && p.Imports.Contains("simd")) AddImport(SimdBridgePkg);
        if (p.Name == "main")
        {
            // models load.LinkerDeps
            if (Platforms.ExternalLinkingReason(_ctx.GoOs, _ctx.GoArch) is { } why)
            {
                if (errors.Count == 0)
                    errors.Add(new PackageError($"{why} requires external (cgo) linking, but cgo is not enabled") { ImportStack = [.. stk] });
                p.Errors = errors;
                p.ResolvedImports = [.. p.Imports];
                return;
            }
            AddImport("runtime");
            if (_ctx.GoArch == "arm") AddImport("math");
        }
        _inProgress.Add(p);
        var deps = new List<LoadedPackage>(importPaths.Count);
        var resolved = new List<string>(p.Imports.Count);
        var importMap = new Dictionary<string, string>(StringComparer.Ordinal);
        var imported = new Dictionary<string, LoadedPackage>(StringComparer.Ordinal);
        for (int i = 0; i < importPaths.Count; i++)
        {
            var path = importPaths[i];
            if (path == "C") { if (i < p.Imports.Count) resolved.Add(path); continue; }
            string? posText = null, file = null;
            if (positions.TryGetValue(path, out var ip))
            {
                posText = $"{Short(ip.File)}:{ip.Line}:{ip.Column}";
                file = Path.GetFileName(ip.File);
            }
            var r = Resolve(path, p);
            var dep = LoadResolved(r, self, file, posText);
            if (i < p.Imports.Count)
            {
                resolved.Add(dep.ImportPath);
                imported[path] = dep;
                if (dep.ImportPath != path) importMap[path] = dep.ImportPath;
            }
            deps.Add(dep);
            if (p.Errors.Count == 0 && !_cfg.CompilerMode && CheckImport(p, dep, path, posText, self) is { } perr) errors.Add(perr);
        }
        _inProgress.Remove(p);
        p.Dependencies = deps;
        p.ResolvedImports = resolved;
        p.ImportMap = importMap;
        p.ImportedPackages = imported;
        // p.Errors is still `errors`, unless LoadResolved found an import cycle through p while its imports were
        // loading and recorded that as p's (first) error.
    }

    /// <summary>Loads the imports of a root's _test.go files (models the walk over TestImports/XTestImports in
    /// load.TestPackageList). They are kept apart from <see cref="LoadedPackage.Dependencies"/>: a package's tests
    /// may import packages that import the package itself.</summary>
    private void LoadTestDependencies(LoadedPackage root)
    {
        var list = new List<LoadedPackage>();
        var imported = new Dictionary<string, LoadedPackage>(StringComparer.Ordinal);
        var stk = new List<ImportStackEntry> { new(root.ImportPath, null) };
        foreach (var path in root.TestImports.Concat(root.XTestImports))
        {
            if (path == "C") continue;
            string? posText = null, file = null;
            if (root.ImportPositions.TryGetValue(path, out var ip))
            {
                posText = $"{Short(ip.File)}:{ip.Line}:{ip.Column}";
                file = Path.GetFileName(ip.File);
            }
            var dep = LoadResolved(Resolve(path, root), stk, file, posText);
            imported[path] = dep;
            if (dep != root && !list.Contains(dep)) list.Add(dep);
        }
        root.TestDependencies = list;
        root.TestImportedPackages = imported;
    }

    /// <summary>Import rules checked per import (models disallowInternal and the "is a program" check in loadImport).</summary>
    private PackageError? CheckImport(LoadedPackage importer, LoadedPackage p, string path, string? pos, List<ImportStackEntry> stk)
    {
        if (p.Errors.Count > 0 && p.Dir.Length == 0) return null; // missing package: error is on it
        if (path != SimdBridgePkg && FindInternal(p.ImportPath) is int i)
        {
            bool ok;
            if (p.Goroot)
            {
                // std and cmd packages have no module (go list's Module is nil): the parent of the internal directory
                // must contain the importing directory, so .go files named on the command line from anywhere under
                // GOROOT/src/internal/trace may import internal/trace
                int cut = p.Dir.Length - (p.ImportPath.Length - i);
                var parent = cut > 0 && cut <= p.Dir.Length ? p.Dir[..cut].TrimEnd(Path.DirectorySeparatorChar) : "";
                ok = parent.Length == 0 || importer.Dir == parent || importer.Dir.StartsWith(parent + Path.DirectorySeparatorChar, StringComparison.Ordinal);
            }
            else
            {
                // p is in a module: by import path (golang.org/issue/23970); command-line files count as the import
                // path of their directory ("." outside the main modules, a prefix of nothing)
                string importerPath = importer.IsCommandLineFiles ? DirToImportPath(importer.Dir).Path ?? "." : importer.ImportPath;
                if (importerPath.IndexOf(" [", StringComparison.Ordinal) is int sp and > 0) importerPath = importerPath[..sp]; // "p [p.test]"
                ok = ImportPaths.HasPathPrefix(importerPath, i == 0 ? "" : p.ImportPath[..(i - 1)]);
            }
            if (!ok)
                return new PackageError("use of internal package " + p.ImportPath + " not allowed") { Position = pos, ImportStack = [.. stk], AlwaysPrintStack = true };
        }
        if (p.Name == "main" && importer.Dir != p.Dir)
            return new PackageError($"import \"{path}\" is a program, not an importable package") { Position = pos, ImportStack = [.. stk] };
        return null;
    }

    // models load.findInternal: the index of the last "internal" element.
    private static int? FindInternal(string path)
    {
        if (path.EndsWith("/internal", StringComparison.Ordinal)) return path.Length - "internal".Length;
        int j = path.LastIndexOf("/internal/", StringComparison.Ordinal);
        if (j >= 0) return j + 1;
        if (path == "internal" || path.StartsWith("internal/", StringComparison.Ordinal)) return 0;
        return null;
    }

    private string LanguageVersion(ModuleInfo? module, bool goroot)
    {
        // models the -lang computation in work.gc: toolchain version unless a module says otherwise.
        if (module is null || goroot) return _goroot.LanguageVersion;
        var v = module.GoVersion.Length == 0 ? "1.16" : module.GoVersion;
        int m = GoVersions.Minor(v);
        if (m < 0 || m > _goroot.Minor) return _goroot.LanguageVersion;
        return GoVersions.Lang(v);
    }

    private static List<string> Abs(string dir, List<string> names)
    {
        var list = new List<string>(names.Count);
        foreach (var n in names) list.Add(Path.Combine(dir, n));
        return list;
    }
}
