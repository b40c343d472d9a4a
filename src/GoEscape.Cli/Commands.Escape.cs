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

        // Type errors: as `go build`, per failing package (dependencies included), and no report.
        bool failed = false;
        foreach (var u in comp.Packages)
        {
            if (u.InternalError != null)
            {
                stderr.WriteLine($"goescape: internal error checking {u.ImportPath}: {u.InternalError.GetType().Name}: {u.InternalError.Message}");
                failed = true;
                continue;
            }
            var lines = ErrorLines(u, cwd);
            if (lines.Count == 0) continue;
            failed = true;
            stderr.WriteLine("# " + HeaderPath(u.ImportPath, opts));
            foreach (var l in lines) stderr.WriteLine(l);
        }

        var eopts = new EscapeOptions { M = opts.MLevel, SmallFrames = opts.SmallFrames };
        var reports = EscapePipeline.Run(comp, roots, eopts, f => Path.IsPathRooted(f) ? DisplayPaths.CompilerPath(f, cwd) : f,
            (f, pkgDir) => Path.IsPathRooted(f) ? DisplayPaths.CompilerPath(f, cwd, pkgDir) : f);
        foreach (var r in reports)
        {
            if (r.Messages.Count == 0) continue;
            stderr.WriteLine("# " + HeaderPath(r.ImportPath, opts));
            foreach (var m in r.Messages) stderr.WriteLine(m.Text);
        }
        return failed ? 1 : rc;
    }

    private static string HeaderPath(string importPath, Options opts)
        => importPath == "command-line-arguments" && opts.PackagePath != null ? opts.PackagePath : importPath;
}
