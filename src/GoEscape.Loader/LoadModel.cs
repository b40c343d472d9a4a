namespace GoEscape.Loader;

/// <summary>
/// Options for <see cref="PackageLoader.Load"/>. Null members take their value from <see cref="Env"/> (or the
/// process environment when <see cref="Env"/> is null): GOROOT, GOOS (default linux), GOARCH (default amd64).
/// </summary>
public sealed record LoadConfig
{
    /// <summary>The -goroot option; null to search (see <see cref="GoRootLocator"/>).</summary>
    public string? GoRoot { get; init; }
    public string? GoOs { get; init; }
    public string? GoArch { get; init; }
    /// <summary>The -tags list.</summary>
    public IReadOnlyList<string> Tags { get; init; } = [];
    /// <summary>Also list _test.go files (TestGoFiles/XTestGoFiles) and load the test imports of the root packages
    /// (<see cref="LoadedPackage.TestDependencies"/>).</summary>
    public bool IncludeTests { get; init; }
    /// <summary>The test packages of the roots, as <c>go test -c</c> compiles them (implies <see cref="IncludeTests"/>):
    /// a root with _test.go files is replaced by "p [p.test]" (its files and its in-package test files) and
    /// "p_test [p.test]" (its external tests), and the dependencies of the external tests that import p are recompiled
    /// against the test variant ("q [p.test]"). The plain p stays a root when it has no test files or something else
    /// in the build imports it. The generated test main package ("p.test") is not produced.</summary>
    public bool Test { get; init; }
    /// <summary>Compiler mode (the CLI's -p, as `go tool compile -p`, which gc's test suite uses): the go command's
    /// import rules (use of internal packages) are not applied, and packages are not "complete" (no -complete flag),
    /// since the compiler alone does neither.</summary>
    public bool CompilerMode { get; init; }
    /// <summary>The -mod flag ("mod", "readonly", "vendor"); null: GOFLAGS's -mod, else the go command's default
    /// (vendor when go.mod says go &gt;= 1.14 and vendor/ exists, else readonly).</summary>
    public string? ModFlag { get; init; }
    /// <summary>The -modfile flag: read this file instead of the main module's go.mod (and FILE.sum for go.sum);
    /// null: GOFLAGS's -modfile, else none.</summary>
    public string? ModFile { get; init; }
    /// <summary>Directory that relative patterns and go.mod discovery start from; null = current directory.</summary>
    public string? WorkingDir { get; init; }
    /// <summary>Environment variables (GOOS, GOARCH, GOROOT, GOEXPERIMENT, GOAMD64, GOFLAGS ...); null = process environment.</summary>
    public IReadOnlyDictionary<string, string>? Env { get; init; }

    /// <summary>Splits a -tags value: comma-separated, or space-separated (the legacy form), like cmd/go's tagsFlag.</summary>
    public static IReadOnlyList<string> ParseTags(string? value)
    {
        if (string.IsNullOrWhiteSpace(value)) return [];
        var s = value.Trim();
        var parts = s.Contains(',') ? s.Split(',') : s.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        var list = new List<string>();
        foreach (var p in parts)
        {
            var t = p.Trim();
            if (t.Length > 0) list.Add(t);
        }
        return list;
    }

    internal string? GetEnv(string key)
    {
        if (Env is not null) return Env.TryGetValue(key, out var v) ? v : null;
        return Environment.GetEnvironmentVariable(key);
    }
}

/// <summary>A module: path, root directory, go version ("1.22"; for std and cmd the toolchain's "1.27").</summary>
public sealed record ModuleInfo(string Path, string Dir, string GoVersion)
{
    /// <summary>The main module (the one holding the working directory).</summary>
    public bool IsMain { get; init; }
    /// <summary>Version from go.mod's require ("" for main, std, cmd and directory replacements).</summary>
    public string Version { get; init; } = "";
    /// <summary>Where a replaced module's files really are (the replacement directory), or null.</summary>
    public ModuleVersion? Replace { get; init; }
}

/// <summary>A module of the build list: path, selected version ("" for the main module), replacement as go.mod spells it.</summary>
public sealed record ListedModule(string Path, string Version, ModuleVersion? Replace)
{
    /// <summary>The line go list -m all prints ("path version => replacement [version]").</summary>
    public override string ToString()
    {
        var s = Version.Length == 0 ? Path : Path + " " + Version;
        if (Replace is not null) s += " => " + Replace.Path + (Replace.Version.Length > 0 ? " " + Replace.Version : "");
        return s;
    }
}

/// <summary>One element of an import stack: a package, and the file of the import that led to the next element.</summary>
public sealed record ImportStackEntry(string Package, string? FromFile);

/// <summary>
/// A loading error, worded as the go command words it (models cmd/go/internal/load.PackageError).
/// <see cref="ToString"/> gives the full text, e.g. "x.go:3:8: package foo/bar is not in std (GOROOT/src/foo/bar)".
/// </summary>
public sealed record PackageError(string Message)
{
    /// <summary>"file:line:col" (file shortened like base.ShortPath), or null.</summary>
    public string? Position { get; init; }
    /// <summary>Import stack from a root to the package with the error (may be empty).</summary>
    public IReadOnlyList<ImportStackEntry> ImportStack { get; init; } = [];
    public bool IsImportCycle { get; init; }
    /// <summary>Print the import stack even when there is a position (use of internal packages).</summary>
    public bool AlwaysPrintStack { get; init; }

    public override string ToString()
    {
        if (Position is not null && (ImportStack.Count == 0 || !AlwaysPrintStack)) return Position + ": " + Message;
        if (ImportStack.Count == 0) return Message;
        var parts = new List<string>(ImportStack.Count);
        foreach (var e in ImportStack)
            parts.Add(IsImportCycle && e.FromFile is not null ? e.Package + " from " + e.FromFile : e.Package);
        var optpos = Position is not null ? "\n\t" + Position : "";
        return "package " + string.Join("\n\timports ", parts) + optpos + ": " + Message;
    }
}

/// <summary>A package as loaded (the information of <c>go list -json</c> that later stages need).</summary>
public sealed class LoadedPackage
{
    /// <summary>Import path ("fmt", "example.com/m/a", "vendor/golang.org/x/net/idna", "command-line-arguments").</summary>
    public string ImportPath { get; internal set; } = "";
    /// <summary>Package name from the package clauses ("" when unknown).</summary>
    public string Name { get; internal set; } = "";
    /// <summary>Absolute directory ("" for a package that was not found).</summary>
    public string Dir { get; internal set; } = "";
    /// <summary>Absolute paths of the Go files compiled, in go list order (directory order, or command-line order for files).</summary>
    public IReadOnlyList<string> GoFiles { get; internal set; } = [];
    /// <summary>Absolute paths of the assembly (.s) files selected by the build context.</summary>
    public IReadOnlyList<string> SFiles { get; internal set; } = [];
    /// <summary>Absolute paths of .syso files.</summary>
    public IReadOnlyList<string> SysoFiles { get; internal set; } = [];
    /// <summary>gc's -complete flag: the Go files are the whole package (no assembly or .syso files, and not one of the std
    /// packages whose bodyless declarations runtime supplies), so a function without body is an error (models work.gc).</summary>
    public bool IsComplete { get; internal set; }
    /// <summary>The package path gc gets with -p: "main" for main packages, else the import path (without a
    /// " [main]" suffix) (models work.pkgPath).</summary>
    public string CompilerPackagePath { get; internal set; } = "";
    /// <summary>File names (not paths) excluded by build constraints, import "C" or a "documentation" package clause.</summary>
    public IReadOnlyList<string> IgnoredGoFiles { get; internal set; } = [];
    /// <summary>File names of files with errors.</summary>
    public IReadOnlyList<string> InvalidGoFiles { get; internal set; } = [];
    /// <summary>Absolute paths of in-package _test.go files (only with IncludeTests).</summary>
    public IReadOnlyList<string> TestGoFiles { get; internal set; } = [];
    /// <summary>Absolute paths of external (package x_test) test files (only with IncludeTests).</summary>
    public IReadOnlyList<string> XTestGoFiles { get; internal set; } = [];
    /// <summary>Imports of GoFiles as written, sorted and deduplicated ("C" never appears: cgo is disabled).</summary>
    public IReadOnlyList<string> Imports { get; internal set; } = [];
    /// <summary>Imports resolved to package import paths, parallel to <see cref="Imports"/> (go list's "Imports").</summary>
    public IReadOnlyList<string> ResolvedImports { get; internal set; } = [];
    /// <summary>Imports of TestGoFiles / XTestGoFiles as written (only with IncludeTests).</summary>
    public IReadOnlyList<string> TestImports { get; internal set; } = [];
    public IReadOnlyList<string> XTestImports { get; internal set; } = [];
    /// <summary>Written import path -> resolved path, only where they differ (go list's "ImportMap"), e.g.
    /// "golang.org/x/net/idna" -> "vendor/golang.org/x/net/idna" inside std.</summary>
    public IReadOnlyDictionary<string, string> ImportMap { get; internal set; } = new Dictionary<string, string>();
    /// <summary>Position of the first import of each written path: (absolute file, line, byte column).</summary>
    public IReadOnlyDictionary<string, (string File, int Line, int Column)> ImportPositions { get; internal set; }
        = new Dictionary<string, (string, int, int)>();
    /// <summary>Import path as written in this package's GoFiles -> the package it denotes (what a type checker's
    /// importer needs). With IncludeTests, roots also map their test imports (see <see cref="TestImportedPackages"/>).</summary>
    public IReadOnlyDictionary<string, LoadedPackage> ImportedPackages { get; internal set; } = new Dictionary<string, LoadedPackage>();
    /// <summary>With IncludeTests, for roots: test import path as written -> package (the package itself for an
    /// external test's import of it).</summary>
    public IReadOnlyDictionary<string, LoadedPackage> TestImportedPackages { get; internal set; } = new Dictionary<string, LoadedPackage>();
    /// <summary>Resolved direct dependencies in import order, including implicit ones the go command adds
    /// (runtime for main packages, simd/internal/bridge for importers of simd). No "C".</summary>
    public IReadOnlyList<LoadedPackage> Dependencies { get; internal set; } = [];
    /// <summary>With IncludeTests, for roots: the packages imported by TestGoFiles and XTestGoFiles (not the package
    /// itself), in TestImports then XTestImports order. They appear in <see cref="LoadResult.Packages"/> after the root.</summary>
    public IReadOnlyList<LoadedPackage> TestDependencies { get; internal set; } = [];
    /// <summary>Import paths of all transitive dependencies, sorted (go list's "Deps").</summary>
    public IReadOnlyList<string> Deps { get; internal set; } = [];
    /// <summary>The module holding the package (std, cmd, the main module, a replaced or vendored module), or null
    /// for command-line files outside any module and for missing packages.</summary>
    public ModuleInfo? Module { get; internal set; }
    /// <summary>Language version for the compiler's -lang ("go1.22"); the module's go version (default go1.16 for a
    /// go.mod without go directive); the toolchain version for std/cmd and when there is no module.</summary>
    public string GoVersion { get; internal set; } = "";
    /// <summary>Per file (absolute path): the minimum Go version from its //go:build line (constraint.GoVersion), "" if none.
    /// The type checker decides how it interacts with <see cref="GoVersion"/>.</summary>
    public IReadOnlyDictionary<string, string> FileGoVersions { get; internal set; } = new Dictionary<string, string>();
    /// <summary>
    /// The language version types2 uses for one file (models types2.(*Checker).initFiles): a file whose //go:build line
    /// implies a version gets max(that version, go1.21); other files get <see cref="GoVersion"/>.
    /// </summary>
    public string EffectiveGoVersion(string file)
    {
        var v = FileGoVersions.GetValueOrDefault(file, "");
        if (v.Length == 0 || GoVersions.Minor(v) < 0) return GoVersion;
        return GoVersions.Compare(v, "go1.21") < 0 ? "go1.21" : v;
    }

    /// <summary>In GOROOT/src (std or cmd).</summary>
    public bool Goroot { get; internal set; }
    /// <summary>go list's "Standard": in GOROOT/src with an import path whose first element has no dot (std and cmd
    /// packages; gc gets -std for them).</summary>
    public bool IsStandard { get; internal set; }
    /// <summary>The pseudo-package "unsafe" (type-checked specially).</summary>
    public bool IsUnsafe => Goroot && CompilerPackagePath == "unsafe"; // also for a PGO copy named "unsafe [main]"
    /// <summary>Built from .go files named on the command line ("command-line-arguments").</summary>
    public bool IsCommandLineFiles { get; internal set; }
    /// <summary>Patterns that matched this package (empty for dependencies).</summary>
    public IReadOnlyList<string> Match { get; internal set; } = [];
    /// <summary>Errors in this package itself (go list's "Error"; at most one like the go command, kept as a list).</summary>
    public IReadOnlyList<PackageError> Errors { get; internal set; } = [];
    /// <summary>True when this package or a dependency has errors.</summary>
    public bool Incomplete { get; internal set; }

    /// <summary>For a copy of a dependency built for one main package with a PGO profile: that main package's import
    /// path. The ImportPath of such a copy is "path [main]" (as go list prints it when several roots are loaded).</summary>
    public string? ForMain { get; internal set; }
    /// <summary>The PGO profile (the main package's default.pgo) the compiler gets for this package, or null.</summary>
    public string? PgoProfile { get; internal set; }

    public override string ToString() => ImportPath;

    internal LoadedPackage CloneForMain(string main) => new()
    {
        ImportPath = ImportPath, Name = Name, Dir = Dir, GoFiles = GoFiles, SFiles = SFiles, SysoFiles = SysoFiles,
        IsComplete = IsComplete, CompilerPackagePath = CompilerPackagePath, IgnoredGoFiles = IgnoredGoFiles,
        InvalidGoFiles = InvalidGoFiles, TestGoFiles = TestGoFiles, XTestGoFiles = XTestGoFiles, Imports = Imports,
        ResolvedImports = [.. ResolvedImports], TestImports = TestImports, XTestImports = XTestImports, ImportMap = ImportMap,
        ImportPositions = ImportPositions, Dependencies = [.. Dependencies], ImportedPackages = ImportedPackages,
        TestImportedPackages = TestImportedPackages, Module = Module, GoVersion = GoVersion,
        FileGoVersions = FileGoVersions, Goroot = Goroot, IsStandard = IsStandard, IsCommandLineFiles = IsCommandLineFiles,
        Errors = Errors, TestDependencies = TestDependencies, ForMain = main,
    };
}

/// <summary>The result of loading patterns.</summary>
public sealed class LoadResult
{
    /// <summary>The GOROOT used (null when none was found; then <see cref="Errors"/> says why).</summary>
    public GoRoot? GoRoot { get; internal init; }
    /// <summary>The build context used.</summary>
    public BuildContext? Context { get; internal init; }
    /// <summary>The main module, or null outside any module.</summary>
    public ModuleInfo? MainModule { get; internal init; }
    /// <summary>All packages (roots and dependencies) in dependency order: a depth-first post-order walk of the roots
    /// in order, visiting imports in order (models load.PackageList, the order of <c>go list -deps</c>).</summary>
    public IReadOnlyList<LoadedPackage> Packages { get; internal init; } = [];
    /// <summary>Packages matched by the patterns, in pattern order (each once).</summary>
    public IReadOnlyList<LoadedPackage> Roots { get; internal init; } = [];
    /// <summary>Errors not tied to one package (no GOROOT, bad pattern, pattern matched nothing ...), worded like the go
    /// command ("go: ..." prefixed where it prints one). Warnings are in <see cref="Warnings"/>.</summary>
    public IReadOnlyList<string> Errors { get; internal init; } = [];
    public IReadOnlyList<string> Warnings { get; internal init; } = [];
    /// <summary>The build list in go list -m all's order (the main module first, then by path), read from the module
    /// cache with minimal version selection; null in vendor mode, outside a module, and for std/cmd.</summary>
    public IReadOnlyList<ListedModule>? BuildList { get; internal init; }
    /// <summary>The first error reading the whole module graph as go list -m all prints it ("go: ..."), or null. A build reports it only
    /// when an import needs the whole graph, as the go command does.</summary>
    public string? BuildListError { get; internal init; }
    /// <summary>True when there are no errors anywhere (result or any package).</summary>
    public bool Success
    {
        get
        {
            if (Errors.Count > 0) return false;
            foreach (var p in Packages) if (p.Errors.Count > 0) return false;
            return true;
        }
    }

    /// <summary>All error texts (result errors then package errors in package order), as <c>go build</c> would print them.</summary>
    public IEnumerable<string> AllErrors()
    {
        foreach (var e in Errors) yield return e;
        foreach (var p in Packages)
            foreach (var e in p.Errors) yield return e.ToString();
    }
}
