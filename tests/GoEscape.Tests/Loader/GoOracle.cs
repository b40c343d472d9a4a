using System.Text.Json;
using GoEscape.Harness;

namespace GoEscape.Tests.Loader;

/// <summary>Runs <c>go list</c> and <c>go build -n</c> of the oracle (through <see cref="GoToolchain"/>) and parses them.</summary>
internal static class GoOracle
{
    /// <summary>The oracle's GOROOT; skips the test when Go 1.27 is absent (see <see cref="Oracle.GoRoot"/>).</summary>
    public static string GoRoot => Oracle.GoRoot();

    public sealed record ListedPackage(string ImportPath, string Name, string Dir, bool Standard, List<string> GoFiles,
        List<string> Imports, List<string> Deps, string? Error, Dictionary<string, string> ImportMap, List<string> SFiles)
    {
        /// <summary>The error's position ("file:line:col" as go prints it), or null.</summary>
        public string? ErrorPos { get; init; }
    }

    /// <summary>Runs <c>go list -e -deps -json=... args</c> in <paramref name="dir"/> with CGO_ENABLED=0.</summary>
    public static List<ListedPackage> ListDeps(string goroot, string dir, string goos, string goarch, params string[] args)
        => ListDeps(goroot, dir, goos, goarch, "-mod=mod", args);

    public static List<ListedPackage> ListDeps(string goroot, string dir, string goos, string goarch, string goflags, string[] args)
        => ListDeps(goroot, dir, goos, goarch, goflags, args, new Dictionary<string, string>());

    public static List<ListedPackage> ListDeps(string goroot, string dir, string goos, string goarch, string goflags, string[] args,
        IReadOnlyDictionary<string, string> extraEnv)
    {
        var env = new Dictionary<string, string?>
        {
            ["GOOS"] = goos,
            ["GOARCH"] = goarch,
            ["GOFLAGS"] = (goflags + " -buildvcs=false").Trim(), // no VCS stamping of main packages
        };
        foreach (var (k, v) in extraEnv) env[k] = v;
        var output = GoToolchain.Run(goroot, dir,
            ["list", "-e", "-deps", "-json=ImportPath,Name,Dir,Standard,GoFiles,Imports,Deps,Error,ImportMap,SFiles", .. args],
            overrides: env).Stdout;
        return Parse(output);
    }

    /// <summary>Each package of <c>go list -e -deps patterns</c> with its error text as go formats it (or "").</summary>
    public static List<(string ImportPath, string Error)> ListErrors(string goroot, string dir, string goflags, string[] patterns)
    {
        var output = GoToolchain.Run(goroot, dir,
            ["list", "-e", "-deps", "-f", "{{.ImportPath}}\t{{if .Error}}{{printf \"%q\" (print .Error)}}{{end}}", .. patterns],
            overrides: new Dictionary<string, string?> { ["GOFLAGS"] = (goflags + " -buildvcs=false").Trim() }).Stdout;
        var list = new List<(string, string)>();
        foreach (var line in output.Split('\n', StringSplitOptions.RemoveEmptyEntries))
        {
            var tab = line.IndexOf('\t');
            var q = line[(tab + 1)..];
            list.Add((line[..tab], q.Length == 0 ? "" : Unquote(q)));
        }
        return list;
    }

    private static string Unquote(string q)
    {
        var sb = new System.Text.StringBuilder();
        for (int i = 1; i < q.Length - 1; i++)
        {
            if (q[i] != '\\') { sb.Append(q[i]); continue; }
            i++;
            sb.Append(q[i] switch { 'n' => '\n', 't' => '\t', '"' => '"', '\\' => '\\', var c => c });
        }
        return sb.ToString();
    }

    /// <summary>Runs the go command (GOTOOLCHAIN=local, no VCS stamping) and returns its standard output.</summary>
    public static string RunGo(string goroot, string[] args)
        => GoToolchain.Run(goroot, Environment.CurrentDirectory, args,
            overrides: new Dictionary<string, string?> { ["GOFLAGS"] = "-buildvcs=false" }).Stdout;

    /// <summary>One compile command of <c>go build -a -n</c>: gc's -p, -lang, -std, -complete and the files.</summary>
    public sealed record CompileCommand(string PackagePath, string Lang, bool Std, bool Complete, List<string> Files, string? Pgo = null);

    /// <summary>The compile commands <c>go build -a -n patterns</c> would run (nothing is built).</summary>
    public static List<CompileCommand> BuildCommands(string goroot, string dir, string[] patterns)
        => BuildCommands(goroot, dir, patterns, new Dictionary<string, string?> { ["GOFLAGS"] = "-buildvcs=false" });

    /// <summary>The compile commands of <c>go build -a -n patterns</c> in the given environment.</summary>
    public static List<CompileCommand> BuildCommands(string goroot, string dir, string[] patterns, IReadOnlyDictionary<string, string?> env)
    {
        var script = GoToolchain.Run(goroot, dir, ["build", "-a", "-n", .. patterns], overrides: env).Stderr; // -n prints the commands on stderr
        var list = new List<CompileCommand>();
        foreach (var line in script.Split('\n'))
        {
            if (!line.Contains("/compile -o ", StringComparison.Ordinal)) continue;
            var f = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            string Arg(string flag) { int i = Array.IndexOf(f, flag); return i >= 0 && i + 1 < f.Length ? f[i + 1] : ""; }
            var lang = f.FirstOrDefault(x => x.StartsWith("-lang=", StringComparison.Ordinal))?[6..] ?? "";
            var files = f.Where(x => x.EndsWith(".go", StringComparison.Ordinal) && (x.StartsWith('/') || x.StartsWith("./", StringComparison.Ordinal)))
                .Select(x => Path.GetFileName(x)).ToList();
            var pgo = f.FirstOrDefault(x => x.StartsWith("-pgoprofile=", StringComparison.Ordinal))?["-pgoprofile=".Length..];
            // the profile is preprocessed into $WORK: only whether one is used is compared
            list.Add(new CompileCommand(Arg("-p"), lang, f.Contains("-std"), f.Contains("-complete"), files, pgo is null ? null : "pgo"));
        }
        return list;
    }

    private static List<ListedPackage> Parse(string json)
    {
        var list = new List<ListedPackage>();
        var bytes = System.Text.Encoding.UTF8.GetBytes(json);
        var reader = new Utf8JsonReader(bytes, new JsonReaderOptions { AllowMultipleValues = true });
        while (reader.Read())
        {
            using var doc = JsonDocument.ParseValue(ref reader);
            var e = doc.RootElement;
            list.Add(new ListedPackage(
                Str(e, "ImportPath") ?? "",
                Str(e, "Name") ?? "",
                Str(e, "Dir") ?? "",
                e.TryGetProperty("Standard", out var st) && st.GetBoolean(),
                Strs(e, "GoFiles"),
                Strs(e, "Imports"),
                Strs(e, "Deps"),
                e.TryGetProperty("Error", out var err) ? Str(err, "Err") : null,
                e.TryGetProperty("ImportMap", out var im) ? im.EnumerateObject().ToDictionary(x => x.Name, x => x.Value.GetString()!) : [],
                Strs(e, "SFiles"))
            {
                ErrorPos = e.TryGetProperty("Error", out var perr) && Str(perr, "Pos") is { Length: > 0 } pos ? pos : null,
            });
        }
        return list;
    }

    private static string? Str(JsonElement e, string name) => e.TryGetProperty(name, out var v) ? v.GetString() : null;

    private static List<string> Strs(JsonElement e, string name)
        => e.TryGetProperty(name, out var v) ? v.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
}
