using System.Text;

namespace GoEscape.Loader;

/// <summary>A module version requirement or replacement target.</summary>
public sealed record ModuleVersion(string Path, string Version);

/// <summary>A <c>replace</c> directive: Old (Version "" = all versions) => New. New.Version is "" for a directory.</summary>
public sealed record ModuleReplace(ModuleVersion Old, ModuleVersion New)
{
    /// <summary>True when the replacement is a local directory (./x, ../x or an absolute path).</summary>
    public bool IsLocal => GoMod.IsDirectoryPath(New.Path);
}

/// <summary>
/// The parts of a go.mod file the loader needs: module path, go version, require, replace, ignore.
/// Models golang.org/x/mod/modfile's lexer and the directives cmd/go understands (others are skipped).
/// </summary>
public sealed class GoMod
{
    public string ModulePath { get; private set; } = "";
    /// <summary>The go directive ("1.22"), or "" when absent.</summary>
    public string GoVersion { get; private set; } = "";
    public IReadOnlyList<ModuleVersion> Requires => _requires;
    public IReadOnlyList<ModuleReplace> Replaces => _replaces;
    /// <summary><c>exclude</c> directives: module versions the main module's build list never uses.</summary>
    public IReadOnlyList<ModuleVersion> Excludes => _excludes;
    /// <summary><c>ignore</c> directives (directories excluded from ./... patterns).</summary>
    public IReadOnlyList<string> Ignores => _ignores;
    /// <summary>Parse errors, formatted "file:line: message".</summary>
    public IReadOnlyList<string> Errors => _errors;
    /// <summary>go.work's <c>use</c> directives: directory as written and its line.</summary>
    public IReadOnlyList<(string Path, int Line)> Uses => _uses;

    private readonly List<ModuleVersion> _requires = [];
    private readonly List<ModuleReplace> _replaces = [];
    private readonly List<ModuleVersion> _excludes = [];
    private readonly List<string> _ignores = [];
    private readonly List<string> _errors = [];
    private readonly List<(string, int)> _uses = [];

    /// <summary>modfile.IsDirectoryPath: ./x, ../x, / or a rooted path.</summary>
    public static bool IsDirectoryPath(string ns) =>
        ns == "." || ns == ".." || ns.StartsWith("./", StringComparison.Ordinal) || ns.StartsWith("../", StringComparison.Ordinal)
        || ns.StartsWith('/') || ns.StartsWith(".\\", StringComparison.Ordinal) || ns.StartsWith("..\\", StringComparison.Ordinal)
        || (ns.Length >= 2 && ns[1] == ':' && char.IsAsciiLetter(ns[0]));

    public static GoMod ParseFile(string file) => Parse(File.ReadAllText(file), file);

    public static GoMod Parse(string text, string fileName)
    {
        var m = new GoMod();
        var lines = text.Split('\n');
        string? block = null;
        for (int ln = 0; ln < lines.Length; ln++)
        {
            var toks = Tokenize(lines[ln]);
            if (toks.Count == 0) continue;
            if (block is not null)
            {
                if (toks.Count == 1 && toks[0] == ")") { block = null; continue; }
                m.Directive(block, toks, fileName, ln + 1);
                continue;
            }
            var verb = toks[0];
            if (toks.Count >= 2 && toks[1] == "(")
            {
                block = verb;
                if (toks.Count > 2) m._errors.Add($"{fileName}:{ln + 1}: syntax error: unexpected token after (");
                continue;
            }
            m.Directive(verb, toks.GetRange(1, toks.Count - 1), fileName, ln + 1);
        }
        return m;
    }

    private void Directive(string verb, List<string> args, string file, int line)
    {
        switch (verb)
        {
            case "module":
                if (args.Count == 1) ModulePath = args[0];
                else _errors.Add($"{file}:{line}: usage: module module/path");
                break;
            case "go":
                if (args.Count == 1) GoVersion = args[0];
                else _errors.Add($"{file}:{line}: usage: go 1.23");
                break;
            case "require":
                if (args.Count == 2) _requires.Add(new ModuleVersion(args[0], args[1]));
                else _errors.Add($"{file}:{line}: usage: require module/path v1.2.3");
                break;
            case "replace":
            {
                int arrow = args.IndexOf("=>");
                if (arrow is < 1 or > 2 || args.Count - arrow - 1 is < 1 or > 2)
                {
                    _errors.Add($"{file}:{line}: usage: replace module/path [v1.2.3] => other/module v1.4\n\t or replace module/path [v1.2.3] => ../local/directory");
                    break;
                }
                var old = new ModuleVersion(args[0], arrow == 2 ? args[1] : "");
                var nw = new ModuleVersion(args[arrow + 1], args.Count - arrow - 1 == 2 ? args[arrow + 2] : "");
                _replaces.Add(new ModuleReplace(old, nw));
                break;
            }
            case "exclude":
                if (args.Count == 2) _excludes.Add(new ModuleVersion(args[0], args[1]));
                else _errors.Add($"{file}:{line}: usage: exclude module/path v1.2.3");
                break;
            case "ignore":
                foreach (var a in args) _ignores.Add(a);
                break;
            case "use":
                // go.work (models modfile.WorkFile's use): one directory per directive
                if (args.Count == 1) _uses.Add((args[0], line));
                else _errors.Add($"{file}:{line}: usage: use local/dir");
                break;
            default:
                break; // toolchain, retract, godebug, tool: not needed for loading
        }
    }

    // Splits a go.mod line into tokens: identifiers, quoted strings (unquoted here), "(", ")", "=>"; strips // comments.
    private static List<string> Tokenize(string line)
    {
        var toks = new List<string>();
        int i = 0;
        while (i < line.Length)
        {
            char c = line[i];
            if (c is ' ' or '\t' or '\r') { i++; continue; }
            if (c == '/' && i + 1 < line.Length && line[i + 1] == '/') break;
            if (c is '(' or ')') { toks.Add(c.ToString()); i++; continue; }
            if (c == '=' && i + 1 < line.Length && line[i + 1] == '>') { toks.Add("=>"); i += 2; continue; }
            if (c == '"')
            {
                var sb = new StringBuilder();
                i++;
                while (i < line.Length && line[i] != '"')
                {
                    if (line[i] == '\\' && i + 1 < line.Length) { i++; }
                    sb.Append(line[i++]);
                }
                i++;
                toks.Add(sb.ToString());
                continue;
            }
            if (c == '`')
            {
                int end = line.IndexOf('`', i + 1);
                if (end < 0) end = line.Length;
                toks.Add(line[(i + 1)..end]);
                i = end + 1;
                continue;
            }
            int start = i;
            while (i < line.Length && line[i] is not (' ' or '\t' or '\r' or '(' or ')' or '"' or '`')
                   && !(line[i] == '/' && i + 1 < line.Length && line[i + 1] == '/')
                   && !(line[i] == '=' && i + 1 < line.Length && line[i + 1] == '>'))
                i++;
            toks.Add(line[start..i]);
        }
        return toks;
    }
}

/// <summary>
/// vendor/modules.txt: which module provides each vendored package and that module's go version
/// (models cmd/go/internal/modload.readVendorList).
/// </summary>
public sealed class VendorList
{
    /// <summary>Vendored package path -> providing module.</summary>
    public IReadOnlyDictionary<string, ModuleVersion> PackageModule => _pkgModule;
    /// <summary>Module path -> go version from "## explicit; go 1.N" ("" when absent).</summary>
    public IReadOnlyDictionary<string, string> ModuleGoVersion => _goVersion;

    private readonly Dictionary<string, ModuleVersion> _pkgModule = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _goVersion = new(StringComparer.Ordinal);

    public static VendorList Read(string vendorDir)
    {
        var v = new VendorList();
        var file = Path.Combine(vendorDir, "modules.txt");
        if (!File.Exists(file)) return v;
        ModuleVersion? mod = null;
        foreach (var raw in File.ReadAllLines(file))
        {
            var line = raw.Trim();
            if (line.StartsWith("# ", StringComparison.Ordinal))
            {
                var f = GoStrings.Fields(line[2..]);
                // "# path version", "# path => replacement", "# path version => replacement [version]"
                mod = f.Count >= 1 ? new ModuleVersion(f[0], f.Count >= 2 && f[1] != "=>" ? f[1] : "") : null;
                if (mod is not null) v._goVersion.TryAdd(mod.Path, "");
                continue;
            }
            if (line.StartsWith("## ", StringComparison.Ordinal))
            {
                if (mod is null) continue;
                foreach (var part in line[3..].Split(';'))
                {
                    var p = part.Trim();
                    if (p.StartsWith("go ", StringComparison.Ordinal)) v._goVersion[mod.Path] = p[3..].Trim();
                }
                continue;
            }
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (mod is not null) v._pkgModule.TryAdd(line, mod);
        }
        return v;
    }
}
