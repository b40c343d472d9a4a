namespace GoEscape.Loader;

/// <summary>How the go command shortens paths in messages.</summary>
public static class DisplayPaths
{
    /// <summary>
    /// The path relative to <paramref name="cwd"/> when that is shorter than <paramref name="path"/> and names the same
    /// existing file, else the path itself (models cmd/go/internal/base.ShortPath). Used in import error positions:
    /// "sub/x.go:3:8".
    /// </summary>
    public static string ShortPath(string path, string cwd)
    {
        var rel = Path.GetRelativePath(cwd, path);
        if (Path.IsPathRooted(rel) || rel.Length >= path.Length) return path;
        // base.ShortPath's sameFile(rel, path): both must stat to the same file, so the path must exist.
        return File.Exists(path) || Directory.Exists(path) ? rel : path;
    }

    /// <summary>
    /// The path <c>go build</c> shows for a file in the compiler's diagnostics while compiling the package in
    /// <paramref name="packageDir"/> (default: the file's directory). The compiler gets absolute file names and cmd/go
    /// rewrites, in its output, the package directory and then each of its parents to its <see cref="ShortPath"/> form
    /// when that is shorter (models work.(*Shell).reportCmd with replacePrefix): "./x.go" for a package in the current
    /// directory, "sub/x.go" below it, "../y/x.go" nearby; files elsewhere (e.g. inlined std functions) stay absolute
    /// unless they share such a parent.
    /// </summary>
    public static string CompilerPath(string file, string cwd, string? packageDir = null)
    {
        file = Path.GetFullPath(file);
        var dir = Path.GetFullPath(packageDir ?? Path.GetDirectoryName(file) ?? file);
        while (true)
        {
            var rel = ShortPath(dir, cwd);
            // replacePrefix is a plain string replacement at the start of the text
            if (rel != dir && file.StartsWith(dir, StringComparison.Ordinal))
                return rel + file[dir.Length..];
            var parent = Path.GetDirectoryName(dir);
            if (parent is null || parent == dir) return file;
            dir = parent;
        }
    }
}
