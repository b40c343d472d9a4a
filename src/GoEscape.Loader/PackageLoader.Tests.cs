namespace GoEscape.Loader;

internal sealed partial class LoaderSession
{
    /// <summary>
    /// The roots as <c>go test -c</c> builds them (models load.TestPackagesFor and recompileForTest, without the
    /// generated test main): "p [p.test]" holds p's files and its in-package _test.go files; "p_test [p.test]" the
    /// external test files, importing "p [p.test]"; a dependency of the external test that imports p is copied as
    /// "q [p.test]" over the test variant. The plain p stays a root when it has no test files, or when another package
    /// of the build imports it.
    /// </summary>
    private List<LoadedPackage> TestVariants(List<LoadedPackage> roots)
    {
        var result = new List<LoadedPackage>();
        var plain = new List<LoadedPackage>();
        var copies = new List<(LoadedPackage Original, LoadedPackage Copy)>();
        foreach (var p in roots)
        {
            if (p.Dir.Length == 0 || p.Errors.Count > 0 || (p.TestGoFiles.Count == 0 && p.XTestGoFiles.Count == 0))
            {
                result.Add(p);
                continue;
            }
            plain.Add(p);
            var testMain = p.ImportPath + ".test";
            var ptest = p;
            if (p.TestGoFiles.Count > 0)
            {
                ptest = p.CloneForMain(testMain);
                ptest.ImportPath = $"{p.ImportPath} [{testMain}]";
                ptest.GoFiles = [.. p.GoFiles, .. p.TestGoFiles];
                var imported = new Dictionary<string, LoadedPackage>(p.ImportedPackages, StringComparer.Ordinal);
                var deps = new List<LoadedPackage>(p.Dependencies);
                foreach (var imp in p.TestImports)
                {
                    if (!p.TestImportedPackages.TryGetValue(imp, out var d)) continue;
                    imported.TryAdd(imp, d);
                    if (d != p && !deps.Contains(d)) deps.Add(d);
                }
                SetImports(ptest, imported, deps);
                ptest.TestDependencies = [];
            }
            if (p.GoFiles.Count > 0 || ptest != p) result.Add(ptest);
            if (p.XTestGoFiles.Count == 0) continue;

            // the external test package, with p's importers among its dependencies recompiled against ptest
            var rewritten = new Dictionary<LoadedPackage, LoadedPackage>(ReferenceEqualityComparer.Instance) { [p] = ptest };
            LoadedPackage Rewrite(LoadedPackage q)
            {
                if (rewritten.TryGetValue(q, out var r)) return r;
                rewritten[q] = q; // cycles: a package importing the test variant is an import cycle the go command rejects
                bool changed = false;
                var deps = new List<LoadedPackage>();
                foreach (var d in q.Dependencies)
                {
                    var rd = ptest == p ? d : Rewrite(d);
                    changed |= rd != d;
                    deps.Add(rd);
                }
                if (!changed) return q;
                var copy = q.CloneForMain(testMain);
                copy.ImportPath = $"{q.ImportPath} [{testMain}]";
                var imported = new Dictionary<string, LoadedPackage>(StringComparer.Ordinal);
                foreach (var (path, d) in q.ImportedPackages) imported[path] = Rewrite(d);
                SetImports(copy, imported, deps);
                copy.TestDependencies = [];
                rewritten[q] = copy;
                copies.Add((q, copy));
                return copy;
            }
            var xImported = new Dictionary<string, LoadedPackage>(StringComparer.Ordinal);
            var xDeps = new List<LoadedPackage>();
            foreach (var imp in p.XTestImports)
            {
                if (!p.TestImportedPackages.TryGetValue(imp, out var d)) continue;
                var rd = Rewrite(d);
                xImported[imp] = rd;
                if (!xDeps.Contains(rd)) xDeps.Add(rd);
            }
            var xtest = new LoadedPackage
            {
                ImportPath = $"{p.ImportPath}_test [{testMain}]",
                Name = p.Name + "_test",
                Dir = p.Dir,
                GoFiles = p.XTestGoFiles,
                CompilerPackagePath = p.ImportPath + "_test",
                IsComplete = p.IsComplete,
                Imports = p.XTestImports,
                ImportPositions = p.ImportPositions,
                Module = p.Module,
                GoVersion = p.GoVersion,
                FileGoVersions = p.FileGoVersions,
                Goroot = p.Goroot,
                IsStandard = p.IsStandard,
                ForMain = testMain,
                Match = p.Match,
            };
            SetImports(xtest, xImported, xDeps);
            result.Add(xtest);
        }
        // the plain package is built too when something else in the build imports it
        var used = new HashSet<LoadedPackage>(ReferenceEqualityComparer.Instance);
        var seen = new HashSet<LoadedPackage>(ReferenceEqualityComparer.Instance);
        var stack = new Stack<LoadedPackage>(result);
        while (stack.Count > 0)
        {
            var q = stack.Pop();
            if (!seen.Add(q)) continue;
            foreach (var d in q.Dependencies) { used.Add(d); stack.Push(d); }
        }
        var roots2 = new List<LoadedPackage>();
        var inRoots = new HashSet<LoadedPackage>(ReferenceEqualityComparer.Instance);
        foreach (var p in plain) if (used.Contains(p) && p.GoFiles.Count > 0 && inRoots.Add(p)) roots2.Add(p);
        foreach (var p in result) if (inRoots.Add(p)) roots2.Add(p);
        // a recompiled copy of a package the patterns matched gets the root's compiler flags (-gcflags=-m), as its original
        var matched = new HashSet<LoadedPackage>(roots, ReferenceEqualityComparer.Instance);
        foreach (var (orig, copy) in copies) if (matched.Contains(orig) && inRoots.Add(copy)) roots2.Add(copy);
        return roots2;
    }

    /// <summary>Sets a package's imports from the written path -> package map: Imports sorted, ResolvedImports and
    /// ImportMap as go list shows them.</summary>
    private static void SetImports(LoadedPackage p, Dictionary<string, LoadedPackage> imported, List<LoadedPackage> deps)
    {
        var imports = new List<string>(imported.Keys);
        imports.Sort(GoStrings.Comparer);
        var resolved = new List<string>();
        var map = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var i in imports)
        {
            var r = imported[i].ImportPath;
            resolved.Add(r);
            if (r != i) map[i] = r;
        }
        p.Imports = imports;
        p.ResolvedImports = resolved;
        p.ImportMap = map;
        p.ImportedPackages = imported;
        p.Dependencies = deps;
    }
}
