using System.Collections;
using System.Reflection;
using GoEscape.Driver;
using GoEscape.Escape;
using GoEscape.IR.Lowering;
using GoEscape.Loader;
using GoEscape.Types;

namespace GoEscape.Fuzz;

/// <summary>
/// The real standard library, loaded, checked, lowered and escape-analyzed once per process, against which every
/// fuzz input is checked and compiled as one more package ("command-line-arguments", package main). A fixed set
/// of packages (<see cref="Packages"/> and their dependencies) is loaded up front and never extended, so that the
/// result of an input does not depend on which inputs ran before it; an import of any other package is a
/// "could not import" type error, a diagnostic like any other.
/// </summary>
public sealed class StdWorld
{
    /// <summary>The packages importable by fuzz inputs (with their dependencies): the most imported ones of
    /// $GOROOT/test, plus the generic packages whose instantiation the lowering exercises.</summary>
    public static readonly string[] Packages =
    [
        "fmt", "unsafe", "runtime", "reflect", "os", "strings", "math", "bytes", "log", "time", "sync", "sync/atomic",
        "strconv", "errors", "io", "sort", "unicode/utf8", "math/bits", "slices", "maps", "iter", "unique", "context",
        "encoding/binary", "bufio", "runtime/debug", "cmp", "container/list",
    ];

    public const string NotFoundMessage = "Go 1.27 not found: run tools/fetch-go";

    private static readonly Lock s_lock = new();
    private static StdWorld? s_world;

    public GoRoot GoRoot { get; }
    public Compilation Compilation { get; }
    /// <summary>Export data of the std packages (function names with their escape tags).</summary>
    public ExportTable Exports { get; }
    public IReadOnlyList<PackageUnit> Units { get; }
    private readonly Dictionary<string, Package> _byPath = new(StringComparer.Ordinal);
    private readonly ICollection _exportFuncs;
    private readonly int _exportCount;

    /// <summary>The process's world (loaded on first use; throws with <see cref="NotFoundMessage"/> without Go).</summary>
    public static StdWorld Get()
    {
        lock (s_lock)
        {
            return s_world ??= new StdWorld();
        }
    }

    private StdWorld()
    {
        var goroot = GoRootLocator.Find(Environment.GetEnvironmentVariable("GOESCAPE_GOROOT"), null, out _)
                     ?? throw new InvalidOperationException(NotFoundMessage);
        if (goroot.Minor != GoRootLocator.ExpectedMinor)
            throw new InvalidOperationException($"{NotFoundMessage} (found {goroot.Version} at {goroot.Dir})");
        GoRoot = goroot;
        var load = PackageLoader.Load(new LoadConfig { GoRoot = goroot.Dir, WorkingDir = goroot.SrcDir }, Packages);
        if (!load.Success)
            throw new InvalidOperationException("fuzz: loading the std packages failed: " +
                                                string.Join("; ", load.Errors.Concat(load.Packages.SelectMany(p => p.Errors.Select(e => e.ToString())))));
        Exports = new ExportTable();
        var generics = new GenericIndex();
        var eopts = new EscapeOptions { M = 0 };
        Compilation = Compilation.Run(load, new CompilationOptions
        {
            Parallelism = 1,
            AfterCheck = u => EscapePipeline.Package(u, Exports, generics, report: false, eopts, (f, _) => f),
        });
        foreach (var u in Compilation.Packages)
        {
            if (u.Failed || u.Types == null)
                throw new InvalidOperationException($"fuzz: std package {u.ImportPath} did not check: " +
                                                    string.Join("; ", u.SyntaxErrors.Concat<object>(u.TypeErrors).Take(3)) + u.InternalError);
            _byPath[u.ImportPath] = u.Types;
        }
        Units = Compilation.Packages;
        _exportFuncs = ExportFuncs(Exports);
        _exportCount = _exportFuncs.Count;
    }

    /// <summary>The importer of a fuzz input: the std packages of this world, nothing else.</summary>
    public Package? Import(string path) => path == "unsafe" ? Universe.Unsafe : _byPath.GetValueOrDefault(path);

    /// <summary>A fresh generic index holding the std packages' generic declarations (the input's own are added by
    /// the pipeline; a fresh index per input keeps them from accumulating).</summary>
    public GenericIndex NewGenerics()
    {
        var g = new GenericIndex();
        foreach (var u in Units)
            if (u.Types != null && u.Info != null && !u.Loaded.IsUnsafe)
                g.AddPackage(new CheckInfoResults(u.Types, u.Info), u.Files);
        return g;
    }

    /// <summary>
    /// Removes what the lowering of one input added to <see cref="Exports"/> (its functions, keyed by its own checker
    /// objects): otherwise every execution would keep its whole IR and type graph alive through the table, and a
    /// long campaign would grow without bound. ExportTable has no removal API (a compiler run never needs one), so
    /// this reaches its dictionary by reflection and fails loudly when that field changes.
    /// </summary>
    public void ForgetPackage(Package pkg)
    {
        if (_exportFuncs.Count == _exportCount || s_keepExports) return;
        var remove = new List<object>();
        foreach (var key in (IEnumerable)_exportFuncs.GetType().GetProperty("Keys")!.GetValue(_exportFuncs)!)
            if (key is GoObject o && !ReferenceEquals(o.Pkg, null) && !_byPath.ContainsKey(o.Pkg.Path)) remove.Add(o);
        var tryRemove = _exportFuncs.GetType().GetMethod("TryRemove", [typeof(GoObject), typeof(GoEscape.IR.Name).MakeByRefType()])
                        ?? throw new InvalidOperationException("fuzz: ExportTable's dictionary has no TryRemove");
        foreach (var k in remove) tryRemove.Invoke(_exportFuncs, [k, null]);
        if (_exportFuncs.Count != _exportCount)
            throw new InvalidOperationException($"fuzz: the export table grew from {_exportCount} to {_exportFuncs.Count} entries after one input ({pkg.Path})");
    }

    /// <summary>GOESCAPE_FUZZ_KEEP_EXPORTS=1 skips <see cref="ForgetPackage"/> (to see the smoke's memory check fail).</summary>
    private static readonly bool s_keepExports = Environment.GetEnvironmentVariable("GOESCAPE_FUZZ_KEEP_EXPORTS") == "1";

    private static ICollection ExportFuncs(ExportTable t)
    {
        var f = typeof(ExportTable).GetField("_funcs", BindingFlags.Instance | BindingFlags.NonPublic)
                ?? throw new InvalidOperationException("fuzz: ExportTable._funcs not found (update StdWorld.ForgetPackage)");
        return (ICollection)f.GetValue(t)!;
    }
}
