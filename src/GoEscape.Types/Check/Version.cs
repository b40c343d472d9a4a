using GoEscape.Syntax;

namespace GoEscape.Types;

/// <summary>A Go language version "go1.N" (models types2 goVersion: only major.minor matter).</summary>
public readonly record struct GoVersion(int Major, int Minor)
{
    public bool IsValid => Major > 0;
    public override string ToString() => IsValid ? $"go{Major}.{Minor}" : "";
    public int CompareTo(GoVersion o) => Major != o.Major ? Major.CompareTo(o.Major) : Minor.CompareTo(o.Minor);
}

public static class GoVersions
{
    public static readonly GoVersion Go1_0 = new(1, 0);
    public static readonly GoVersion Go1_9 = new(1, 9);
    public static readonly GoVersion Go1_13 = new(1, 13);
    public static readonly GoVersion Go1_14 = new(1, 14);
    public static readonly GoVersion Go1_17 = new(1, 17);
    public static readonly GoVersion Go1_18 = new(1, 18);
    public static readonly GoVersion Go1_20 = new(1, 20);
    public static readonly GoVersion Go1_21 = new(1, 21);
    public static readonly GoVersion Go1_22 = new(1, 22);
    public static readonly GoVersion Go1_23 = new(1, 23);
    public static readonly GoVersion Go1_24 = new(1, 24);
    public static readonly GoVersion Go1_26 = new(1, 26);
    public static readonly GoVersion Go1_27 = new(1, 27);
    public static readonly GoVersion Current = Go1_27;

    /// <summary>Parses "go1.21", "go1.21.3", "go1.21rc1" (language version only); invalid -> default.</summary>
    public static GoVersion Parse(string? s)
    {
        if (string.IsNullOrEmpty(s) || !s.StartsWith("go", StringComparison.Ordinal)) return default;
        int i = 2, major = 0, minor = 0;
        int start = i;
        while (i < s.Length && char.IsAsciiDigit(s[i])) major = major * 10 + (s[i++] - '0');
        if (i == start) return default;
        if (i < s.Length && s[i] == '.')
        {
            i++;
            start = i;
            while (i < s.Length && char.IsAsciiDigit(s[i])) minor = minor * 10 + (s[i++] - '0');
            if (i == start) return default;
        }
        return new GoVersion(major, minor);
    }

    public static GoVersion Max(GoVersion a, GoVersion b) => a.CompareTo(b) > 0 ? a : b;
}

public sealed partial class Checker
{
    /// <summary>The effective version at the current point (file version of the code being checked).</summary>
    private GoVersion CurrentVersion
    {
        get
        {
            var v = GoVersions.Parse(_env.Version);
            return v.IsValid ? v : GoVersions.Current;
        }
    }

    /// <summary>models types2.(*Checker).allowVersion</summary>
    internal bool AllowVersion(GoVersion want) => CurrentVersion.CompareTo(want) >= 0;

    /// <summary>models types2.(*Checker).verifyVersionf</summary>
    internal bool VerifyVersion(Node at, GoVersion v, string what)
    {
        if (!AllowVersion(v))
        {
            VersionError(at, v, what);
            return false;
        }
        return true;
    }

    /// <summary>Version of the file containing pos.</summary>
    internal string FileVersion(Pos pos)
    {
        var f = FileOf(pos);
        if (f != null && _versions.TryGetValue(f, out var v)) return v;
        return _conf.GoVersion;
    }
}
