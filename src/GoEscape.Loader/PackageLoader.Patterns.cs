using System.Text;
using System.Text.RegularExpressions;

namespace GoEscape.Loader;

internal sealed partial class LoaderSession
{
    /// <summary>Expands the patterns to root packages, loading each with its dependencies (models load.PackagesAndErrors).</summary>
    private List<(string Pattern, List<LoadedPackage> Packages)> ExpandPatterns(IReadOnlyList<string> patterns)
    {
        var result = new List<(string, List<LoadedPackage>)>();
        // Any existing .go file among the arguments makes them all file names (models the check in PackagesAndErrors).
        foreach (var pat in patterns)
        {
            if (pat.EndsWith(".go", StringComparison.Ordinal) && File.Exists(Path.Combine(_cwd, pat)))
            {
                if (LoadFiles(patterns) is { } fp) result.Add(("command-line-arguments", [fp]));
                return result;
            }
        }

        foreach (var raw in patterns)
        {
            var pattern = CleanPattern(raw);
            var pkgs = new List<LoadedPackage>();
            if (pattern is "std" or "cmd")
            {
                foreach (var path in MatchGoroot(pattern)) pkgs.Add(LoadRootPath(path));
            }
            else if (pattern == "all")
            {
                if (_main is null)
                {
                    _errors.Add("go: cannot match \"all\": " + GoModNotFound);
                    continue;
                }
                pkgs.AddRange(MatchAll());
            }
            else if (pattern == "tool" || pattern == "work")
            {
                _errors.Add($"goescape: pattern \"{pattern}\" is not supported (use ./... or std)");
                continue;
            }
            else if (IsLocalPattern(pattern))
            {
                if (pattern.Contains("...", StringComparison.Ordinal))
                {
                    foreach (var dir in MatchLocalDirs(pattern)) pkgs.Add(LoadRootDir(dir, pattern));
                }
                else
                {
                    pkgs.Add(LoadRootDir(Path.GetFullPath(Path.Combine(_cwd, pattern)), pattern));
                }
            }
            else if (pattern.Contains("...", StringComparison.Ordinal))
            {
                foreach (var path in MatchImportPattern(pattern)) pkgs.Add(LoadRootPath(path));
            }
            else
            {
                pkgs.Add(LoadRootPath(pattern));
            }
            if (!pattern.Contains("...", StringComparison.Ordinal) && pattern is not ("std" or "cmd" or "all"))
            {
                foreach (var p in pkgs)
                {
                    // go build (not go list) rejects a package named explicitly that has only test files.
                    if (p.Errors.Count == 0 && p.Dir.Length > 0 && p.GoFiles.Count == 0 && !_cfg.IncludeTests && !_cfg.Test)
                        p.Errors = [new PackageError($"{p.ImportPath}: no non-test Go files in {p.Dir}")];
                }
            }
            if (pkgs.Count == 0 && pattern.Contains("...", StringComparison.Ordinal) && !_errors.Exists(e => e.StartsWith("pattern " + pattern + ":", StringComparison.Ordinal)))
                _warnings.Add($"go: warning: \"{raw}\" matched no packages");
            result.Add((raw, pkgs));
        }
        return result;
    }

    // models search.CleanPatterns for one pattern
    private static string CleanPattern(string a)
    {
        if (a.Length == 0) return ".";
        if (Path.IsPathRooted(a) || a.StartsWith("./", StringComparison.Ordinal) || a.StartsWith("../", StringComparison.Ordinal) || a is "." or "..")
        {
            // models search.CleanPatterns: canonical form, preserving a leading ./
            var p = a.Replace('\\', '/');
            var cleaned = CleanSlash(p);
            if (a.StartsWith("./", StringComparison.Ordinal))
            {
                cleaned = "./" + cleaned;
                if (cleaned == "./.") cleaned = ".";
            }
            return cleaned;
        }
        return a.Replace('\\', '/');
    }

    private static string CleanSlash(string p)
    {
        bool rooted = p.StartsWith('/');
        var parts = new List<string>();
        foreach (var e in p.Split('/'))
        {
            if (e.Length == 0 || e == ".") continue;
            if (e == ".." && parts.Count > 0 && parts[^1] != "..") { parts.RemoveAt(parts.Count - 1); continue; }
            if (e == ".." && rooted) continue;
            parts.Add(e);
        }
        var s = string.Join('/', parts);
        return rooted ? "/" + s : s.Length == 0 ? "." : s;
    }

    private static bool IsLocalPattern(string p)
        => p is "." or ".." || p.StartsWith("./", StringComparison.Ordinal) || p.StartsWith("../", StringComparison.Ordinal) || Path.IsPathRooted(p);

    private LoadedPackage LoadRootPath(string path)
    {
        var r = Resolve(path, null);
        return LoadResolved(r, [], null, null);
    }

    private LoadedPackage LoadRootDir(string absDir, string pattern)
    {
        if (!Directory.Exists(absDir))
        {
            var key = pattern.Contains("...", StringComparison.Ordinal) ? absDir : pattern;
            if (_pkgs.TryGetValue(key, out var existing)) return existing;
            var missing = new LoadedPackage { ImportPath = key };
            missing.Errors = [new PackageError($"stat {absDir}: directory not found")];
            _pkgs[key] = missing;
            return missing;
        }
        var (path, module, err) = DirToImportPath(absDir);
        if (path == "builtin" && module == _std)
        {
            // models the check in modload.resolveLocalPackage; ./... skips it silently (MatchLocalDirs)
            if (_pkgs.TryGetValue(pattern, out var existing)) return existing;
            var pseudo = new LoadedPackage { ImportPath = pattern };
            pseudo.Errors = [new PackageError("\"builtin\" is a pseudo-package, not an importable package")];
            _pkgs[pattern] = pseudo;
            return pseudo;
        }
        if (path is null)
        {
            var key = pattern;
            if (_pkgs.TryGetValue(key, out var existing)) return existing;
            var bad = new LoadedPackage { ImportPath = key }; // go list shows no Dir: modload found no package
            bad.Errors = [new PackageError(err!)];
            _pkgs[key] = bad;
            return bad;
        }
        if (!HasGoFiles(absDir) && !_pkgs.ContainsKey(path))
        {
            // modload reports a directory without .go files before go/build is consulted.
            var empty = new LoadedPackage { ImportPath = path, Dir = absDir, Module = module };
            empty.Errors = [new PackageError("no Go files in " + absDir)];
            _pkgs[path] = empty;
            return empty;
        }
        return LoadResolved(new Resolution(path, absDir, module, null), [], null, null);
    }

    /// <summary>
    /// The "all" pattern in module mode (go 1.16+): the main module's packages, everything they import, and the imports
    /// of their tests; sorted by import path (models modload's "all" with loadTests for main-module packages).
    /// </summary>
    private List<LoadedPackage> MatchAll()
    {
        var mainPkgs = new List<LoadedPackage>();
        foreach (var main in _mains)
            foreach (var dir in MatchLocalDirs("./...", main.Dir)) mainPkgs.Add(LoadRootDir(dir, "all"));
        var set = new HashSet<LoadedPackage>();
        var work = new Stack<LoadedPackage>();
        void Add(LoadedPackage p)
        {
            if (set.Add(p)) work.Push(p);
        }
        foreach (var p in mainPkgs)
        {
            Add(p);
            if (p.Dir.Length == 0 || p.Module is null || !_mains.Exists(m => ReferenceEquals(m, p.Module))) continue;
            var sd = ScanDir(p.Dir);
            var stk = new List<ImportStackEntry> { new(p.ImportPath, null) };
            foreach (var (path, pos) in sd.TestImports.Concat(sd.XTestImports))
            {
                if (path == "C" || path == p.ImportPath) continue;
                var file = Path.Combine(p.Dir, pos.File);
                Add(LoadResolved(Resolve(path, p), stk, Path.GetFileName(file), $"{Short(file)}:{pos.Line}:{pos.Col}"));
            }
        }
        while (work.Count > 0)
            foreach (var d in work.Pop().Dependencies) Add(d);
        var list = new List<LoadedPackage>(set);
        list.Sort((a, b) => GoStrings.Compare(a.ImportPath, b.ImportPath));
        return list;
    }

    /// <summary>Loads .go files named on the command line as package "command-line-arguments" (models load.GoFilesPackage).</summary>
    private LoadedPackage? LoadFiles(IReadOnlyList<string> files)
    {
        string? dir = null;
        var names = new List<string>();
        foreach (var f in files)
        {
            if (!f.EndsWith(".go", StringComparison.Ordinal))
            {
                var bad = new LoadedPackage { ImportPath = "command-line-arguments", Name = f, IsCommandLineFiles = true };
                bad.Errors = [new PackageError("named files must be .go files: " + f)];
                return bad;
            }
            var abs = Path.GetFullPath(Path.Combine(_cwd, f));
            if (Directory.Exists(abs)) { _errors.Add($"{f} is a directory, should be a Go file"); return null; }
            if (!File.Exists(abs)) { _errors.Add($"stat {f}: no such file or directory"); return null; }
            var d = Path.GetDirectoryName(abs)!;
            if (dir is null) dir = d;
            else if (dir != d)
            {
                _errors.Add($"named files must all be in one directory; have {Short(dir)} and {Short(d)}");
                return null;
            }
            names.Add(Path.GetFileName(abs));
        }
        dir ??= _cwd;
        var sd = DirectoryScanner.Scan(_ctx, dir, names);
        var p = new LoadedPackage { ImportPath = "command-line-arguments" };
        _pkgs[p.ImportPath] = p;
        // Like go list, named files belong to no module, so gc gets the toolchain's -lang (go1.27) even inside a
        // module with an older go directive; their imports still resolve through the main module.
        Populate(p, dir, module: null, sd, [], null, isCmdlineFiles: true);
        return p;
    }

    /// <summary>The packages matched by "std" or "cmd" in walk order (models search.(*Match).MatchPackages).</summary>
    private List<string> MatchGoroot(string pattern)
    {
        var list = new List<string>();
        var src = _goroot.SrcDir;
        var start = pattern == "cmd" ? Path.Combine(src, "cmd") : src;
        void Walk(string dir)
        {
            var name = Path.GetRelativePath(src, dir).Replace(Path.DirectorySeparatorChar, '/');
            if (dir != src)
            {
                var elem = Path.GetFileName(dir);
                if (elem.StartsWith('.') || elem.StartsWith('_') || elem == "testdata") return;
                if (pattern == "std" && (!ImportPaths.IsStandardImportPath(name) || name == "cmd")) return;
                // "cmd" skips main packages under cmd/vendor (the vendored tools).
                if (name != "builtin" && name != "runtime/cgo" && IsPackageDir(dir)
                    && !(pattern == "cmd" && name.StartsWith("cmd/vendor", StringComparison.Ordinal) && ScanDir(dir).Name == "main"))
                    list.Add(name);
            }
            string[] subs;
            try { subs = RealSubdirectories(dir); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
            Array.Sort(subs, (a, b) => GoStrings.Compare(Path.GetFileName(a), Path.GetFileName(b)));
            foreach (var s in subs) Walk(s);
        }
        if (Directory.Exists(start)) Walk(start);
        return list;
    }

    /// <summary>The subdirectories of dir that are directories themselves, not symbolic links to one: the go
    /// command's walks (fsys.WalkDir) see a symlink as a non-directory entry and do not follow it.</summary>
    private static string[] RealSubdirectories(string dir)
        => [.. Directory.GetDirectories(dir).Where(d => new DirectoryInfo(d).LinkTarget == null)];

    /// <summary>Directories matched by a local pattern with "..." (models search.(*Match).MatchDirs).</summary>
    private List<string> MatchLocalDirs(string pattern, string? relativeTo = null)
    {
        var cwd = relativeTo ?? _cwd;
        var result = new List<string>();
        int i = pattern.IndexOf("...", StringComparison.Ordinal);
        int slash = pattern.LastIndexOf('/', Math.Max(0, i - 1));
        var baseRel = i == 0 ? "." : slash < 0 ? "." : pattern[..slash];
        if (baseRel.Length == 0) baseRel = "/";
        var baseDir = Path.GetFullPath(Path.Combine(cwd, baseRel));
        // models MatchDirs: the names matched are the walk's own paths from the pattern's directory part ("..",
        // "../sub" for ../... from a subdirectory), "./"-prefixed for a ./ pattern
        var cleanPattern = CleanSlash(pattern.Replace('\\', '/'));
        var prefix = "";
        if (cleanPattern != "." && pattern.StartsWith("./", StringComparison.Ordinal))
        {
            prefix = "./";
            cleanPattern = "./" + cleanPattern;
        }
        int ci = cleanPattern.IndexOf("...", StringComparison.Ordinal);
        int cslash = cleanPattern.LastIndexOf('/', Math.Max(0, ci - 1));
        var walkRoot = CleanSlash(cslash < 0 || ci == 0 ? "." : cleanPattern[..(cslash + 1)]);
        var match = MatchPattern(cleanPattern);
        if (relativeTo is null && _main is not null && _main.Path is not ("std" or "cmd") && !IsUnder(baseDir, _goroot.SrcDir))
        {
            // models the check in modload.matchLocalDirs: the pattern's directory must be in a main module (its nearest
            // go.mod is one of theirs) before anything is walked
            string? nearest = null;
            for (var d = baseDir; d is not null; d = Path.GetDirectoryName(d))
                if (File.Exists(Path.Combine(d, "go.mod"))) { nearest = d; break; }
            if (nearest is null || !_mains.Exists(m => m.Dir == nearest))
            {
                var scope = _workFile is not null ? "modules listed in go.work or their selected dependencies" : "main module or its selected dependencies";
                _errors.Add($"pattern {pattern}: directory prefix {Short(baseDir)} does not contain {scope}");
                return result;
            }
        }
        // models search.MatchDirs: the ignore directives of the main module holding the directory
        ModuleInfo? owner = null;
        foreach (var m in _mains) if (IsUnder(baseDir, m.Dir)) owner = m;
        string? modRoot = owner?.Dir;
        var ignores = owner is not null && _mainMods.TryGetValue(owner, out var ownerMod) ? ownerMod.Ignores : [];
        void Walk(string dir, string goPath, bool top)
        {
            var elem = Path.GetFileName(dir);
            if (!top && (elem.StartsWith('.') || elem.StartsWith('_') || elem == "testdata")) return;
            if (modRoot is not null && ignores.Count > 0 && IsUnder(dir, modRoot) && ShouldIgnore(ignores, Path.GetRelativePath(modRoot, dir).Replace(Path.DirectorySeparatorChar, '/'))) return;
            if (!top && File.Exists(Path.Combine(dir, "go.mod"))) return;
            string name = prefix + goPath;
            if (match(name) && IsPackageDir(dir) && dir != Path.Combine(_goroot.SrcDir, "builtin")) result.Add(dir);
            string[] subs;
            try { subs = RealSubdirectories(dir); }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
            Array.Sort(subs, (a, b) => GoStrings.Compare(Path.GetFileName(a), Path.GetFileName(b)));
            foreach (var s in subs)
            {
                var child = Path.GetFileName(s);
                Walk(s, goPath == "." ? child : goPath.EndsWith('/') ? goPath + child : goPath + "/" + child, false);
            }
        }
        if (Directory.Exists(baseDir)) Walk(baseDir, walkRoot, true);
        else if (relativeTo is null)
        {
            // models the fsys.WalkDir error that MatchDirs reports for a missing base directory
            var shown = i == 0 ? "." : pattern[..(slash + 1)];
            _errors.Add($"pattern {pattern}: lstat {shown}: no such file or directory");
        }
        return result;
    }

    // models modload.ignorePatterns.ShouldIgnore: "./x" anchors at the module root, "x" matches a directory x at any depth.
    private static bool ShouldIgnore(IReadOnlyList<string> ignores, string rel)
    {
        foreach (var ig in ignores)
        {
            var g = ig.TrimEnd('/');
            if (g.StartsWith("./", StringComparison.Ordinal))
            {
                if (ImportPaths.HasPathPrefix(rel, g[2..])) return true;
            }
            else if (rel == g || rel.EndsWith("/" + g, StringComparison.Ordinal) || rel.StartsWith(g + "/", StringComparison.Ordinal) || rel.Contains("/" + g + "/", StringComparison.Ordinal))
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>Import paths matched by a non-local pattern with "..." in std, cmd and the main module (models modload.matchPackages).</summary>
    private List<string> MatchImportPattern(string pattern)
    {
        var match = MatchPattern(pattern);
        var treeCanMatch = TreeCanMatchPattern(pattern);
        var list = new List<string>();
        var have = new HashSet<string>(StringComparer.Ordinal) { "builtin", "runtime/cgo" };
        void Walk(string root, string importRoot, bool pruneVendor, IReadOnlyList<string>? ignores = null)
        {
            void Rec(string dir, bool isRoot)
            {
                var rel = Path.GetRelativePath(root, dir).Replace(Path.DirectorySeparatorChar, '/');
                if (rel == ".") rel = "";
                string elem = "";
                if (!isRoot)
                {
                    elem = Path.GetFileName(dir);
                    if (elem.StartsWith('.') || elem.StartsWith('_') || elem == "testdata") return;
                    if (ignores is { Count: > 0 } && ShouldIgnore(ignores, rel)) return;
                }
                else if (importRoot.Length == 0)
                {
                    goto children; // GOROOT/src itself is not a package
                }
                var name = importRoot.Length == 0 ? rel : rel.Length == 0 ? importRoot : importRoot + "/" + rel;
                if (!treeCanMatch(name)) return;
                if (!isRoot && File.Exists(Path.Combine(dir, "go.mod"))) return;
                if (have.Add(name) && match(name) && IsPackageDir(dir)) list.Add(name);
                if (elem == "vendor" && pruneVendor) return;
            children:
                string[] subs;
                try { subs = RealSubdirectories(dir); }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException) { return; }
                Array.Sort(subs, (a, b) => GoStrings.Compare(Path.GetFileName(a), Path.GetFileName(b)));
                foreach (var s in subs) Rec(s, false);
            }
            if (Directory.Exists(root)) Rec(root, true);
        }
        Walk(_goroot.SrcDir, "", false);
        if (treeCanMatch("cmd")) Walk(Path.Combine(_goroot.SrcDir, "cmd"), "cmd", false);
        foreach (var mm in _mains)
            if (mm.Path is not ("std" or "cmd") && treeCanMatch(mm.Path)) Walk(mm.Dir, mm.Path, true, _mainMods.GetValueOrDefault(mm)?.Ignores);
        foreach (var m in _replaced.Values)
            if (_required.Contains(m.Path) && treeCanMatch(m.Path)) Walk(m.Dir, m.Path, true);
        list.Sort(GoStrings.Comparer);
        return list;
    }

    // models internal/pkgpattern.MatchPattern: "..." matches any string but does not cross a vendor element
    // unless the pattern names vendor.
    internal static Func<string, bool> MatchPattern(string pattern)
    {
        const string vendorChar = "\0";
        if (pattern.Contains(vendorChar, StringComparison.Ordinal)) return _ => false;
        var re = Regex.Escape(pattern);
        re = ReplaceVendor(re, vendorChar);
        var dots = Regex.Escape("...");
        if (re.EndsWith("/" + vendorChar + "/" + dots, StringComparison.Ordinal))
            re = re[..^("/" + vendorChar + "/" + dots).Length] + "(/vendor|/" + vendorChar + "/" + dots + ")";
        else if (re == vendorChar + "/" + dots)
            re = "(/vendor|/" + vendorChar + "/" + dots + ")";
        else if (re.EndsWith("/" + dots, StringComparison.Ordinal))
            re = re[..^("/" + dots).Length] + "(/" + dots + ")?";
        re = re.Replace(dots, "[^" + vendorChar + "]*", StringComparison.Ordinal);
        var reg = new Regex("^" + re + "$", RegexOptions.CultureInvariant);
        return name => !name.Contains(vendorChar, StringComparison.Ordinal) && reg.IsMatch(ReplaceVendor(name, vendorChar));
    }

    private static string ReplaceVendor(string x, string repl)
    {
        if (!x.Contains("vendor", StringComparison.Ordinal)) return x;
        var elem = x.Split('/');
        for (int i = 0; i < elem.Length - 1; i++)
            if (elem[i] == "vendor") elem[i] = repl;
        return string.Join('/', elem);
    }

    // models internal/pkgpattern.TreeCanMatchPattern
    internal static Func<string, bool> TreeCanMatchPattern(string pattern)
    {
        bool wildCard = false;
        int i = pattern.IndexOf("...", StringComparison.Ordinal);
        if (i >= 0) { wildCard = true; pattern = pattern[..i]; }
        return name => (name.Length <= pattern.Length && HasPathPrefixLoose(pattern, name)) || (wildCard && name.StartsWith(pattern, StringComparison.Ordinal));
    }

    private static bool HasPathPrefixLoose(string s, string prefix)
    {
        if (s.Length == prefix.Length) return s == prefix;
        if (prefix.Length == 0) return true;
        return s.Length > prefix.Length && s.StartsWith(prefix, StringComparison.Ordinal) && (prefix[^1] == '/' || s[prefix.Length] == '/');
    }
}

/// <summary>Package pattern matching as the go command does it.</summary>
public static class PackagePatterns
{
    /// <summary>Reports whether an import path (or ./relative directory name) matches a pattern with "..." wildcards
    /// (models cmd/internal/pkgpattern.MatchPattern, including the vendor rule).</summary>
    public static bool Matches(string pattern, string name) => LoaderSession.MatchPattern(pattern)(name);
}
