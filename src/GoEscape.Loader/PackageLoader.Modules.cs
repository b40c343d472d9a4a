namespace GoEscape.Loader;

internal sealed partial class LoaderSession
{
    private const string GoModNotFound = "go.mod file not found in current directory or any parent directory; see 'go help modules'";
    private readonly Dictionary<string, bool> _stdPkgCache = new(StringComparer.Ordinal);

    /// <summary>Finds go.mod from the working directory upward and reads it (models modload.Init, GOPATH-less).</summary>
    private void FindMainModule()
    {
        var modFlag = "";
        foreach (var f in GoStrings.Fields(_cfg.GetEnv("GOFLAGS") ?? ""))
            if (f.StartsWith("-mod=", StringComparison.Ordinal)) modFlag = f[5..];

        if (_cfg.GetEnv("GO111MODULE") == "off")
            _warnings.Add("goescape: GO111MODULE=off (GOPATH mode) is not supported; loading in module mode");
        if (_cfg.GetEnv("GOWORK") != "off")
        {
            for (var d = _cwd; d is not null; d = Path.GetDirectoryName(d))
            {
                if (File.Exists(Path.Combine(d, "go.work")))
                {
                    _warnings.Add($"goescape: ignoring {Path.Combine(d, "go.work")}: workspaces are not supported");
                    break;
                }
            }
        }
        string? root = null;
        for (var d = _cwd; d is not null; d = Path.GetDirectoryName(d))
        {
            if (File.Exists(Path.Combine(d, "go.mod"))) { root = d; break; }
        }
        if (root is null) { _goModNotFound = GoModNotFound; return; }
        if (root == _goroot.SrcDir) { _main = _std with { IsMain = true }; _std = _main; return; }
        if (root == _cmd.Dir) { _main = _cmd with { IsMain = true }; _cmd = _main; return; }

        var mod = GoMod.ParseFile(Path.Combine(root, "go.mod"));
        _mainMod = mod;
        if (mod.Errors.Count > 0) _errors.Add("go: errors parsing go.mod:\n" + string.Join("\n", mod.Errors));
        if (mod.ModulePath.Length == 0)
            _errors.Add("go: error reading go.mod: missing module declaration. To specify the module path:\n\tgo mod edit -module=example.com/mod");
        _main = new ModuleInfo(mod.ModulePath, root, mod.GoVersion) { IsMain = true };
        // models the toolchain check in modload (with GOTOOLCHAIN=local: no switching)
        var local = _goroot.Version.StartsWith("go", StringComparison.Ordinal) ? _goroot.Version[2..] : _goroot.Version;
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

        bool pathIsStd = GoStrings.IsStandardImportPath(path);
        if (pathIsStd && IsStandardPackage(path))
        {
            var mod = GoStrings.HasPathPrefix(path, "cmd") ? _cmd : _std;
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
            for (var prefix = path; prefix != "."; prefix = GoStrings.PathDir(prefix))
            {
                ModuleInfo? m = null;
                if (prefix == _main.Path) m = _main;
                else if (_replaced.TryGetValue(prefix, out var rm) && _required.Contains(prefix)) m = rm;
                if (m is null) continue;
                if (DirInModule(path, m.Path, m.Dir) is { } d) found.Add((m, d));
            }
            found.Reverse(); // shortest module path first, as AmbiguousImportError lists them
        }
        if (found.Count > 1)
        {
            var lines = new List<string>();
            foreach (var (m, d) in found) lines.Add(m is { Path.Length: > 0 } ? $"\t{m.Path} ({d})" : "\t" + d);
            return new Resolution(path, null, null, $"ambiguous import: found package {path} in multiple {(_vendorMode ? "directories" : "modules")}:\n{string.Join("\n", lines)}");
        }
        if (found.Count == 1) return new Resolution(path, found[0].Dir, found[0].Mod, null);

        if (pathIsStd) return NotInStd(path);
        for (var prefix = path; prefix != "."; prefix = GoStrings.PathDir(prefix))
        {
            if (_replaced.TryGetValue(prefix, out var rm) && !_required.Contains(prefix))
                return new Resolution(path, null, null, $"module {prefix} provides package {path} and is replaced but not required; to add it:\n\tgo get {prefix}");
        }
        foreach (var r in _mainMod?.Requires ?? [])
        {
            if (GoStrings.HasPathPrefix(path, r.Path) && !_replaced.ContainsKey(r.Path))
                return new Resolution(path, null, null,
                    $"cannot find module providing package {path}: module {r.Path}@{r.Version} is not available locally (GoEscape reads only the main module, directory replacements and vendor/)");
        }
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
        if (GoStrings.IsStandardImportPath(path)) return path;
        if (GoStrings.HasPathPrefix(parentPath, "cmd"))
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
            return (rel, GoStrings.HasPathPrefix(rel, "cmd") ? _cmd : _std, null);
        }
        if (_main is null) return (null, null, "go: " + GoModNotFound);
        if (IsUnder(absDir, _main.Dir) && !InNestedModule(absDir, _main.Dir))
        {
            var rel = Path.GetRelativePath(_main.Dir, absDir).Replace(Path.DirectorySeparatorChar, '/');
            if (_vendorMode && GoStrings.HasPathPrefix(rel, "vendor"))
            {
                var vpath = rel == "vendor" ? "" : rel["vendor/".Length..];
                if (vpath.Length > 0 && _vendor!.PackageModule.TryGetValue(vpath, out var vm))
                    return (vpath, new ModuleInfo(vm.Path, Path.Combine(_main.Dir, "vendor", vm.Path.Replace('/', Path.DirectorySeparatorChar)), _vendor.ModuleGoVersion.GetValueOrDefault(vm.Path, "")) { Version = vm.Version }, null);
            }
            return (rel == "." ? _main.Path : _main.Path + "/" + rel, _main, null);
        }
        foreach (var m in _replaced.Values)
        {
            if (_required.Contains(m.Path) && IsUnder(absDir, m.Dir) && !InNestedModule(absDir, m.Dir))
            {
                var rel = Path.GetRelativePath(m.Dir, absDir).Replace(Path.DirectorySeparatorChar, '/');
                return (rel == "." ? m.Path : m.Path + "/" + rel, m, null);
            }
        }
        return (null, null, $"directory {Short(absDir)} outside main module or its selected dependencies");
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
