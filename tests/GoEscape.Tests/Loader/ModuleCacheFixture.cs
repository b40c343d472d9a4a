using System.IO.Compression;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using GoEscape.Harness;
using GoEscape.Loader;

namespace GoEscape.Tests.Loader;

/// <summary>
/// A private module cache built offline, once per test class: the modules of testdata/modcache/proxy.txtar are
/// written as a file-based GOPROXY (&lt;escaped path&gt;/@v/list, .info, .mod, .zip) and the real
/// <c>go mod download</c> fills a temporary GOMODCACHE from it. The main module fixtures (testdata/modcache/main,
/// local) are copied next to it, so that go (with -mod=mod) may rewrite its files without touching the sources.
/// Without Go 1.27 nothing is built and every test using it skips.
/// </summary>
public sealed partial class ModuleCacheFixture : IDisposable
{
    /// <summary>Modules of the proxy that are deliberately not downloaded (the "not in the cache" cases).</summary>
    public static readonly string[] NotDownloaded = ["example.com/gone@v1.0.0"];
    /// <summary>Downloaded on their own: go mod download fails for them (their go line is newer than Go 1.27), after
    /// putting them in the cache.</summary>
    public static readonly string[] TooNew = ["example.com/future@v1.0.0"];

    public string? Root { get; }
    public string GoModCache => Path.Combine(Root!, "gomodcache");
    public string GoPath => Path.Combine(Root!, "gopath");
    public string Proxy => Path.Combine(Root!, "proxy");
    public string? SetupError { get; }

    public static string TestData([CallerFilePath] string here = "")
        => Path.GetFullPath(Path.Combine(Path.GetDirectoryName(here)!, "..", "testdata", "modcache"));

    public ModuleCacheFixture()
    {
        var goroot = Oracle.GoRootOrNull;
        if (goroot is null) return;
        Root = Path.Combine(Path.GetTempPath(), $"goescape-modcache-{Guid.NewGuid():N}");
        Directory.CreateDirectory(Root);
        var all = WriteProxy(File.ReadAllText(Path.Combine(TestData(), "proxy.txtar")), Proxy);
        var wanted = all.Where(m => !NotDownloaded.Contains(m) && !TooNew.Contains(m)).ToList();
        var r = GoToolchain.Run(goroot, Root, ["mod", "download", .. wanted], overrides: DownloadEnv());
        if (r.ExitCode != 0) { SetupError = "go mod download: " + r.Output; return; }
        GoToolchain.Run(goroot, Root, ["mod", "download", .. TooNew], overrides: DownloadEnv()); // fails after extracting
    }

    private Dictionary<string, string?> DownloadEnv() => new()
    {
        ["GOPROXY"] = new Uri(Proxy).AbsoluteUri,
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = "-modcacherw",
        ["GOMODCACHE"] = GoModCache,
        ["GOPATH"] = GoPath,
    };

    /// <summary>The environment of the go command for a test run: the private cache, nothing downloaded.</summary>
    public Dictionary<string, string?> GoEnv(string goflags, string? goModCache = null) => new()
    {
        ["GOPROXY"] = "off",
        ["GOSUMDB"] = "off",
        ["GOFLAGS"] = (goflags + " -modcacherw -buildvcs=false").Trim(),
        ["GOMODCACHE"] = goModCache ?? GoModCache,
        ["GOPATH"] = GoPath,
    };

    /// <summary>The same environment for the loader.</summary>
    public Dictionary<string, string> LoaderEnv(string goflags, string? goModCache = null)
        => GoEnv(goflags, goModCache).ToDictionary(kv => kv.Key, kv => kv.Value!);

    /// <summary>Throws SkipException without Go, fails when building the cache failed.</summary>
    public string GoRoot()
    {
        var goroot = Oracle.GoRoot();
        Assert.True(SetupError is null, SetupError);
        return goroot;
    }

    /// <summary>A fresh copy of testdata/modcache/main (and its directory replacement ../local) in the temp root;
    /// returns the main module's directory.</summary>
    public string CopyMain(string name)
    {
        var dest = Path.Combine(Root!, name);
        CopyDir(Path.Combine(TestData(), "main"), Path.Combine(dest, "main"));
        CopyDir(Path.Combine(TestData(), "local"), Path.Combine(dest, "local"));
        return Path.Combine(dest, "main");
    }

    /// <summary>A copy of the module cache (for cases that remove something from it).</summary>
    public string CopyCache(string name)
    {
        var dest = Path.Combine(Root!, name);
        CopyDir(GoModCache, dest);
        return dest;
    }

    private static void CopyDir(string from, string to)
    {
        Directory.CreateDirectory(to);
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(to, Path.GetFileName(f)), true);
        foreach (var d in Directory.GetDirectories(from)) CopyDir(d, Path.Combine(to, Path.GetFileName(d)));
    }

    [GeneratedRegex(@"^-- (.+?) --\n", RegexOptions.Multiline)]
    private static partial Regex SectionHeader();

    /// <summary>Writes a txtar of "module@version/file" sections as a GOPROXY directory; returns the module versions.</summary>
    public static List<string> WriteProxy(string txtar, string dir)
    {
        var files = new Dictionary<string, List<(string Name, string Body)>>(StringComparer.Ordinal);
        var order = new List<string>();
        var ms = SectionHeader().Matches(txtar);
        for (int i = 0; i < ms.Count; i++)
        {
            var name = ms[i].Groups[1].Value;
            int start = ms[i].Index + ms[i].Length;
            int end = i + 1 < ms.Count ? ms[i + 1].Index : txtar.Length;
            int at = name.IndexOf('@');
            int slash = name.IndexOf('/', at);
            var mv = name[..slash];
            if (!files.TryGetValue(mv, out var list)) { files[mv] = list = []; order.Add(mv); }
            list.Add((name[(slash + 1)..], txtar[start..end]));
        }
        var versions = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var mv in order)
        {
            var path = mv[..mv.IndexOf('@')];
            var ver = mv[(mv.IndexOf('@') + 1)..];
            var vdir = Path.Combine(dir, ModuleCache.Escape(path).Replace('/', Path.DirectorySeparatorChar), "@v");
            Directory.CreateDirectory(vdir);
            if (!versions.TryGetValue(path, out var vl)) versions[path] = vl = [];
            vl.Add(ver);
            File.WriteAllText(Path.Combine(vdir, ver + ".mod"), files[mv].Single(f => f.Name == "go.mod").Body);
            File.WriteAllText(Path.Combine(vdir, ver + ".info"), $"{{\"Version\":\"{ver}\",\"Time\":\"2024-01-01T00:00:00Z\"}}");
            using var zip = ZipFile.Open(Path.Combine(vdir, ver + ".zip"), ZipArchiveMode.Create);
            foreach (var (name, body) in files[mv])
            {
                using var w = new StreamWriter(zip.CreateEntry($"{path}@{ver}/{name}").Open());
                w.Write(body);
            }
        }
        foreach (var (path, vl) in versions)
            File.WriteAllText(Path.Combine(dir, ModuleCache.Escape(path).Replace('/', Path.DirectorySeparatorChar), "@v", "list"), string.Join("\n", vl) + "\n");
        return order;
    }

    public void Dispose()
    {
        if (Root is null) return;
        try { Directory.Delete(Root, recursive: true); }
        catch (IOException) { }
        catch (UnauthorizedAccessException) { }
    }
}
