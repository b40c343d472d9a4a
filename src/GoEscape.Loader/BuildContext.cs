using System.Globalization;

namespace GoEscape.Loader;

/// <summary>
/// The build context used to select files: GOOS/GOARCH, compiler "gc", cgo always disabled, user build tags,
/// tool tags (goexperiment.* and GOARCH feature levels) and release tags go1.1..go1.N.
/// Models go/build.Context as configured by cmd/go (cfg.BuildContext) for CGO_ENABLED=0.
/// </summary>
public sealed class BuildContext
{
    public string GoOs { get; }
    public string GoArch { get; }
    public string Compiler => "gc";
    public bool CgoEnabled => false;
    /// <summary>Tags from <c>-tags</c>.</summary>
    public IReadOnlyList<string> BuildTags { get; }
    /// <summary>Tags implied by the toolchain configuration (like <c>go list -f {{context.ToolTags}}</c>).</summary>
    public IReadOnlyList<string> ToolTags { get; }
    /// <summary>go1.1 ... go1.N.</summary>
    public IReadOnlyList<string> ReleaseTags { get; }
    /// <summary>Enabled experiments, lower-case (e.g. "regabiwrappers").</summary>
    public IReadOnlyList<string> Experiments { get; }

    private readonly HashSet<string> _tags;

    private BuildContext(string goos, string goarch, IReadOnlyList<string> buildTags, IReadOnlyList<string> toolTags,
        IReadOnlyList<string> releaseTags, IReadOnlyList<string> experiments)
    {
        GoOs = goos;
        GoArch = goarch;
        BuildTags = buildTags;
        ToolTags = toolTags;
        ReleaseTags = releaseTags;
        Experiments = experiments;
        _tags = new HashSet<string>(buildTags, StringComparer.Ordinal);
        _tags.UnionWith(toolTags);
        _tags.UnionWith(releaseTags);
    }

    /// <summary>
    /// Creates the context for <paramref name="goos"/>/<paramref name="goarch"/> with Go 1.<paramref name="goMinor"/>'s release tags.
    /// <paramref name="getenv"/> supplies GOEXPERIMENT, GOAMD64, GOARM64, GOARM, GO386, GOMIPS, GOMIPS64, GOPPC64, GORISCV64.
    /// Returns null and an error message for an unknown GOEXPERIMENT.
    /// </summary>
    public static BuildContext? Create(string goos, string goarch, IReadOnlyList<string> tags, int goMinor,
        Func<string, string?> getenv, out string? error)
    {
        error = null;
        var exps = Experiment.Enabled(goos, goarch, getenv("GOEXPERIMENT") ?? "", out error);
        if (exps is null) return null;
        var tool = new List<string>();
        foreach (var e in exps) tool.Add("goexperiment." + e);
        tool.AddRange(ArchLevelTags(goarch, getenv));
        var release = new List<string>();
        for (int i = 1; i <= goMinor; i++) release.Add("go1." + i.ToString(CultureInfo.InvariantCulture));
        var user = new List<string>();
        foreach (var t in tags) if (t.Length > 0) user.Add(t);
        return new BuildContext(goos, goarch, user, tool, release, exps);
    }

    // models internal/buildcfg.gogoarchTags (with buildcfg's defaults)
    private static IEnumerable<string> ArchLevelTags(string goarch, Func<string, string?> getenv)
    {
        string Env(string k, string d) => string.IsNullOrEmpty(getenv(k)) ? d : getenv(k)!;
        switch (goarch)
        {
            case "386":
                yield return "386." + Env("GO386", "sse2");
                break;
            case "amd64":
            {
                var v = Env("GOAMD64", "v1");
                int level = v.Length == 2 && v[0] == 'v' && v[1] is >= '1' and <= '4' ? v[1] - '0' : 1;
                for (int i = 1; i <= level; i++) yield return "amd64.v" + i.ToString(CultureInfo.InvariantCulture);
                break;
            }
            case "arm":
            {
                var v = Env("GOARM", "7");
                int level = v.Length > 0 && v[0] is >= '5' and <= '7' ? v[0] - '0' : 7;
                for (int i = 5; i <= level; i++) yield return "arm." + i.ToString(CultureInfo.InvariantCulture);
                break;
            }
            case "arm64":
            {
                var v = Env("GOARM64", "v8.0");
                int major = v.Length >= 4 ? v[1] - '0' : 8, minor = v.Length >= 4 ? v[3] - '0' : 0;
                for (int i = 0; i <= minor; i++) yield return $"arm64.v{major}.{i}";
                if (major == 9)
                    for (int i = 0; i <= minor + 5 && i <= 9; i++) yield return $"arm64.v8.{i}";
                break;
            }
            case "mips" or "mipsle":
                yield return goarch + "." + Env("GOMIPS", "hardfloat");
                break;
            case "mips64" or "mips64le":
                yield return goarch + "." + Env("GOMIPS64", "hardfloat");
                break;
            case "ppc64" or "ppc64le":
            {
                var v = Env("GOPPC64", "power8");
                int level = v.StartsWith("power", StringComparison.Ordinal) && GoStrings.TryAtoi(v.AsSpan(5), out int n) ? n : 8;
                for (int i = 8; i <= level; i++) yield return goarch + ".power" + i.ToString(CultureInfo.InvariantCulture);
                break;
            }
            case "riscv64":
            {
                var v = Env("GORISCV64", "rva20u64");
                yield return "riscv64.rva20u64";
                if (v is "rva22u64" or "rva23u64") yield return "riscv64.rva22u64";
                if (v is "rva23u64") yield return "riscv64.rva23u64";
                break;
            }
            case "wasm":
                yield return "wasm.satconv";
                yield return "wasm.signext";
                break;
        }
    }

    /// <summary>Reports whether the tag is satisfied (models go/build.(*Context).matchTag).</summary>
    public bool MatchTag(string name, ISet<string>? allTags = null)
    {
        allTags?.Add(name);
        if (CgoEnabled && name == "cgo") return true;
        if (name == GoOs || name == GoArch || name == Compiler) return true;
        if (GoOs == "android" && name == "linux") return true;
        if (GoOs == "illumos" && name == "solaris") return true;
        if (GoOs == "ios" && name == "darwin") return true;
        if (name == "unix" && Platforms.UnixOS.Contains(GoOs)) return true;
        if (name == "boringcrypto") name = "goexperiment.boringcrypto";
        return _tags.Contains(name);
    }

    /// <summary>Evaluates a constraint in this context (models go/build.(*Context).eval).</summary>
    public bool Eval(ConstraintExpr x, ISet<string>? allTags = null) => x.Eval(tag => MatchTag(tag, allTags));

    /// <summary>
    /// Reports whether a file name's _GOOS, _GOARCH or _GOOS_GOARCH suffix (before an optional _test)
    /// matches this context (models go/build.(*Context).goodOSArchFile).
    /// </summary>
    public bool GoodOSArchFile(string name, ISet<string>? allTags = null)
    {
        int dot = name.IndexOf('.');
        if (dot >= 0) name = name[..dot];
        int i = name.IndexOf('_');
        if (i < 0) return true;
        var l = name[i..].Split('_'); // first element is "" (the text before the first _ is ignored)
        int n = l.Length;
        if (n > 0 && l[n - 1] == "test") n--;
        if (n >= 2 && Platforms.KnownOS.Contains(l[n - 2]) && Platforms.KnownArch.Contains(l[n - 1]))
        {
            allTags?.Add(l[n - 2]);
            return MatchTag(l[n - 1], allTags) && MatchTag(l[n - 2], allTags);
        }
        if (n >= 1 && (Platforms.KnownOS.Contains(l[n - 1]) || Platforms.KnownArch.Contains(l[n - 1])))
            return MatchTag(l[n - 1], allTags);
        return true;
    }

    /// <summary>
    /// Decides whether a file with this header should be built (models go/build.(*Context).shouldBuild):
    /// a //go:build line controls; otherwise every // +build line in the leading comment block must match.
    /// Returns false with <paramref name="error"/> set for an invalid //go:build line or multiple //go:build lines.
    /// </summary>
    public bool ShouldBuild(FileHeader header, out string? error, ISet<string>? allTags = null)
    {
        error = header.BuildConstraintError;
        if (error is not null) return false;
        if (header.GoBuild is { } goBuild) return Eval(goBuild, allTags);
        bool ok = true;
        foreach (var plus in header.PlusBuild)
            if (!Eval(plus, allTags)) ok = false;
        return ok;
    }
}

/// <summary>Known GOOS/GOARCH lists (internal/syslist) and platform rules (internal/platform).</summary>
public static class Platforms
{
    public static readonly IReadOnlySet<string> KnownOS = new HashSet<string>(StringComparer.Ordinal)
    {
        "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "js", "linux", "nacl",
        "netbsd", "openbsd", "plan9", "solaris", "wasip1", "windows", "zos",
    };

    public static readonly IReadOnlySet<string> UnixOS = new HashSet<string>(StringComparer.Ordinal)
    {
        "aix", "android", "darwin", "dragonfly", "freebsd", "hurd", "illumos", "ios", "linux", "netbsd",
        "openbsd", "solaris",
    };

    public static readonly IReadOnlySet<string> KnownArch = new HashSet<string>(StringComparer.Ordinal)
    {
        "386", "amd64", "amd64p32", "arm", "armbe", "arm64", "arm64be", "loong64", "mips", "mipsle", "mips64",
        "mips64le", "mips64p32", "mips64p32le", "ppc", "ppc64", "ppc64le", "riscv", "riscv64", "s390", "s390x",
        "sparc", "sparc64", "wasm",
    };

    /// <summary>
    /// Why a main package on this platform needs external (cgo) linking, or null
    /// (models cmd/go/internal/load.externalLinkingReason for the default build mode, no -race).
    /// </summary>
    public static string? ExternalLinkingReason(string goos, string goarch)
    {
        // internal/platform.MustLinkExternal(goos, goarch, false)
        if ((goos == "android" && goarch != "arm64") || (goos == "ios" && goarch == "arm64"))
            return goos + "/" + goarch;
        // default PIE without internal PIE linking support
        bool defaultPie = goos is "android" or "ios" or "windows" or "darwin";
        if (defaultPie && !InternalLinkPIESupported(goos, goarch)) return "default PIE binary";
        return null;
    }

    private static bool InternalLinkPIESupported(string goos, string goarch) => (goos + "/" + goarch) switch
    {
        "android/arm64" or "darwin/amd64" or "darwin/arm64" or "linux/amd64" or "linux/arm64" or "linux/loong64"
            or "linux/ppc64" or "linux/ppc64le" or "linux/s390x" or "windows/386" or "windows/amd64" or "windows/arm64" => true,
        _ => false,
    };
}

/// <summary>GOEXPERIMENT handling (models internal/buildcfg.ParseGOEXPERIMENT and internal/goexperiment.Flags).</summary>
internal static class Experiment
{
    // Field order of goexperiment.Flags in Go 1.27: tags are listed in this order.
    private static readonly string[] Names =
    [
        "fieldtrack", "preemptibleloops", "staticlockranking", "boringcrypto", "regabiwrappers", "regabiargs",
        "heapminimum512kib", "arenas", "cgocheck2", "loopvar", "newinliner", "dwarf5", "jsonv2", "greenteagc",
        "randomizedheapbase64", "runtimefreegc", "sizespecializedmalloc", "simd", "runtimesecret", "mapsplitgroup",
    ];

    public static List<string>? Enabled(string goos, string goarch, string goexp, out string? error)
    {
        error = null;
        bool regabi = goarch is "amd64" or "arm64" or "loong64" or "ppc64le" or "ppc64" or "riscv64" or "s390x";
        bool dwarf5 = goos is not ("darwin" or "ios" or "aix");
        var on = new HashSet<string>(StringComparer.Ordinal) { "randomizedheapbase64", "greenteagc", "jsonv2", "sizespecializedmalloc" };
        if (regabi) { on.Add("regabiwrappers"); on.Add("regabiargs"); }
        if (dwarf5) on.Add("dwarf5");
        foreach (var f in goexp.Split(','))
        {
            if (f.Length == 0) continue;
            if (f == "none") { on.Clear(); continue; }
            var name = f;
            bool val = true;
            if (name.StartsWith("no", StringComparison.Ordinal)) { name = name[2..]; val = false; }
            string[] targets = name == "regabi" ? ["regabiwrappers", "regabiargs"] : [name];
            if (name != "regabi" && Array.IndexOf(Names, name) < 0)
            {
                error = "unknown GOEXPERIMENT " + name;
                return null;
            }
            foreach (var t in targets) { if (val) on.Add(t); else on.Remove(t); }
        }
        if (regabi) { on.Add("regabiwrappers"); on.Add("regabiargs"); }
        else { on.Remove("regabiwrappers"); on.Remove("regabiargs"); }
        var list = new List<string>();
        foreach (var n in Names) if (on.Contains(n)) list.Add(n);
        return list;
    }
}
