namespace GoEscape.Loader;

/// <summary>How the go command shortens paths in messages.</summary>
public static class DisplayPaths
{
    /// <summary>
    /// The relative path from <paramref name="cwd"/> when it is shorter than <paramref name="path"/>, else the path itself
    /// (models cmd/go/internal/base.ShortPath). Used in import error positions: "sub/x.go:3:8".
    /// </summary>
    public static string ShortPath(string path, string cwd)
    {
        var rel = Path.GetRelativePath(cwd, path);
        if (Path.IsPathRooted(rel)) return path;
        return rel.Length < path.Length ? rel : path;
    }

    /// <summary>
    /// The path <c>go build</c> shows for a compiled file in compiler diagnostics: the compiler gets absolute file names
    /// and cmd/go rewrites the package directory (or the nearest ancestor whose relative form is shorter) to its
    /// relative form (models work.(*Shell).reportCmd with base.ShortPath): "./x.go" in the current directory,
    /// "sub/x.go" below it, "../y/x.go" nearby, else absolute.
    /// </summary>
    public static string CompilerPath(string file, string cwd)
    {
        file = Path.GetFullPath(file);
        var dir = Path.GetDirectoryName(file);
        while (!string.IsNullOrEmpty(dir))
        {
            var rel = ShortPath(dir, cwd);
            if (rel != dir)
                return dir.EndsWith(Path.DirectorySeparatorChar) ? Path.Combine(rel, file[dir.Length..]) : rel + file[dir.Length..];
            var parent = Path.GetDirectoryName(dir);
            if (parent is null || parent == dir) break;
            dir = parent;
        }
        return file;
    }
}
