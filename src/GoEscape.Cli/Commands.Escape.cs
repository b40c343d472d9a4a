using GoEscape.Driver;
using GoEscape.Escape;
using GoEscape.Loader;

namespace GoEscape.Cli;

public static partial class Commands
{
    /// <summary>
    /// goescape -m[=N] [-l] PATTERNS: prints what `go build -gcflags='-m -l' PATTERNS` prints (to stderr, as go build):
    /// for each package matched by the patterns, in build order, "# importpath" then the compiler's diagnostics.
    /// Type errors are printed as go build prints them, with exit code 1.
    /// </summary>
    public static int Escape(Options opts, TextWriter stdout, TextWriter stderr)
    {
        string cwd = opts.Cwd;
        // Continue after type errors: packages importing one with errors are still analyzed (as dependencies or
        // for their own report), so that a checker false positive does not hide whole import subtrees.
        var (comp, rc) = LoadAndCheck(opts, stderr, continueAfterErrors: true);
        if (comp == null) return rc;
        var load = comp.Load;
        if (load.Packages.Count == 0) return rc == 0 ? 1 : rc;

        var roots = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in load.Roots) roots.Add(r.ImportPath);

        // Type errors: as `go build`, per failing package (dependencies included), and no report for those packages.
        var (failed, internalError) = PrintTypeErrors(comp, opts, stderr, p => HeaderPath(p, opts));

        var eopts = new EscapeOptions
        {
            M = opts.MLevel,
            SmallFrames = opts.SmallFrames,
            ZeroCopy = opts.Debug.GetValueOrDefault("zerocopy", 1),
            EscapeMutationsCalls = opts.Debug.GetValueOrDefault("escapemutationscalls"),
            EscapeDebug = opts.Debug.GetValueOrDefault("escapedebug"),
            Checkptr = opts.Debug.GetValueOrDefault("checkptr"),
        };
        // The lowering asks for the display path of every position: compute each file's once (CompilerPath stats).
        var display = new System.Collections.Concurrent.ConcurrentDictionary<(string File, string Dir), string>();
        var reports = EscapePipeline.Run(comp, roots, eopts, (f, dir) => display.GetOrAdd((f, dir),
            static (k, cwd) => Path.IsPathRooted(k.File) ? DisplayPaths.CompilerPath(k.File, cwd, k.Dir.Length == 0 ? null : k.Dir) : k.File, cwd));
        foreach (var r in reports)
        {
            if (r.Messages.Count == 0) continue;
            stderr.WriteLine("# " + HeaderPath(r.ImportPath, opts));
            foreach (var m in r.Messages) stderr.WriteLine(m.Text);
        }
        if (internalError) return 3;
        return failed ? 1 : rc;
    }

    private static string HeaderPath(string importPath, Options opts)
        => importPath == "command-line-arguments" && opts.PackagePath != null ? opts.PackagePath : importPath;
}
