using System.Text;

namespace GoEscape.Loader;

/// <summary>
/// The go command's module cache (GOMODCACHE), read-only: dependency go.mod files under
/// <c>cache/download/&lt;escaped path&gt;/@v/&lt;escaped version&gt;.mod</c> and extracted sources under
/// <c>&lt;escaped path&gt;@&lt;escaped version&gt;/</c>. GoEscape never downloads into it.
/// </summary>
public sealed class ModuleCache
{
    /// <summary>The cache root (GOMODCACHE).</summary>
    public string Root { get; }

    public ModuleCache(string root) => Root = root;

    /// <summary>
    /// GOMODCACHE, else the first GOPATH entry + /pkg/mod, GOPATH defaulting to $HOME/go (models cfg.GOMODCACHE
    /// and cfg.gopath / build.defaultGOPATH). Null when neither GOMODCACHE, GOPATH nor HOME is set.
    /// </summary>
    public static string? Locate(Func<string, string?> getenv)
    {
        var gmc = getenv("GOMODCACHE");
        if (!string.IsNullOrEmpty(gmc)) return gmc;
        var gopath = getenv("GOPATH");
        if (!string.IsNullOrEmpty(gopath))
        {
            foreach (var p in gopath.Split(Path.PathSeparator))
                if (p.Length > 0) return Path.Combine(p, "pkg", "mod");
        }
        var home = getenv("HOME");
        if (string.IsNullOrEmpty(home) && OperatingSystem.IsWindows()) home = getenv("USERPROFILE");
        return string.IsNullOrEmpty(home) ? null : Path.Combine(home, "go", "pkg", "mod");
    }

    /// <summary>The go.mod of path@version as downloaded (models modfetch.CachePath + ".mod").</summary>
    public string GoModFile(string path, string version)
        => Path.Combine(Root, "cache", "download", Native(Escape(path)), "@v", Escape(version) + ".mod");

    /// <summary>The hash of the module zip as downloaded (models the .ziphash file modfetch writes).</summary>
    public string ZipHashFile(string path, string version)
        => Path.Combine(Root, "cache", "download", Native(Escape(path)), "@v", Escape(version) + ".ziphash");

    /// <summary>The extracted module directory (models modfetch.DownloadDir).</summary>
    public string SourceDir(string path, string version)
        => Path.Combine(Root, Native(Escape(path)) + "@" + Escape(version));

    private static string Native(string p) => p.Replace('/', Path.DirectorySeparatorChar);

    /// <summary>Case-encodes a module path or version: each upper-case letter becomes '!' and its lower-case form
    /// (models module.EscapePath / module.EscapeVersion, without their validity checks).</summary>
    public static string Escape(string s)
    {
        bool upper = false;
        foreach (var c in s) if (c is >= 'A' and <= 'Z') { upper = true; break; }
        if (!upper) return s;
        var sb = new StringBuilder(s.Length + 4);
        foreach (var c in s)
        {
            if (c is >= 'A' and <= 'Z') sb.Append('!').Append((char)(c + ('a' - 'A')));
            else sb.Append(c);
        }
        return sb.ToString();
    }
}

/// <summary>
/// The main module's go.sum: which module zips and go.mod files have a checksum line (models the lookups of
/// modfetch.HaveSum). Only the presence of a line is checked, and, for a zip, that it agrees with the .ziphash the
/// cache recorded when the module was downloaded; no hash is recomputed.
/// </summary>
public sealed class GoSum
{
    private readonly Dictionary<string, List<string>> _hashes = new(StringComparer.Ordinal);

    public static GoSum Read(string file) => ReadAll([file]);

    /// <summary>Several go.sum files as one: a workspace's go.work.sum and its modules' go.sum files (models
    /// modfetch's workspace go.sum files, consulted together).</summary>
    public static GoSum ReadAll(IEnumerable<string> files)
    {
        var s = new GoSum();
        foreach (var file in files)
        {
            if (File.Exists(file)) s.Add(file);
        }
        return s;
    }

    private void Add(string file)
    {
        var s = this;
        foreach (var line in File.ReadAllLines(file))
        {
            var f = GoStrings.Fields(line);
            if (f.Count != 3) continue; // modfetch.readGoSum tolerates (and skips) malformed lines in go.sum files
            var key = f[0] + " " + f[1];
            if (!s._hashes.TryGetValue(key, out var list)) s._hashes[key] = list = [];
            list.Add(f[2]);
        }
    }

    /// <summary>Whether go.sum has a line for path version (version may end in "/go.mod").</summary>
    public bool Has(string path, string version) => _hashes.ContainsKey(path + " " + version);

    /// <summary>dirhash.Hash1 of a go.mod file alone: "h1:" + base64(sha256("&lt;hex sha256(data)&gt;  go.mod\n")).</summary>
    public static string Hash1GoMod(byte[] data)
    {
        var fileHash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(data));
        var summary = System.Text.Encoding.UTF8.GetBytes(fileHash + "  go.mod\n");
        return "h1:" + Convert.ToBase64String(System.Security.Cryptography.SHA256.HashData(summary));
    }

    /// <summary>The hashes recorded for path version.</summary>
    public IReadOnlyList<string> Hashes(string path, string version)
        => _hashes.TryGetValue(path + " " + version, out var l) ? l : [];
}

/// <summary>Semantic versions as modules use them (models golang.org/x/mod/semver.Compare).</summary>
public static class Semver
{
    /// <summary>Compares two versions; "none" (MVS's absent version) and invalid versions sort before all valid ones,
    /// and compare equal to each other.</summary>
    public static int Compare(string v, string w)
    {
        var a = Parse(v);
        var b = Parse(w);
        if (a is null) return b is null ? 0 : -1;
        if (b is null) return 1;
        var (ma, na, pa, prea) = a.Value;
        var (mb, nb, pb, preb) = b.Value;
        int c = CompareNum(ma, mb);
        if (c == 0) c = CompareNum(na, nb);
        if (c == 0) c = CompareNum(pa, pb);
        if (c == 0) c = ComparePrerelease(prea, preb);
        return c;
    }

    /// <summary>Whether v is a valid semantic version (vMAJOR[.MINOR[.PATCH[-pre][+build]]]).</summary>
    public static bool IsValid(string v) => Parse(v) is not null;

    private static (string Major, string Minor, string Patch, string Pre)? Parse(string v)
    {
        if (v.Length < 2 || v[0] != 'v') return null;
        int i = 1;
        string? Num()
        {
            int start = i;
            while (i < v.Length && char.IsAsciiDigit(v[i])) i++;
            if (i == start || (v[start] == '0' && i - start > 1)) return null;
            return v[start..i];
        }
        var major = Num();
        if (major is null) return null;
        string minor = "0", patch = "0", pre = "";
        if (i == v.Length) return (major, minor, patch, pre);
        if (v[i] != '.') return null;
        i++;
        minor = Num()!;
        if (minor is null) return null;
        if (i == v.Length) return (major, minor, patch, pre);
        if (v[i] != '.') return null;
        i++;
        patch = Num()!;
        if (patch is null) return null;
        if (i < v.Length && v[i] == '-')
        {
            int start = i;
            i++;
            while (i < v.Length && v[i] != '+') i++;
            pre = v[start..i];
            if (pre.Length == 1) return null;
        }
        if (i < v.Length && v[i] == '+')
        {
            if (i + 1 == v.Length) return null;
            i = v.Length; // build metadata is ignored in comparisons
        }
        return i == v.Length ? (major, minor, patch, pre) : null;
    }

    private static int CompareNum(string x, string y)
    {
        if (x.Length != y.Length) return x.Length < y.Length ? -1 : 1;
        return Math.Sign(string.CompareOrdinal(x, y));
    }

    private static int ComparePrerelease(string x, string y)
    {
        // "" (a release) sorts after any prerelease; identifiers compare numerically when both are numeric.
        if (x == y) return 0;
        if (x.Length == 0) return 1;
        if (y.Length == 0) return -1;
        var xs = x[1..].Split('.');
        var ys = y[1..].Split('.');
        for (int k = 0; k < xs.Length && k < ys.Length; k++)
        {
            if (xs[k] == ys[k]) continue;
            bool dx = IsNum(xs[k]), dy = IsNum(ys[k]);
            if (dx != dy) return dx ? -1 : 1;
            if (dx) return CompareNum(xs[k], ys[k]);
            return Math.Sign(string.CompareOrdinal(xs[k], ys[k]));
        }
        return xs.Length.CompareTo(ys.Length);
    }

    private static bool IsNum(string s)
    {
        if (s.Length == 0) return false;
        foreach (var c in s) if (!char.IsAsciiDigit(c)) return false;
        return true;
    }
}
