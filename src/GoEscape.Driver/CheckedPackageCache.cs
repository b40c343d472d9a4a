using System.Collections.Concurrent;
using GoEscape.Loader;

namespace GoEscape.Driver;

/// <summary>
/// Checked packages kept across compilations in one process, for batch runs (tools/sweep's worker runs thousands of
/// small compilations that all import the same standard packages). Off unless <see cref="Shared"/> is set: the goescape
/// command never sets it. A package <see cref="Admit"/> accepts, checked without errors by an earlier compilation
/// with the same directory, files and Go version, whose dependencies are reused too, is used as is (not parsed or
/// checked again); its later stages (lowering, escape analysis) still run in each compilation.
/// </summary>
public sealed class CheckedPackageCache
{
    /// <summary>The cache <see cref="Compilation.Run"/> consults and fills; null (the default): none.</summary>
    public static CheckedPackageCache? Shared { get; set; }

    /// <summary>Which packages may be kept (e.g. the standard library's, not the inputs under test).</summary>
    public required Func<LoadedPackage, bool> Admit { get; init; }

    private readonly ConcurrentDictionary<string, PackageUnit> _units = new(StringComparer.Ordinal);
    // kept units whose AfterCheck work (lowering and escape analysis, into Exports and Generics) is done
    private readonly ConcurrentDictionary<PackageUnit, bool> _analyzed = new(ReferenceEqualityComparer.Instance);

    /// <summary>The export table and generic index the escape command uses while this cache is set: the kept
    /// packages' IR (keyed by their checked objects) stays valid for later compilations, whose AfterCheck work skips
    /// the kept packages that are not among their roots.</summary>
    public IR.Lowering.ExportTable Exports { get; private set; } = new();
    public IR.Lowering.GenericIndex Generics { get; private set; } = new();

    public int Count => _units.Count;

    /// <summary>Drops everything kept (the tables too: they hold the IR of every compilation since).</summary>
    public void Clear()
    {
        _units.Clear();
        _analyzed.Clear();
        Exports = new();
        Generics = new();
    }

    internal bool IsAnalyzed(PackageUnit u) => _analyzed.ContainsKey(u);

    private static string Key(LoadedPackage p)
        => string.Join('\0', p.ImportPath, p.Dir, p.GoVersion, p.ForMain ?? "", string.Join('\n', p.GoFiles),
                       string.Join('\n', p.FileGoVersions.OrderBy(kv => kv.Key, StringComparer.Ordinal).Select(kv => kv.Key + "=" + kv.Value)));

    /// <summary>The kept unit for <paramref name="p"/> when it and all its dependencies (in <paramref name="reused"/>) are kept.</summary>
    internal PackageUnit? TryGet(LoadedPackage p, IReadOnlySet<string> reused)
    {
        if (!Admit(p) || !_units.TryGetValue(Key(p), out var u)) return null;
        foreach (var d in p.Dependencies)
            if (!reused.Contains(d.ImportPath)) return null;
        return u;
    }

    /// <summary>Keeps the admitted, error-free packages of a finished compilation whose dependencies are kept.</summary>
    internal void Offer(Compilation c)
    {
        var ok = new HashSet<string>(StringComparer.Ordinal);
        foreach (var u in c.Packages)
        {
            var p = u.Loaded;
            if (!Admit(p) || u.Failed || u.DependencyFailed || u.Types == null || (u.Info == null && !p.IsUnsafe)) continue;
            if (p.Dependencies.Any(d => !ok.Contains(d.ImportPath))) continue;
            ok.Add(p.ImportPath);
            _units.TryAdd(Key(p), u);
            if (c.Options.AfterCheck != null) _analyzed[u] = true;
        }
    }
}
