namespace GoEscape.Loader;

internal sealed partial class LoaderSession
{
    /// <summary>The toolchain's version without "go" ("1.27"), or "" for a development tree.</summary>
    private string LocalGoVersion()
        => _goroot.Version.StartsWith("go", StringComparison.Ordinal) ? _goroot.Version[2..] : _goroot.Version;

    /// <summary>The go.work file of this load, or null (models Loader.FindGoWork and findWorkspaceFile: GOWORK=off none,
    /// GOWORK unset or auto the first go.work upward from the working directory, not crossing into GOROOT's parent).</summary>
    private string? FindGoWork()
    {
        var gowork = GoEnv("GOWORK") ?? "";
        switch (gowork)
        {
            case "off":
                return null;
            case "" or "auto":
                for (var d = _cwd; d is not null; d = Path.GetDirectoryName(d))
                {
                    var f = Path.Combine(d, "go.work");
                    if (File.Exists(f)) return f;
                    if (Path.GetDirectoryName(d) is { } up && up == _goroot.Dir) return null;
                }
                return null;
            default:
                if (!Path.IsPathRooted(gowork)) throw new LoaderFatalException("go: invalid GOWORK: not an absolute path");
                return gowork;
        }
    }

    /// <summary>
    /// Workspace mode: reads go.work and the go.mod of each module it uses, and builds their common module graph
    /// (models LoadWorkFile, loadModFile's workspace branch, makeMainModules and setDefaultBuildMod). Errors the go command
    /// stops at are thrown as <see cref="LoaderFatalException"/>, with all of them when it collects several.
    /// </summary>
    private void LoadWorkspace(string workPath, string modFlag)
    {
        _workFile = workPath;
        if (modFlag is not ("" or "readonly" or "vendor"))
            throw new LoaderFatalException($"go: -mod may only be set to readonly or vendor when in workspace mode, but it is set to \"{modFlag}\""
                + "\n\tRemove the -mod flag to use the default readonly value, \n\tor set GOWORK=off to disable workspace mode.");
        var shortWork = Short(workPath);
        if (!File.Exists(workPath))
            throw new LoaderFatalException($"go: reading go.work: open {shortWork}: no such file or directory");
        var work = GoMod.Parse(File.ReadAllText(workPath), shortWork);
        if (work.Errors.Count > 0) throw new LoaderFatalException("go: errors parsing go.work:\n" + string.Join("\n", work.Errors));
        var local = LocalGoVersion();
        if (work.GoVersion.Length > 0 && local.Length > 0 && GoVersions.Compare(work.GoVersion, local) > 0)
            throw new LoaderFatalException($"go: {shortWork} requires go >= {work.GoVersion} (running go {local}; GOTOOLCHAIN=local)");
        var workDir = Path.GetDirectoryName(workPath)!;
        var roots = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (use, line) in work.Uses)
        {
            var modRoot = Path.GetFullPath(Path.IsPathRooted(use) ? use : Path.Combine(workDir, use));
            if (!seen.Add(modRoot))
                throw new LoaderFatalException($"go: error loading go.work:\n{shortWork}:{line}: path {modRoot} appears multiple times in workspace");
            roots.Add(modRoot);
        }

        // models loadModFile's loop over the workspace's modules: every error is collected, then the command stops
        var errs = new List<string>();
        var workGo = work.GoVersion.Length > 0 ? work.GoVersion : "1.18"; // gover.FromGoWork
        var modules = new List<ModuleGraph.WorkspaceModule>();
        foreach (var root in roots)
        {
            var gomod = Path.Combine(root, "go.mod");
            if (!File.Exists(gomod))
            {
                errs.Add($"cannot load module {Short(root)} listed in go.work file: open {ShortMissing(gomod)}: no such file or directory");
                continue;
            }
            var mod = GoMod.Parse(File.ReadAllText(gomod), Short(gomod));
            if (mod.Errors.Count > 0)
            {
                errs.Add($"cannot load module {Short(root)} listed in go.work file: errors parsing {Short(gomod)}:\n{string.Join("\n", mod.Errors)}");
                continue;
            }
            if (mod.GoVersion.Length > 0 && ((local.Length > 0 && GoVersions.Compare(mod.GoVersion, local) > 0)
                                             || (GoVersions.Compare(mod.GoVersion, workGo) > 0 && GoVersions.Compare(mod.GoVersion, "1.21") >= 0)))
            {
                // errWorkTooOld
                var verb = work.GoVersion.Length > 0 ? "lists" : "implicitly requires";
                errs.Add($"module {Short(root)} listed in go.work file requires go >= {mod.GoVersion}, but go.work {verb} go {workGo}; to download and use go {mod.GoVersion}:\n\tgo work use");
                continue;
            }
            if (mod.ModulePath.Length == 0)
            {
                errs.Add($"cannot load module {Short(root)} listed in go.work file: error reading {Short(gomod)}: missing module declaration. To specify the module path:\n\tgo mod edit -module=example.com/mod");
                continue;
            }
            modules.Add(new ModuleGraph.WorkspaceModule(mod.ModulePath, root, mod));
        }
        if (errs.Count > 0) throw new LoaderFatalException("go: " + string.Join("\n", errs));

        // models makeMainModules (base.Errorf, then the command stops at base.ExitIfErrors)
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var m in modules)
            if (!paths.Add(m.Path)) errs.Add($"go: module {m.Path} appears multiple times in workspace");
        foreach (var r in work.Replaces)
            if (paths.Contains(r.Old.Path) && r.Old.Version.Length == 0)
                errs.Add($"go: workspace module {r.Old.Path} is replaced at all versions in the go.work file. To fix, remove the replacement from the go.work file or specify the version at which to replace the module.");
        if (errs.Count > 0) throw new LoaderFatalException(string.Join("\n", errs));

        string? cwdRoot = null;
        for (var d = _cwd; d is not null; d = Path.GetDirectoryName(d))
            if (File.Exists(Path.Combine(d, "go.mod"))) { cwdRoot = d; break; }
        foreach (var m in modules)
        {
            var info = new ModuleInfo(m.Path, m.Root, m.Mod.GoVersion) { IsMain = true };
            _mains.Add(info);
            _mainMods[info] = m.Mod;
            if (m.Root == cwdRoot) { _main = info; _mainMod = m.Mod; }
            foreach (var r in m.Mod.Requires) _required.Add(r.Path);
        }
        // A workspace without the working directory's module still loads (patterns then say what is outside it);
        // an empty workspace has no module: only std and command-line files load.
        if (_main is null && _mains.Count > 0) { _main = _mains[0]; _mainMod = _mainMods[_main]; }
        if (_mains.Count == 0) { _goModNotFound = "no modules were found in the current workspace; see 'go help work'"; return; }

        var cacheRoot = ModuleCache.Locate(GoEnv);
        var sums = new List<string> { workPath + ".sum" };
        foreach (var m in modules) sums.Add(Path.Combine(m.Root, "go.sum"));
        _graph = new ModuleGraph(work, workDir, modules, cacheRoot is null ? null : new ModuleCache(cacheRoot), GoSum.ReadAll(sums), local, ShortMissing);
        // directory replacements of workspace modules (go.work's win), for DirToImportPath and "..." patterns
        foreach (var r in _graph.DirectoryReplacements())
        {
            var gm = Path.Combine(r.Dir, "go.mod");
            var goVer = File.Exists(gm) ? GoMod.ParseFile(gm).GoVersion : "";
            _replaced[r.Path] = new ModuleInfo(r.Path, r.Dir, goVer) { Version = r.Version, Replace = r.Spelled };
        }
        _vendorMode = modFlag == "vendor";
        if (_vendorMode) _vendor = VendorList.Read(Path.Combine(workDir, "vendor"));
    }

    /// <summary>base.ShortPath of a file that may not exist (sameFile accepts two missing files).</summary>
    private string ShortMissing(string p)
        => Path.GetRelativePath(_cwd, p) is var rel && !Path.IsPathRooted(rel) && rel.Length < p.Length ? rel : p;

    /// <summary>The main module whose tree holds a directory (not in a nested module), or null.</summary>
    private ModuleInfo? MainModuleOfDir(string absDir)
    {
        foreach (var m in _mains)
            if (IsUnder(absDir, m.Dir) && !InNestedModule(absDir, m.Dir)) return m;
        return null;
    }
}
