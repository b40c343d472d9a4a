namespace GoEscape.Loader;

/// <summary>An error after which the go command stops loading (base.Fatal): a checksum mismatch, a go line newer than
/// the toolchain, a go.mod that -mod=readonly may not update. The message is printed as it is.</summary>
internal sealed class LoaderFatalException(string message) : Exception(message);

/// <summary>What the loader needs of one dependency's go.mod (models modload.modFileSummary).</summary>
internal sealed record ModSummary(string ModulePath, string GoVersion, IReadOnlyList<ModuleVersion> Requires, bool Pruned);

/// <summary>
/// The main module's requirements and the module graph they root, read from the module cache, with minimal
/// version selection (models modload.Requirements, modload.readModGraph and mvs.Graph).
///
/// The go command loads lazily: with a pruned main module (go &gt;= 1.17) an import is first looked up among the
/// go.mod's own requirements (the roots) at their listed versions, and the whole graph is read only when that fails
/// (see <see cref="LoaderSession"/>'s ImportFromModules). The graph itself is pruned too: the requirements of a
/// pruned module are edges of the graph, but are not followed further; an unpruned module (go &lt; 1.17 or no go
/// line) brings in its whole transitive graph.
/// </summary>
internal sealed class ModuleGraph
{
    private readonly GoMod _main;
    private readonly string _mainRoot;
    private readonly ModuleCache? _cache;
    private readonly GoSum _sum;
    private readonly string _localGo;
    private readonly HashSet<ModuleVersion> _excluded = [];
    private readonly Dictionary<ModuleVersion, ModuleVersion> _replace = [];
    private readonly Dictionary<ModuleVersion, (ModSummary? Summary, string? Error)> _summaries = [];
    private readonly Dictionary<ModuleVersion, string> _tooNew = [];
    private readonly Func<string, string> _shortPath;
    private readonly Dictionary<string, string> _maxRoot = new(StringComparer.Ordinal);
    private Selection? _graph;

    /// <summary>The main module's requirements after exclusions (the graph's roots), in go.mod order.</summary>
    public IReadOnlyList<ModuleVersion> Roots { get; }
    /// <summary>Whether the main module's graph is pruned (go &gt;= 1.17).</summary>
    public bool Pruned { get; }
    /// <summary>go.sum entries must exist for what is used (-mod=readonly, the default; models modload.mustHaveSums).</summary>
    public bool MustHaveSums { get; }
    public ModuleCache? Cache => _cache;
    public GoSum Sum => _sum;

    /// <summary>A module of a go.work workspace: its path, root directory and go.mod.</summary>
    public sealed record WorkspaceModule(string Path, string Root, GoMod Mod);

    private readonly IReadOnlyList<WorkspaceModule>? _workspace;
    private readonly HashSet<string> _mainPaths = new(StringComparer.Ordinal);
    private readonly Dictionary<ModuleVersion, ModuleVersion> _spelled = [];

    /// <summary>The graph of a go.work workspace (models loadModFile and makeMainModules in workspace mode):
    /// <paramref name="work"/> is the go.work file (its replaces win, relative ones resolved against
    /// <paramref name="workRoot"/>), the roots are the workspace modules themselves, and their go.mod files'
    /// replacements (made absolute) and exclusions apply to all.</summary>
    public ModuleGraph(GoMod work, string workRoot, IReadOnlyList<WorkspaceModule> workspace, ModuleCache? cache, GoSum sum, string localGoVersion,
        Func<string, string> shortPath)
    {
        _shortPath = shortPath;
        _main = work;
        _mainRoot = workRoot;
        _cache = cache;
        _sum = sum;
        _localGo = localGoVersion;
        _workspace = workspace;
        MustHaveSums = false; // modload.mustHaveSums: never in workspace mode
        Pruned = false;      // workspace pruning: importFromModules always reads the whole graph
        foreach (var m in workspace) _mainPaths.Add(m.Path);
        var replacedByWork = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in work.Replaces)
        {
            replacedByWork.Add(r.Old.Path);
            _replace[r.Old] = r.New;
            _spelled[r.Old] = r.New;
        }
        foreach (var m in workspace)
        {
            foreach (var x in m.Mod.Excludes) _excluded.Add(x);
            var cur = new HashSet<ModuleVersion>();
            foreach (var r in m.Mod.Replaces)
            {
                if (replacedByWork.Contains(r.Old.Path)) continue;
                var nw = r.New;
                // relative directories are made absolute (they are relative to their own go.mod); go list -m still
                // shows them as written
                if (nw.Version.Length == 0) nw = nw with { Path = System.IO.Path.GetFullPath(System.IO.Path.Combine(m.Root, nw.Path)) };
                if (_replace.TryGetValue(r.Old, out var prev) && !cur.Contains(r.Old) && prev != nw)
                    throw new LoaderFatalException($"go: conflicting replacements for {Show(r.Old)}:\n\t{Show(prev)}\n\t{Show(nw)}\nuse \"go work edit -replace {Show(r.Old)}=[override]\" to resolve");
                cur.Add(r.Old);
                _replace[r.Old] = nw;
                _spelled[r.Old] = CanonicalizeReplacePath(r.New, m.Root, workRoot);
            }
        }
        var roots = new List<ModuleVersion>();
        foreach (var m in workspace)
            foreach (var r in m.Mod.Requires)
                if (!_excluded.Contains(r)) roots.Add(r);
        Roots = roots;
    }

    /// <summary>A workspace's directory replacements of required modules: module path, absolute directory, the version
    /// required (the highest among the workspace modules), and the replacement as spelled.</summary>
    public IEnumerable<(string Path, string Dir, string Version, ModuleVersion Spelled)> DirectoryReplacements()
    {
        var required = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var r in Roots)
            if (!required.TryGetValue(r.Path, out var v) || Semver.Compare(r.Version, v) > 0) required[r.Path] = r.Version;
        foreach (var (old, nw) in _replace)
        {
            if (nw.Version.Length > 0 || !required.TryGetValue(old.Path, out var version)) continue;
            if (old.Version.Length > 0 && old.Version != version) continue;
            yield return (old.Path, System.IO.Path.GetFullPath(System.IO.Path.Combine(_mainRoot, nw.Path)), version, _spelled[old]);
        }
    }

    /// <summary>A workspace module's relative directory replacement as relative to the workspace directory (models
    /// modload.canonicalizeReplacePath and ToDirectoryPath).</summary>
    private static ModuleVersion CanonicalizeReplacePath(ModuleVersion r, string modRoot, string workRoot)
    {
        if (r.Version.Length > 0 || System.IO.Path.IsPathRooted(r.Path)) return r;
        var rel = System.IO.Path.GetRelativePath(workRoot, System.IO.Path.GetFullPath(System.IO.Path.Combine(modRoot, r.Path))).Replace('\\', '/');
        return r with { Path = GoMod.IsDirectoryPath(rel) ? rel : "./" + rel };
    }

    private static string Show(ModuleVersion m) => m.Version.Length == 0 ? m.Path : m.Path + "@" + m.Version;

    /// <summary>The replacement of path@version as the go.mod or go.work file spells it (for messages).</summary>
    public ModuleVersion SpelledReplacement(string path, string version)
        => _spelled.TryGetValue(new ModuleVersion(path, version), out var r) || _spelled.TryGetValue(new ModuleVersion(path, ""), out r) ? r : new ModuleVersion(path, version);

    public ModuleGraph(GoMod main, string mainRoot, ModuleCache? cache, GoSum sum, bool mustHaveSums, string localGoVersion, List<string> warnings, bool modMode,
        string explicitMod, Func<string, string> shortPath)
    {
        _shortPath = shortPath;
        _main = main;
        _mainRoot = mainRoot;
        _cache = cache;
        _sum = sum;
        _localGo = localGoVersion;
        MustHaveSums = mustHaveSums;
        Pruned = main.GoVersion.Length > 0 && GoVersions.Compare(main.GoVersion, "1.17") >= 0; // modload.pruningForGoVersion
        foreach (var x in main.Excludes) _excluded.Add(x);
        foreach (var r in main.Replaces) { _replace[r.Old] = r.New; _spelled[r.Old] = r.New; }
        var roots = new List<ModuleVersion>();
        foreach (var r in main.Requires)
        {
            // models rootsFromModFile
            if (_excluded.Contains(r))
            {
                warnings.Add($"go: {(modMode ? "dropping" : "ignoring")} requirement on excluded version {r.Path} {r.Version}");
                continue;
            }
            roots.Add(r);
            if (!_maxRoot.TryGetValue(r.Path, out var v) || Semver.Compare(r.Version, v) > 0) _maxRoot[r.Path] = r.Version;
        }
        Roots = roots;
        // models the errGoModDirty check of loadModFile: dropping a root changes go.mod, which -mod=readonly forbids
        if (roots.Count != main.Requires.Count && !modMode)
            throw new LoaderFatalException(explicitMod.Length > 0
                ? $"go: updates to go.mod needed, disabled by -mod={explicitMod}; to update it:\n\tgo mod tidy"
                : "go: updates to go.mod needed; to update it:\n\tgo mod tidy"); // goModDirtyError
    }

    /// <summary>The highest version of path among the roots, or null (models Requirements.rootSelected).</summary>
    public string? RootVersion(string path) => _maxRoot.GetValueOrDefault(path);

    /// <summary>The replacement of path@version: an exact match first, then one for all versions (models modload.replacement).
    /// A directory replacement is returned with Version "" and its path made absolute.</summary>
    public ModuleVersion? Replacement(string path, string version)
    {
        if (!_replace.TryGetValue(new ModuleVersion(path, version), out var r) && !_replace.TryGetValue(new ModuleVersion(path, ""), out r))
            return null;
        if (r.Version.Length == 0) return r with { Path = Path.GetFullPath(Path.Combine(_mainRoot, r.Path)) };
        return r;
    }

    /// <summary>The go.mod summary of path@version, or the error the go command gives for it, worded as
    /// module.VersionError prints it (models modload.goModSummary).</summary>
    public (ModSummary? Summary, string? Error) Summary(ModuleVersion m)
    {
        if (_summaries.TryGetValue(m, out var s)) return s;
        s = LoadSummary(m);
        _summaries[m] = s;
        return s;
    }

    private (ModSummary?, string?) LoadSummary(ModuleVersion m)
    {
        var actual = Replacement(m.Path, m.Version) ?? m;
        string text, name;
        if (actual.Version.Length == 0)
        {
            // a directory replacement: its go.mod if it has one (models rawGoModData)
            name = Path.Combine(actual.Path, "go.mod");
            if (!File.Exists(name))
            {
                // models rawGoModData's error, as mvs.BuildListError prints a replaced module
                var spelled = SpelledReplacement(m.Path, m.Version).Path;
                return (null, $"{m.Path}@{m.Version} (replaced by {spelled}): reading {_shortPath(name)}: open {name}: no such file or directory");
            }
            text = File.ReadAllText(name);
        }
        else
        {
            if (MustHaveSums && !_sum.Has(actual.Path, actual.Version + "/go.mod"))
                return (null, $"{actual.Path}@{actual.Version}: missing go.sum entry for go.mod file; to add it:\n\tgo mod download {m.Path}");
            name = _cache?.GoModFile(actual.Path, actual.Version) ?? "";
            if (name.Length == 0 || !File.Exists(name))
                return (null, $"{actual.Path}@{actual.Version}: {NotInCache}");
            var data = File.ReadAllBytes(name);
            text = System.Text.Encoding.UTF8.GetString(data);
            if (GoModHashMismatch(actual, data) is { } mismatch) throw new LoaderFatalException(mismatch);
        }
        var f = GoMod.Parse(text, name);
        if (f.Errors.Count > 0)
            return (null, $"{actual.Path}@{actual.Version}: parsing {name}: {string.Join("\n", f.Errors)}");
        if (actual.Version.Length > 0)
        {
            if (f.ModulePath.Length == 0) return (null, $"{actual.Path}@{actual.Version}: parsing go.mod: missing module line");
            if (f.ModulePath != m.Path && f.ModulePath != actual.Path)
                return (null, $"{actual.Path}@{actual.Version}: parsing go.mod:\n\tmodule declares its path as: {f.ModulePath}\n\t        but was required as: {m.Path}");
        }
        var reqs = new List<ModuleVersion>();
        foreach (var r in f.Requires)
            if (!_excluded.Contains(r)) reqs.Add(r); // goModSummary drops requirements on excluded versions
        bool pruned = f.GoVersion.Length > 0 && GoVersions.Compare(f.GoVersion, "1.17") >= 0;
        var summary = new ModSummary(f.ModulePath, f.GoVersion, reqs, pruned);
        // models the gover.TooNewError at the end of summaryFromModFile (go >= 1.21 lines are strict): an error of
        // the graph; loading a package from the module stops the go command (see TooNewFatal)
        if (f.GoVersion.Length > 0 && GoVersions.Compare(f.GoVersion, "1.21") >= 0 && _localGo.Length > 0 && GoVersions.Compare(f.GoVersion, _localGo) > 0)
        {
            var tooNew = $"{m.Path}@{m.Version} requires go >= {f.GoVersion} (running go {_localGo}; GOTOOLCHAIN=local)";
            _tooNew[m] = "go: " + tooNew;
            return (summary, $"{m.Path}@{m.Version}: module {tooNew}");
        }
        return (summary, null);
    }

    /// <summary>When path@version's go line is newer than the toolchain: the message with which the go command stops
    /// when a package is loaded from it (toolchain.SwitchOrFatal with GOTOOLCHAIN=local); else null.</summary>
    public string? TooNewFatal(ModuleVersion m) => _tooNew.GetValueOrDefault(m);

    /// <summary>What the go command says when a module it must download is missing from the cache: GoEscape never
    /// downloads, as the go command with GOPROXY=off.</summary>
    public const string NotInCache = "module lookup disabled by GOPROXY=off";

    /// <summary>go.sum's /go.mod line against the go.mod read from the cache (models modfetch.checkGoMod; the hash
    /// of one file is cheap: dirhash.Hash1 over the single file "go.mod").</summary>
    private string? GoModHashMismatch(ModuleVersion m, byte[] data)
    {
        var want = _sum.Hashes(m.Path, m.Version + "/go.mod");
        if (want.Count == 0) return null;
        var h = GoSum.Hash1GoMod(data);
        foreach (var w in want) if (w == h) return null;
        return ChecksumMismatch(m.Path, m.Version + "/go.mod", h, want[0]);
    }

    /// <summary>modfetch's checksum-mismatch error (models modfetch.checkModSum's message).</summary>
    public static string ChecksumMismatch(string path, string version, string downloaded, string gosum)
        => $"verifying {path}@{version}: checksum mismatch\n\tdownloaded: {downloaded}\n\tgo.sum:     {gosum}\n\n"
           + "SECURITY ERROR\nThis download does NOT match an earlier download recorded in go.sum.\n"
           + "The bits may have been replaced on the origin server, or an attacker may\nhave intercepted the download attempt.\n\n"
           + "For more information, see 'go help module-auth'.";

    /// <summary>The selected versions of the whole (pruned) module graph (models readModGraph + mvs.Graph.Selected).</summary>
    public Selection Graph() => _graph ??= ReadGraph();

    private const int PrunedMode = 0, UnprunedMode = 1, WorkspaceMode = 2;

    private Selection ReadGraph()
    {
        var selected = new Dictionary<string, string>(StringComparer.Ordinal);
        void Require(ModuleVersion r)
        {
            if (r.Path is "go" or "toolchain" || r.Version == "none") return;
            if (_mainPaths.Contains(r.Path)) return; // a workspace module is selected at its own version ("", cmpVersion)
            if (!selected.TryGetValue(r.Path, out var v) || Semver.Compare(r.Version, v) > 0) selected[r.Path] = r.Version;
        }
        // Breadth-first from the roots, keeping the first requirement path to each module for the error
        // (models mvs.BuildListError's "requires" chain, found by ModuleGraph.findError's breadth-first walk).
        var parent = new Dictionary<ModuleVersion, ModuleVersion?>();
        var loaded = new HashSet<(ModuleVersion, int)>();
        var queue = new Queue<(ModuleVersion M, int Mode)>();
        string? error = null;
        void Enqueue(ModuleVersion m, int mode, ModuleVersion? from)
        {
            if (m.Version == "none") return;
            parent.TryAdd(m, from);
            if (loaded.Add((m, mode))) queue.Enqueue((m, mode));
        }
        void Drain()
        {
            while (queue.Count > 0)
            {
                var (m, mode) = queue.Dequeue();
                var (s, err) = Summary(m);
                if (err is not null)
                {
                    error ??= Chain(m, parent, err);
                    if (s is null) continue;
                }
                foreach (var r in s!.Requires) Require(r);
                // models readModGraph's enqueue: follow the requirements of an unpruned module, of everything below an
                // unpruned module, and of a module enqueued at workspace pruning, but not those of a pruned module
                // reached through pruned modules.
                if (mode != PrunedMode || !s.Pruned)
                {
                    int next = mode == UnprunedMode || !s.Pruned ? UnprunedMode : PrunedMode;
                    foreach (var r in s.Requires) Enqueue(r, next, m);
                }
            }
        }
        if (_workspace is null)
        {
            foreach (var r in Roots) { Require(r); Enqueue(r, Pruned ? PrunedMode : UnprunedMode, null); }
            Drain();
            return new Selection(selected, error);
        }

        // Workspace: the roots are the workspace modules, enqueued at workspace pruning (their requirements are
        // followed at each module's own pruning).
        foreach (var w in _workspace)
        {
            bool pruned = w.Mod.GoVersion.Length > 0 && GoVersions.Compare(w.Mod.GoVersion, "1.17") >= 0;
            foreach (var r in w.Mod.Requires)
            {
                if (_excluded.Contains(r)) continue;
                Require(r);
                Enqueue(r, pruned ? PrunedMode : UnprunedMode, null);
            }
        }
        Drain();
        // models the workspace loop at the end of readModGraph: a dependency of the workspace selected above the version
        // its requirer asks for is reloaded at its selected version with its requirements, until nothing changes.
        var hasDepsInAll = new List<string>();
        var inAll = new HashSet<string>(StringComparer.Ordinal);
        foreach (var w in _workspace) if (inAll.Add(w.Path)) hasDepsInAll.Add(w.Path);
        var seen = new HashSet<ModuleVersion>();
        foreach (var w in _workspace) seen.Add(new ModuleVersion(w.Path, ""));
        while (true)
        {
            var needs = new List<ModuleVersion>();
            foreach (var p in hasDepsInAll)
            {
                IReadOnlyList<ModuleVersion> reqs;
                if (_mainPaths.Contains(p))
                {
                    var list = new List<ModuleVersion>();
                    foreach (var w in _workspace) if (w.Path == p) list.AddRange(w.Mod.Requires);
                    reqs = list;
                }
                else
                {
                    var m = new ModuleVersion(p, selected.GetValueOrDefault(p, ""));
                    if (!seen.Contains(m)) { if (!needs.Contains(m)) needs.Add(m); continue; }
                    reqs = Summary(m).Summary?.Requires ?? [];
                }
                foreach (var r in reqs)
                {
                    if (_mainPaths.Contains(r.Path) || r.Path is "go" or "toolchain" || _excluded.Contains(r)) continue;
                    var sv = new ModuleVersion(r.Path, selected.GetValueOrDefault(r.Path, ""));
                    if (Semver.Compare(sv.Version, r.Version) > 0 && !seen.Contains(sv) && !needs.Contains(sv)) needs.Add(sv);
                }
            }
            if (needs.Count == 0) break;
            foreach (var m in needs)
            {
                Enqueue(m, WorkspaceMode, null);
                seen.Add(m);
                if (inAll.Add(m.Path)) hasDepsInAll.Add(m.Path);
            }
            Drain();
        }
        return new Selection(selected, error);
    }

    private static string Chain(ModuleVersion m, Dictionary<ModuleVersion, ModuleVersion?> parent, string err)
    {
        var stack = new List<ModuleVersion>();
        for (ModuleVersion? p = m; p is not null; p = parent.GetValueOrDefault(p)) stack.Add(p);
        if (stack.Count == 1) return err;
        stack.Reverse();
        var sb = new System.Text.StringBuilder();
        for (int i = 0; i < stack.Count - 1; i++) sb.Append($"{stack[i].Path}@{stack[i].Version} requires\n\t");
        sb.Append(err);
        return sb.ToString();
    }

    /// <summary>The build list: the main module, then every module of the graph at its selected version, by path
    /// (models mvs.Graph.BuildList as go list -m all prints it).</summary>
    public IReadOnlyList<ModuleVersion> BuildList()
    {
        var g = Graph();
        var list = new List<ModuleVersion>();
        foreach (var (p, v) in g.Selected)
            if (p != _main.ModulePath && !_mainPaths.Contains(p)) list.Add(new ModuleVersion(p, v));
        list.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return list;
    }

    /// <summary>The result of reading the graph: selected versions, and the first error (null when none).</summary>
    public sealed record Selection(IReadOnlyDictionary<string, string> Selected, string? Error);
}
