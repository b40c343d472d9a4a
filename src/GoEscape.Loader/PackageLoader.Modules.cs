namespace GoEscape.Loader;

internal sealed partial class LoaderSession
{
    private const string GoModNotFound = "go.mod file not found in current directory or any parent directory; see 'go help modules'";
    private readonly Dictionary<string, bool> _stdPkgCache = new(StringComparer.Ordinal);

    /// <summary>The -mod setting: LoadConfig.ModFlag, else GOFLAGS's -mod= (models the build flag and base.InGOFLAGS).</summary>
    private string ModFlag()
    {
        if (_cfg.ModFlag is { } explicitMod) return explicitMod;
        var modFlag = "";
        foreach (var f in GoStrings.Fields(GoEnv("GOFLAGS") ?? ""))
            if (f.StartsWith("-mod=", StringComparison.Ordinal) || f.StartsWith("--mod=", StringComparison.Ordinal)) modFlag = f[(f.IndexOf('=') + 1)..];
        return modFlag;
    }

    /// <summary>The -modfile setting: LoadConfig.ModFile, else GOFLAGS's -modfile=, or "".</summary>
    private string ModFileFlag()
    {
        if (_cfg.ModFile is { } explicitFile) return explicitFile;
        var file = "";
        foreach (var f in GoStrings.Fields(GoEnv("GOFLAGS") ?? ""))
            if (f.StartsWith("-modfile=", StringComparison.Ordinal) || f.StartsWith("--modfile=", StringComparison.Ordinal)) file = f[(f.IndexOf('=') + 1)..];
        return file;
    }

    /// <summary>Finds go.work or go.mod from the working directory upward and reads it (models modload.Init and
    /// loadModFile, GOPATH-less).</summary>
    private void FindMainModule()
    {
        var modFlag = ModFlag();
        // models the -mod check of work.BuildInit
        if (modFlag is not ("" or "mod" or "readonly" or "vendor"))
            throw new LoaderFatalException($"go: -mod={modFlag} not supported (can be '', 'mod', 'readonly', or 'vendor')");
        var modFile = ModFileFlag();

        if (GoEnv("GO111MODULE") == "off")
            _warnings.Add("goescape: GO111MODULE=off (GOPATH mode) is not supported; loading in module mode");
        if (FindGoWork() is { } work)
        {
            if (modFile.Length > 0) throw new LoaderFatalException("go: -modfile cannot be used in workspace mode");
            LoadWorkspace(work, modFlag);
            return;
        }
        string? root = null;
        for (var d = _cwd; d is not null; d = Path.GetDirectoryName(d))
        {
            if (File.Exists(Path.Combine(d, "go.mod"))) { root = d; break; }
        }
        if (root is null && modFile.Length > 0)
            throw new LoaderFatalException("go: cannot find main module, but -modfile was set.\n\t-modfile cannot be used to set the module root directory.");
        if (modFile.Length > 0 && !modFile.EndsWith(".mod", StringComparison.Ordinal))
            throw new LoaderFatalException($"go: -modfile={modFile}: file does not have .mod extension");
        if (root is null) { _goModNotFound = GoModNotFound; return; }
        if (root == _goroot.SrcDir) { _main = _std with { IsMain = true }; _std = _main; _mains.Add(_main); return; }
        if (root == _cmd.Dir) { _main = _cmd with { IsMain = true }; _cmd = _main; _mains.Add(_main); return; }

        // -modfile: go.mod is read from FILE (and go.sum from FILE with .sum); the module root stays where go.mod is
        var goModFile = modFile.Length > 0 ? Path.GetFullPath(Path.Combine(_cwd, modFile)) : Path.Combine(root, "go.mod");
        if (!File.Exists(goModFile))
            throw new LoaderFatalException($"go: reading {Short(goModFile)}: open {goModFile}: no such file or directory");
        var mod = GoMod.ParseFile(goModFile);
        _mainMod = mod;
        if (mod.Errors.Count > 0) _errors.Add("go: errors parsing go.mod:\n" + string.Join("\n", mod.Errors));
        if (mod.ModulePath.Length == 0)
            _errors.Add("go: error reading go.mod: missing module declaration. To specify the module path:\n\tgo mod edit -module=example.com/mod");
        _main = new ModuleInfo(mod.ModulePath, root, mod.GoVersion) { IsMain = true };
        _mains.Add(_main);
        _mainMods[_main] = mod;
        // models the toolchain check in modload (with GOTOOLCHAIN=local: no switching)
        var local = LocalGoVersion();
        if (mod.GoVersion.Length > 0 && local.Length > 0 && GoVersions.Compare(mod.GoVersion, local) > 0)
            _errors.Add($"go: go.mod requires go >= {mod.GoVersion} (running go {local}; GOTOOLCHAIN=local)");
        foreach (var r in mod.Requires) _required.Add(r.Path);
        foreach (var rep in mod.Replaces)
        {
            if (!rep.IsLocal) continue;
            var dir = Path.GetFullPath(Path.Combine(root, rep.New.Path));
            var goVer = "";
            var gm = Path.Combine(dir, "go.mod");
            if (File.Exists(gm)) goVer = GoMod.ParseFile(gm).GoVersion;
            var version = "";
            foreach (var r in mod.Requires) if (r.Path == rep.Old.Path) version = r.Version;
            if (rep.Old.Version.Length > 0 && rep.Old.Version != version) continue;
            _replaced[rep.Old.Path] = new ModuleInfo(rep.Old.Path, dir, goVer) { Version = version, Replace = rep.New };
        }
        bool vendorDirExists = Directory.Exists(Path.Combine(root, "vendor"));
        int goMinor = GoVersions.Minor(mod.GoVersion);
        _vendorMode = modFlag == "vendor" || (modFlag.Length == 0 && vendorDirExists && goMinor >= 14);
        if (_vendorMode) _vendor = VendorList.Read(Path.Combine(root, "vendor"));
        else
        {
            _modMode = modFlag == "mod";
            var cacheRoot = ModuleCache.Locate(GoEnv);
            _graph = new ModuleGraph(mod, root, cacheRoot is null ? null : new ModuleCache(cacheRoot), GoSum.Read(goModFile[..^".mod".Length] + ".sum"),
                mustHaveSums: !_modMode, local, _warnings, _modMode, modFlag,
                // base.ShortPath of a file that may not exist (sameFile accepts two missing files)
                p => Path.GetRelativePath(_cwd, p) is var rel && !Path.IsPathRooted(rel) && rel.Length < p.Length ? rel : p);
        }
    }

    /// <summary>The build list as go list -m all prints it (null outside an ordinary module or in vendor mode), and the
    /// error reading the module graph, if any.</summary>
    private (IReadOnlyList<ListedModule>? List, string? Error) BuildListForResult()
    {
        if (_graph is null || _main is null) return (null, null);
        try
        {
            _graph.Graph();
        }
        catch (LoaderFatalException e)
        {
            return (null, e.Message);
        }
        var list = new List<ListedModule>();
        foreach (var mm in _mains) list.Add(new(mm.Path, "", null));
        foreach (var m in _graph.BuildList())
        {
            ModuleVersion? shown = null;
            // as written in go.mod: a directory replacement keeps its relative spelling
            if (_graph.Replacement(m.Path, m.Version) is not null) shown = _graph.SpelledReplacement(m.Path, m.Version);
            list.Add(new ListedModule(m.Path, m.Version, shown));
        }
        return (list, _graph.Graph().Error is { } err ? "go: " + err : null);
    }

    /// <summary>The result of a load the go command would have stopped: the warnings so far and the one error.</summary>
    internal LoadResult FatalResult(string message)
    {
        var (buildList, buildListError) = BuildListForResult();
        return new() { GoRoot = _goroot, Context = _ctx, MainModule = _main, Errors = [message], Warnings = _warnings, BuildList = buildList, BuildListError = buildListError };
    }

    /// <summary>The ModuleInfo of a module of the build list, one object per module version (directory replacements
    /// share the object <see cref="DirToImportPath"/> uses).</summary>
    private ModuleInfo CachedModule(string path, string version, string dir, ModuleVersion? replace)
    {
        if (replace is { Version.Length: 0 } && _replaced.TryGetValue(path, out var rm) && rm.Dir == dir) return rm;
        var key = new ModuleVersion(path, version);
        if (_modules.TryGetValue(key, out var m)) return m;
        var (summary, _) = _graph!.Summary(key);
        m = new ModuleInfo(path, dir, summary?.GoVersion ?? "") { Version = version, Replace = replace };
        _modules[key] = m;
        return m;
    }

    /// <summary>
    /// Finds the one module of the build list that provides an import path (models modload.importFromModules): the
    /// longest module path prefix first; the go.mod's own requirements first, then (when the package is in none of
    /// them) the whole module graph; a package in two modules is ambiguous.
    /// </summary>
    private Resolution ImportFromModules(string path, LoadedPackage? importer)
    {
        bool full = !_graph!.Pruned;
        if (full && !_graphErrorReported && _graph.Graph().Error is { } uerr)
        {
            // an unpruned main module reads its whole graph before loading packages: an error there stops the build
            _graphErrorReported = true;
            _errors.Add("go: " + uerr);
        }
        while (true)
        {
            var found = new List<(ModuleInfo Mod, string Dir)>();
            var sumErrMods = new List<string>();
            ModuleGraph.Selection? sel = full ? _graph.Graph() : null;
            for (var prefix = path; prefix != "."; prefix = ImportPaths.PathDir(prefix))
            {
                if (MainModuleByPath(prefix) is { } mm)
                {
                    if (DirInModule(path, mm.Path, mm.Dir) is { } md) found.Add((mm, md));
                    continue;
                }
                var v = sel is not null ? sel.Selected.GetValueOrDefault(prefix) : _graph.RootVersion(prefix);
                if (v is null or "none") continue;
                // models modload.fetch
                var rep = _graph.Replacement(prefix, v);
                string root;
                if (rep is { Version.Length: 0 })
                {
                    root = rep.Path;
                    if (!Directory.Exists(root))
                        return new Resolution(path, null, null, $"{prefix}@{v}: replacement directory {_graph.SpelledReplacement(prefix, v).Path} does not exist");
                    if (DirInModule(path, prefix, root) is { } rd) found.Add((CachedModule(prefix, v, root, rep), rd));
                    continue;
                }
                var actual = rep ?? new ModuleVersion(prefix, v);
                if (_graph.MustHaveSums && !_graph.Sum.Has(actual.Path, actual.Version))
                {
                    sumErrMods.Add(prefix);
                    continue;
                }
                root = _graph.Cache?.SourceDir(actual.Path, actual.Version) ?? "";
                if (root.Length == 0 || !Directory.Exists(root))
                {
                    if (_notInCacheWarned.Add(actual))
                        _warnings.Add($"goescape: {actual.Path}@{actual.Version} is not in the module cache ({(_graph.Cache?.Root ?? "no GOMODCACHE, GOPATH or HOME")}); GoEscape never downloads: run 'go mod download {actual.Path}@{actual.Version}'");
                    return new Resolution(path, null, null, ModuleGraph.NotInCache);
                }
                if (ZipHashMismatch(actual) is { } mismatch) throw new LoaderFatalException(mismatch);
                // dirInModule for a module in the cache: no nested-module check (the zip holds none)
                var rel = path == prefix ? "" : path[(prefix.Length + 1)..];
                var dir = rel.Length == 0 ? root : Path.Combine(root, rel.Replace('/', Path.DirectorySeparatorChar));
                if (HasGoFiles(dir)) found.Add((CachedModule(prefix, v, root, rep), dir));
            }
            if (found.Count > 1)
            {
                found.Reverse(); // shortest module path first, as AmbiguousImportError lists them
                var lines = new List<string>();
                foreach (var (m, d) in found) lines.Add($"\t{m.Path}{(m.Version.Length > 0 ? " " + m.Version : "")} ({d})");
                return new Resolution(path, null, null, $"ambiguous import: found package {path} in multiple modules:\n{string.Join("\n", lines)}");
            }
            if (sumErrMods.Count > 0)
            {
                sumErrMods.Reverse();
                // models ImportMissingSumError.Error
                var paren = importer is null ? "" : $" (imported by {importer.ImportPath})";
                var msg = found.Count > 0
                    ? $"missing go.sum entry needed to verify package {path}{paren} is provided by exactly one module"
                    : $"missing go.sum entry for module providing package {path}{paren}";
                var hint = importer is null ? $"; to add:\n\tgo mod download {string.Join(" ", sumErrMods)}" : $"; to add:\n\tgo get {importer.ImportPath}";
                return new Resolution(path, null, null, msg + hint);
            }
            if (found.Count == 1)
            {
                var (m, d) = found[0];
                // the go version of the module (its go.mod) is needed to compile it
                var mv = new ModuleVersion(m.Path, m.Version);
                if (!m.IsMain && _graph.Summary(mv).Error is { } err)
                {
                    if (_graph.TooNewFatal(mv) is { } fatal) throw new LoaderFatalException(fatal);
                    return new Resolution(path, null, null, err);
                }
                return new Resolution(path, d, m, null);
            }
            if (full) return ImportMissing(path);
            full = true;
            if (_graph.Graph().Error is { } gerr) return new Resolution(path, null, null, gerr);
        }
    }

    /// <summary>go.sum's zip line against the .ziphash the cache recorded at download (models modfetch.checkMod;
    /// the zip itself is not hashed again).</summary>
    private string? ZipHashMismatch(ModuleVersion m)
    {
        var want = _graph!.Sum.Hashes(m.Path, m.Version);
        if (want.Count == 0 || _graph.Cache is null) return null;
        var file = _graph.Cache.ZipHashFile(m.Path, m.Version);
        if (!File.Exists(file)) return null;
        var h = File.ReadAllText(file).Trim();
        foreach (var w in want) if (w == h) return null;
        return ModuleGraph.ChecksumMismatch(m.Path, m.Version, h, want[0]);
    }

    /// <summary>No module of the build list provides the package (models ImportMissingError.Error; with -mod=mod the go
    /// command would look the path up, which GOPROXY=off refuses).</summary>
    private Resolution ImportMissing(string path)
    {
        for (var prefix = path; prefix != "."; prefix = ImportPaths.PathDir(prefix))
        {
            if (_replaced.TryGetValue(prefix, out _) && !_required.Contains(prefix))
                return new Resolution(path, null, null, $"module {prefix} provides package {path} and is replaced but not required; to add it:\n\tgo get {prefix}");
        }
        if (ImportPaths.IsStandardImportPath(path)) return NotInStd(path);
        if (_modMode)
        {
            if (_findingWarned.Add(path)) _warnings.Add($"go: finding module for package {path}");
            return new Resolution(path, null, null, $"cannot find module providing package {path}: {ModuleGraph.NotInCache}");
        }
        return new Resolution(path, null, null, $"no required module provides package {path}; to add it:\n\tgo get {path}");
    }

    /// <summary>Whether GOROOT/src/path holds a package: a directory with a .go file (models goroot.IsStandardPackage).</summary>
    private bool IsStandardPackage(string path)
    {
        if (_stdPkgCache.TryGetValue(path, out var ok)) return ok;
        ok = HasGoFiles(Path.Combine(_goroot.SrcDir, path.Replace('/', Path.DirectorySeparatorChar)));
        _stdPkgCache[path] = ok;
        return ok;
    }

    private static bool HasGoFiles(string dir)
    {
        if (!Directory.Exists(dir)) return false;
        try
        {
            foreach (var f in Directory.EnumerateFiles(dir, "*.go")) if (f.EndsWith(".go", StringComparison.Ordinal)) return true;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException) { }
        return false;
    }

    /// <summary>
    /// Resolves an import path as written in <paramref name="importer"/> (null for command-line import paths)
    /// (models modload.Lookup with pkgLoader.stdVendor, and modload.importFromModules for local modules).
    /// </summary>
    private Resolution Resolve(string path, LoadedPackage? importer)
    {
        if (path.StartsWith("./", StringComparison.Ordinal) || path.StartsWith("../", StringComparison.Ordinal) || path is "." or "..")
            return new Resolution(path, null, null, $"\"{path}\" is relative, but relative import paths are not supported in module mode");
        if (Path.IsPathRooted(path))
            return new Resolution(path, null, null, $"\"{path}\" is not a package path; see 'go help packages'");
        if (path is "std" or "cmd" or "all" or "tool" or "work")
            return new Resolution(path, null, null, $"\"{path}\" is not an importable package; see 'go help packages'");

        if (importer is { Goroot: true }) path = StdVendor(importer.ImportPath, path);

        bool pathIsStd = ImportPaths.IsStandardImportPath(path);
        if (pathIsStd && IsStandardPackage(path))
        {
            var mod = ImportPaths.HasPathPrefix(path, "cmd") ? _cmd : _std;
            return new Resolution(path, Path.Combine(_goroot.SrcDir, path.Replace('/', Path.DirectorySeparatorChar)), mod, null);
        }

        if (_main is null || _main.Path is "std" or "cmd")
        {
            if (pathIsStd) return NotInStd(path);
            return new Resolution(path, null, null, $"no required module provides package {path}: {_goModNotFound}");
        }

        var found = new List<(ModuleInfo? Mod, string Dir)>();
        if (_vendorMode)
        {
            if (DirInModule(path, _main.Path, _main.Dir) is { } md) found.Add((_main, md));
            var vdir = Path.Combine(_main.Dir, "vendor", path.Replace('/', Path.DirectorySeparatorChar));
            if (HasGoFiles(vdir))
            {
                if (_vendor!.PackageModule.TryGetValue(path, out var vm))
                {
                    var goVer = _vendor.ModuleGoVersion.GetValueOrDefault(vm.Path, "");
                    found.Add((new ModuleInfo(vm.Path, Path.Combine(_main.Dir, "vendor", vm.Path.Replace('/', Path.DirectorySeparatorChar)), goVer) { Version = vm.Version }, vdir));
                }
                else if (GoVersions.Minor(_main.GoVersion) < 23)
                {
                    found.Add((null, vdir)); // vendored without a modules.txt entry: no module (gc gets the toolchain -lang)
                }
                else
                {
                    _warnings.Add($"go: ignoring package {path} which exists in the vendor directory but is missing from vendor/modules.txt. To sync the vendor directory run go mod vendor.");
                }
            }
        }
        else
        {
            return ImportFromModules(path, importer);
        }
        if (found.Count > 1)
        {
            var lines = new List<string>();
            foreach (var (m, d) in found) lines.Add(m is { Path.Length: > 0 } ? $"\t{m.Path} ({d})" : "\t" + d);
            return new Resolution(path, null, null, $"ambiguous import: found package {path} in multiple directories:\n{string.Join("\n", lines)}");
        }
        if (found.Count == 1) return new Resolution(path, found[0].Dir, found[0].Mod, null);
        if (pathIsStd) return NotInStd(path);
        return new Resolution(path, null, null, $"no required module provides package {path}; to add it:\n\tgo get {path}");
    }

    private Resolution NotInStd(string path)
        => new(path, null, null, $"package {path} is not in std ({Path.Combine(_goroot.SrcDir, path.Replace('/', Path.DirectorySeparatorChar))})");

    // models modload.dirInModule for local modules: the directory must exist, hold .go files, and not belong to a nested module.
    private static string? DirInModule(string path, string modPath, string modRoot)
    {
        string rel;
        if (path == modPath) rel = "";
        else if (path.StartsWith(modPath + "/", StringComparison.Ordinal)) rel = path[(modPath.Length + 1)..];
        else return null;
        var dir = rel.Length == 0 ? modRoot : Path.Combine(modRoot, rel.Replace('/', Path.DirectorySeparatorChar));
        if (rel.Length > 0)
        {
            for (var d = dir; d.Length > modRoot.Length; d = Path.GetDirectoryName(d)!)
                if (File.Exists(Path.Combine(d, "go.mod"))) return null;
        }
        return HasGoFiles(dir) ? dir : null;
    }

    // models modload.(*packageLoader).stdVendor (GOFIPS140=off: no fips140 snapshot redirection)
    private string StdVendor(string parentPath, string path)
    {
        if (ImportPaths.IsStandardImportPath(path)) return path;
        if (ImportPaths.HasPathPrefix(parentPath, "cmd"))
        {
            var vp = "cmd/vendor/" + path;
            if (Directory.Exists(Path.Combine(_goroot.SrcDir, vp.Replace('/', Path.DirectorySeparatorChar)))) return vp;
        }
        else
        {
            var vp = "vendor/" + path;
            if (Directory.Exists(Path.Combine(_goroot.SrcDir, vp.Replace('/', Path.DirectorySeparatorChar)))) return vp;
        }
        return path;
    }

    /// <summary>The import path and module of a directory (models modload's resolveLocalPackage), or an error.</summary>
    private (string? Path, ModuleInfo? Module, string? Error) DirToImportPath(string absDir)
    {
        var src = _goroot.SrcDir;
        if (IsUnder(absDir, src))
        {
            var rel = Path.GetRelativePath(src, absDir).Replace(Path.DirectorySeparatorChar, '/');
            if (rel == ".") return (null, null, $"directory {Short(absDir)} outside modules listed in go.work or their selected dependencies");
            return (rel, ImportPaths.HasPathPrefix(rel, "cmd") ? _cmd : _std, null);
        }
        if (_main is null) return (null, null, "go: " + (_goModNotFound.Length > 0 ? _goModNotFound : GoModNotFound));
        if (MainModuleOfDir(absDir) is { } main)
        {
            var rel = Path.GetRelativePath(main.Dir, absDir).Replace(Path.DirectorySeparatorChar, '/');
            if (_vendorMode && ImportPaths.HasPathPrefix(rel, "vendor"))
            {
                var vpath = rel == "vendor" ? "" : rel["vendor/".Length..];
                if (vpath.Length > 0 && _vendor!.PackageModule.TryGetValue(vpath, out var vm))
                    return (vpath, new ModuleInfo(vm.Path, Path.Combine(_main.Dir, "vendor", vm.Path.Replace('/', Path.DirectorySeparatorChar)), _vendor.ModuleGoVersion.GetValueOrDefault(vm.Path, "")) { Version = vm.Version }, null);
            }
            return (rel == "." ? main.Path : main.Path + "/" + rel, main, null);
        }
        foreach (var m in _replaced.Values)
        {
            if (_required.Contains(m.Path) && IsUnder(absDir, m.Dir) && !InNestedModule(absDir, m.Dir))
            {
                var rel = Path.GetRelativePath(m.Dir, absDir).Replace(Path.DirectorySeparatorChar, '/');
                return (rel == "." ? m.Path : m.Path + "/" + rel, m, null);
            }
        }
        // models the end of modload.resolveLocalPackage
        var dirstr = Short(absDir) == "." ? "current directory" : $"directory {Short(absDir)}";
        if (_workFile is not null)
        {
            for (var d = absDir; d is not null; d = Path.GetDirectoryName(d))
                if (File.Exists(Path.Combine(d, "go.mod")))
                    return (null, null, $"{dirstr} is contained in a module that is not one of the workspace modules listed in go.work. You can add the module to the workspace using:\n\tgo work use {Short(d)}");
            return (null, null, $"{dirstr} outside modules listed in go.work or their selected dependencies");
        }
        return (null, null, $"{dirstr} outside main module or its selected dependencies");
    }

    /// <summary>The main module with this module path, or null.</summary>
    private ModuleInfo? MainModuleByPath(string path)
    {
        foreach (var m in _mains) if (m.Path == path) return m;
        return null;
    }

    private static bool InNestedModule(string dir, string root)
    {
        for (var d = dir; d.Length > root.Length; d = Path.GetDirectoryName(d)!)
            if (File.Exists(Path.Combine(d, "go.mod"))) return true;
        return false;
    }

    private static bool IsUnder(string path, string root)
        => path == root || path.StartsWith(root.EndsWith(Path.DirectorySeparatorChar) ? root : root + Path.DirectorySeparatorChar, StringComparison.Ordinal);
}
