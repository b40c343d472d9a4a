namespace GoEscape.Loader;

/// <summary>The Go files of one directory classified under a build context (models go/build.(*Context).Import in
/// directory mode, for the gc compiler with cgo disabled).</summary>
internal sealed class ScannedDir
{
    public required string Dir { get; init; }
    public string Name = "";
    public readonly List<string> GoFiles = [];
    public readonly List<string> IgnoredGoFiles = [];
    public readonly List<string> InvalidGoFiles = [];
    public readonly List<string> TestGoFiles = [];
    public readonly List<string> XTestGoFiles = [];
    /// <summary>Assembly (.s) files selected by the build context.</summary>
    public readonly List<string> SFiles = [];
    /// <summary>.syso object files selected by name.</summary>
    public readonly List<string> SysoFiles = [];
    /// <summary>written import -> first position (file name, line, col), per file list kind.</summary>
    public readonly SortedDictionary<string, (string File, int Line, int Col)> Imports = new(GoStrings.Comparer);
    public readonly SortedDictionary<string, (string File, int Line, int Col)> TestImports = new(GoStrings.Comparer);
    public readonly SortedDictionary<string, (string File, int Line, int Col)> XTestImports = new(GoStrings.Comparer);
    public readonly Dictionary<string, string> FileGoVersions = new(StringComparer.Ordinal);
    /// <summary>First error (go/build's badGoError), already worded; <see cref="ErrorPos"/> is set for syntax errors.</summary>
    public string? Error;
    public (string File, int Line, int Col)? ErrorPos;
    public bool IsScanError;
    /// <summary>True when no Go files remain (go/build.NoGoError).</summary>
    public bool NoGo => GoFiles.Count + TestGoFiles.Count + XTestGoFiles.Count == 0;
    /// <summary>True when the directory could not be read.</summary>
    public bool Missing;

    /// <summary>The cmd/go wording of NoGoError (load.NoGoError.Error).</summary>
    public string NoGoMessage()
    {
        if (IgnoredGoFiles.Count > 0) return "build constraints exclude all Go files in " + Dir;
        if (TestGoFiles.Count + XTestGoFiles.Count > 0) return "no non-test Go files in " + Dir;
        return "no Go files in " + Dir;
    }
}

internal static class DirectoryScanner
{
    /// <summary>Scans <paramref name="dir"/>; when <paramref name="explicitFiles"/> is given only those files are
    /// considered, in that order, and build constraints are not applied (go/build's UseAllFiles, as for files named on
    /// the command line).</summary>
    public static ScannedDir Scan(BuildContext ctx, string dir, IReadOnlyList<string>? explicitFiles = null)
    {
        var sd = new ScannedDir { Dir = dir };
        IEnumerable<string> names;
        if (explicitFiles is not null)
        {
            names = explicitFiles;
        }
        else
        {
            string[] entries;
            try
            {
                entries = Directory.GetFiles(dir);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                sd.Missing = true;
                return sd;
            }
            var list = new List<string>(entries.Length);
            foreach (var e in entries) list.Add(Path.GetFileName(e));
            list.Sort(GoStrings.Comparer);
            names = list;
        }
        bool useAll = explicitFiles is not null;
        string? firstFile = null;
        foreach (var name in names)
        {
            if (name.StartsWith('_') || name.StartsWith('.')) continue;
            if (!name.EndsWith(".go", StringComparison.Ordinal))
            {
                if (!useAll) ScanOtherFile(ctx, sd, dir, name);
                continue;
            }
            if (!useAll && !ctx.GoodOSArchFile(name))
            {
                sd.IgnoredGoFiles.Add(name);
                continue;
            }
            var full = Path.Combine(dir, name);
            if (!useAll && Directory.Exists(full)) continue; // a directory named x.go
            FileHeader h;
            try
            {
                h = FileHeader.ReadFile(full);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                if (Directory.Exists(full)) continue;
                BadFile(sd, name, $"read {full}: {e.Message}");
                continue;
            }
            if (!ctx.ShouldBuild(h, out var constraintErr))
            {
                if (constraintErr is not null) { BadFile(sd, name, name + ": " + constraintErr); continue; }
                if (!useAll) { sd.IgnoredGoFiles.Add(name); continue; }
            }
            if (h.SyntaxErrorMessage is not null)
            {
                BadFile(sd, name, h.SyntaxErrorMessage, (PositionFile(dir, full, h.SyntaxErrorFile), h.SyntaxErrorLine, h.SyntaxErrorColumn));
                if (h.PackageName.Length == 0) continue;
            }
            var pkg = h.PackageName;
            if (pkg == "documentation") { sd.IgnoredGoFiles.Add(name); continue; }
            bool isTest = name.EndsWith("_test.go", StringComparison.Ordinal);
            bool isXTest = false;
            if (isTest && pkg.EndsWith("_test", StringComparison.Ordinal) && sd.Name != pkg)
            {
                isXTest = true;
                pkg = pkg[..^5];
            }
            if (sd.Name.Length == 0)
            {
                sd.Name = pkg;
                firstFile = name;
            }
            else if (pkg != sd.Name)
            {
                BadFile(sd, name, $"found packages {sd.Name} ({firstFile}) and {pkg} ({name}) in {dir}");
            }
            if (h.ImportsC)
            {
                if (isTest) { BadFile(sd, name, $"use of cgo in test {full} not supported"); }
                sd.IgnoredGoFiles.Add(name); // cgo disabled: ignore cgo files and their imports
                continue;
            }
            var (files, imports) = isXTest ? (sd.XTestGoFiles, sd.XTestImports)
                : isTest ? (sd.TestGoFiles, sd.TestImports)
                : (sd.GoFiles, sd.Imports);
            files.Add(name);
            foreach (var imp in h.Imports)
                imports.TryAdd(imp.Path, (imp.File is null ? name : PositionFile(dir, full, imp.File), imp.Line, imp.Column));
            sd.FileGoVersions[name] = h.GoVersion;
        }
        return sd;
    }

    // models go/build.(*Context).matchFile for the non-Go files gc cares about: .s files go to the assembler (their
    // presence means bodyless functions are allowed), .syso files are linked.
    private static void ScanOtherFile(BuildContext ctx, ScannedDir sd, string dir, string name)
    {
        int dot = name.LastIndexOf('.');
        var ext = dot < 0 ? "" : name[dot..];
        if (ext is not (".s" or ".syso") || !ctx.GoodOSArchFile(name)) return;
        if (ext == ".syso") { sd.SysoFiles.Add(name); return; }
        var full = Path.Combine(dir, name);
        try
        {
            if (ctx.ShouldBuild(FileHeader.ReadConstraintsOnly(full), out _)) sd.SFiles.Add(name);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // unreadable (or a directory named x.s): go/build reports read errors only for .go files
        }
    }

    // The file a position names: the file itself, or a //line directive's file (relative to the file's directory,
    // like go/scanner's updateLineInfo).
    private static string PositionFile(string dir, string full, string? lineFile)
        => lineFile is null ? full : lineFile.Length == 0 ? "" : Path.GetFullPath(Path.Combine(dir, lineFile));

    private static void BadFile(ScannedDir sd, string name, string message, (string File, int Line, int Col)? pos = null)
    {
        if (sd.Error is null)
        {
            sd.Error = message;
            sd.ErrorPos = pos;
            sd.IsScanError = pos is not null;
        }
        if (!sd.InvalidGoFiles.Contains(name)) sd.InvalidGoFiles.Add(name);
    }

    /// <summary>
    /// Whether a directory counts as a package for pattern matching: it has at least one Go file (test files included)
    /// that builds in this context (models modload's scanDir/imports.ScanDir and search.MatchDirs' ImportDir check).
    /// </summary>
    public static bool HasBuildableGoFiles(BuildContext ctx, string dir)
    {
        var sd = Scan(ctx, dir);
        return !sd.Missing && (!sd.NoGo || sd.InvalidGoFiles.Count > 0);
    }
}
