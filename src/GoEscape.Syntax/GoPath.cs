using System.Text;

namespace GoEscape.Syntax;

/// <summary>Go's path/filepath semantics for Unix (Clean, IsAbs, Dir, Join) used by //line directives.</summary>
public static class GoPath
{
    public static bool IsAbs(string p) => p.StartsWith('/');

    /// <summary>filepath.Clean for '/'-separated paths.</summary>
    public static string Clean(string path)
    {
        if (path.Length == 0) return ".";
        bool rooted = path[0] == '/';
        var parts = path.Split('/');
        var outp = new List<string>();
        foreach (var part in parts)
        {
            if (part.Length == 0 || part == ".") continue;
            if (part == "..")
            {
                if (outp.Count > 0 && outp[^1] != "..") outp.RemoveAt(outp.Count - 1);
                else if (!rooted) outp.Add("..");
                continue;
            }
            outp.Add(part);
        }
        var sb = new StringBuilder();
        if (rooted) sb.Append('/');
        sb.Append(string.Join('/', outp));
        return sb.Length == 0 ? "." : sb.ToString();
    }

    public static string Dir(string path)
    {
        int i = path.LastIndexOf('/');
        string dir = Clean(path[..(i + 1)]);
        return dir;
    }

    public static string Join(string a, string b)
    {
        if (a.Length == 0) return b.Length == 0 ? "" : Clean(b);
        if (b.Length == 0) return Clean(a);
        return Clean(a + "/" + b);
    }
}
