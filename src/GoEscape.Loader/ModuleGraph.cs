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

    public ModuleGraph(GoMod main, string mainRoot, ModuleCache? cache, GoSum sum, bool mustHaveSums, string localGoVersion, List<string> warnings, bool modMode,
        Func<string, string> shortPath)
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
        foreach (var r in main.Replaces) _replace[r.Old] = r.New;
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
            throw new LoaderFatalException("go: updates to go.mod needed; to update it:\n\tgo mod tidy");
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
                var spelled = _main.Replaces.Last(r => r.Old.Path == m.Path && (r.Old.Version.Length == 0 || r.Old.Version == m.Version)).New.Path;
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

    private Selection ReadGraph()
    {
        var selected = new Dictionary<string, string>(StringComparer.Ordinal);
        void Require(ModuleVersion r)
        {
            if (r.Path is "go" or "toolchain" || r.Version == "none") return;
            if (!selected.TryGetValue(r.Path, out var v) || Semver.Compare(r.Version, v) > 0) selected[r.Path] = r.Version;
        }
        // Breadth-first from the roots, keeping the first requirement path to each module for the error
        // (models mvs.BuildListError's "requires" chain, found by ModuleGraph.findError's breadth-first walk).
        var parent = new Dictionary<ModuleVersion, ModuleVersion?>();
        var loaded = new HashSet<(ModuleVersion, bool)>();
        var queue = new Queue<(ModuleVersion M, bool Unpruned)>();
        string? error = null;
        void Enqueue(ModuleVersion m, bool unpruned, ModuleVersion? from)
        {
            if (m.Version == "none") return;
            parent.TryAdd(m, from);
            if (loaded.Add((m, unpruned))) queue.Enqueue((m, unpruned));
        }
        foreach (var r in Roots) { Require(r); Enqueue(r, !Pruned, null); }
        while (queue.Count > 0)
        {
            var (m, unpruned) = queue.Dequeue();
            var (s, err) = Summary(m);
            if (err is not null)
            {
                error ??= Chain(m, parent, err);
                if (s is null) continue;
            }
            foreach (var r in s!.Requires) Require(r);
            // models readModGraph's enqueue: follow the requirements of an unpruned module, and of everything
            // below an unpruned module, but not those of a pruned module reached through pruned modules.
            bool next = unpruned || !s.Pruned;
            if (next)
                foreach (var r in s.Requires) Enqueue(r, true, m);
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
            if (p != _main.ModulePath) list.Add(new ModuleVersion(p, v));
        list.Sort((a, b) => string.CompareOrdinal(a.Path, b.Path));
        return list;
    }

    /// <summary>The result of reading the graph: selected versions, and the first error (null when none).</summary>
    public sealed record Selection(IReadOnlyDictionary<string, string> Selected, string? Error);
}
