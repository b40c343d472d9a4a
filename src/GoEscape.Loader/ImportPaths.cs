namespace GoEscape.Loader;

/// <summary>Slash-separated import path helpers as the go command has them (str.HasPathPrefix, path.Dir, search.IsStandardImportPath).</summary>
internal static class ImportPaths
{
    /// <summary>str.HasPathPrefix: s == prefix or s starts with prefix + "/".</summary>
    public static bool HasPathPrefix(string s, string prefix)
    {
        if (prefix.Length == 0) return true;
        if (s.Length == prefix.Length) return s == prefix;
        if (s.Length < prefix.Length || !s.StartsWith(prefix, StringComparison.Ordinal)) return false;
        return prefix[^1] == '/' || s[prefix.Length] == '/';
    }

    /// <summary>path.Dir for slash-separated import paths ("a/b" -> "a", "a" -> ".").</summary>
    public static string PathDir(string p)
    {
        int i = p.LastIndexOf('/');
        return i < 0 ? "." : i == 0 ? "/" : p[..i];
    }

    /// <summary>Reports whether the first path element has no dot (search.IsStandardImportPath).</summary>
    public static bool IsStandardImportPath(string path)
    {
        int i = path.IndexOf('/');
        var elem = i < 0 ? path : path[..i];
        return !elem.Contains('.');
    }
}
