using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.RegularExpressions;
using GoEscape.Driver;
using GoEscape.IR;
using GoEscape.IR.Lowering;
using GoEscape.Loader;

namespace GoEscape.Harness;

/// <summary>
/// The printer-agreement harness: for every `FILE:LINE:COL: can inline NAME with cost N as: TEXT` line of gc's
/// `-m=2` report (cached gc output, default the std one), finds our lowered function at that position with that name
/// and compares <see cref="Fmt.InlineBody"/> with gc's TEXT (the signature and body printed by ir/fmt.go). The
/// packages are lowered only (no devirtualization, no escape analysis): gc prints the body in CanInlineFuncs, before
/// both. Prints the lines compared, identical, not found, the difference classes (by the first differing construct)
/// and the first differences.
/// </summary>
public static partial class Printer
{
    [GeneratedRegex(@"^(\S+): can inline (.+?) with cost (\d+) as: (.*)$")]
    private static partial Regex CanInlineRe();

    private sealed record GcLine(string Pkg, string Pos, string Name, string Text);

    public static int Run(string goroot, List<string> args)
    {
        string? oracle = null;
        int show = 30;
        string? dir = null;
        var patterns = new List<string>();
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--oracle": oracle = args[++i]; break;
                case "--show": show = int.Parse(args[++i]); break;
                case "-C": dir = Path.GetFullPath(args[++i]); break;
                default: patterns.Add(args[i]); break;
            }
        }
        if (patterns.Count == 0) patterns.Add("std");
        oracle ??= Differential.CachedOracleFile(goroot, "-m=2", string.Join(" ", patterns));
        if (!File.Exists(oracle))
        {
            Console.Error.WriteLine($"printer: no gc output at {oracle}; make it with: cd $GOROOT/src && go build -a -gcflags=-m=2 " +
                                    $"{string.Join(" ", patterns)} 2> FILE (cgo off, linux/amd64), then pass --oracle FILE");
            return 2;
        }
        var gc = ParseGc(File.ReadLines(oracle));
        var sw = Stopwatch.StartNew();
        var ours = Lower(goroot, dir ?? Path.Combine(goroot, "src"), patterns, out var lowerErrors);
        var lowerTime = sw.Elapsed;

        // Our methods are at their name, gc's FuncDecl at the token after "func" (the receiver's "("): an IR
        // difference; those are matched by file:line and name and counted.
        var byLine = new Dictionary<(string, string, string), Func>();
        foreach (var (k, f) in ours) byLine.TryAdd((k.Item1, LineOf(k.Item2), k.Item3), f);
        // Closures and wrappers numbered differently (an IR difference): matched by position when ours is the only
        // function there, and counted.
        var onlyAt = new Dictionary<(string, string), Func?>();
        foreach (var (k, f) in ours) onlyAt[(k.Item1, k.Item2)] = onlyAt.ContainsKey((k.Item1, k.Item2)) ? null : f;
        int compared = 0, identical = 0, missing = 0, otherCol = 0, otherName = 0, dictOnly = 0;
        var diffs = new List<(GcLine Gc, string Ours, string Class)>();
        foreach (var g in gc)
        {
            if (!ours.TryGetValue((g.Pkg, g.Pos, g.Name), out var fn))
            {
                if (byLine.TryGetValue((g.Pkg, LineOf(g.Pos), g.Name), out fn)) otherCol++;
                else if (!g.Name.Contains('[') && onlyAt.TryGetValue((g.Pkg, g.Pos), out fn) && fn != null) otherName++;
                else
                {
                    missing++;
                    continue;
                }
            }
            compared++;
            string text;
            try { text = Fmt.InlineBody(fn); }
            catch (Exception e) { text = "<exception " + e.GetType().Name + ": " + e.Message + ">"; }
            if (text == g.Text) { identical++; continue; }
            // our dictionaries are *[1]uintptr with entries numbered differently (an IR difference): classify the
            // rest by the first difference beyond them
            var (ng, no) = (DictRe().Replace(g.Text, "N"), DictRe().Replace(text, "N"));
            if (ng == no) { dictOnly++; diffs.Add((g, text, "dictionary array length or index only (IR difference)")); }
            else diffs.Add((g, text, Classify(ng, no)));
        }
        var notFound = gc.Where(g => !ours.ContainsKey((g.Pkg, g.Pos, g.Name)) && !byLine.ContainsKey((g.Pkg, LineOf(g.Pos), g.Name))
                                     && (g.Name.Contains('[') || onlyAt.GetValueOrDefault((g.Pkg, g.Pos)) == null)).ToList();

        var w = Console.Out;
        w.WriteLine($"printer: gc 'can inline ... as:' lines {gc.Count}, with our function found {compared}, identical {identical} " +
                    $"({(compared == 0 ? "-" : $"{100.0 * identical / compared:F2}%")}), different {diffs.Count}, function not found {missing}" +
                    $" (found on the same line at another column: {otherCol}; at the position under another name: {otherName})");
        w.WriteLine($"printer: identical but for dictionary array lengths and indices: {identical + dictOnly} " +
                    $"({(compared == 0 ? "-" : $"{100.0 * (identical + dictOnly) / compared:F2}%")})");
        if (lowerErrors.Count != 0)
        {
            w.WriteLine($"printer: {lowerErrors.Count} packages not lowered:");
            foreach (var e in lowerErrors.Take(10)) w.WriteLine("    " + e);
        }
        if (diffs.Count != 0)
        {
            w.WriteLine("difference classes (first differing construct in gc's text: count, first example):");
            foreach (var grp in diffs.GroupBy(d => d.Class).OrderByDescending(x => x.Count()).ThenBy(x => x.Key, StringComparer.Ordinal))
            {
                var d = grp.First();
                w.WriteLine($"  {grp.Count(),6}  {grp.Key}");
                w.WriteLine($"          {d.Gc.Pos}: {d.Gc.Name}");
                w.WriteLine($"          gc:   {Clip(d.Gc.Text)}");
                w.WriteLine($"          ours: {Clip(d.Ours)}");
            }
            w.WriteLine($"first {Math.Min(show, diffs.Count)} differences:");
            foreach (var d in diffs.Take(show))
            {
                w.WriteLine($"  {d.Gc.Pos}: {d.Gc.Name} [{d.Class}]");
                w.WriteLine($"    gc:   {d.Gc.Text}");
                w.WriteLine($"    ours: {d.Ours}");
            }
        }
        if (missing != 0)
        {
            var byPos = ours.GroupBy(p => (p.Key.Item1, p.Key.Item2)).ToDictionary(x => x.Key, x => string.Join(", ", x.Select(p => p.Key.Item3)));
            w.WriteLine("functions not found, by kind:");
            foreach (var grp in notFound.GroupBy(g => NotFoundKind(g.Name)).OrderByDescending(x => x.Count()))
            {
                w.WriteLine($"  {grp.Count(),6}  {grp.Key}, e.g.");
                foreach (var g in grp.Take(3))
                    w.WriteLine($"          # {g.Pkg}: {g.Pos}: {Clip(g.Name)}" + (byPos.TryGetValue((g.Pkg, g.Pos), out var there) ? $" (ours there: {Clip(there)})" : ""));
            }
        }
        w.WriteLine($"time: lowering {lowerTime.TotalSeconds:F1}s");
        return 0;
    }

    [GeneratedRegex(@"(?<=\*\[)\d+(?=\]uintptr)|(?<=\.dict\[)\d+(?=\])")]
    private static partial Regex DictRe();

    private static string NotFoundKind(string name)
    {
        if (name.Contains("go.shape.", StringComparison.Ordinal))
            return Regex.IsMatch(name, @"go\.shape\.[0-9a-f]{64}") ? "shaped function, hashed shape name" : "shaped function";
        if (name.Contains('[')) return "instantiation wrapper (calls the shaped function with its dictionary)";
        if (name.Contains(".deferwrap", StringComparison.Ordinal) || name.Contains(".gowrap", StringComparison.Ordinal)) return "go/defer wrapper";
        if (Regex.IsMatch(name, @"\.func\d+")) return "function literal";
        return "other";
    }

    private static string LineOf(string pos) => pos.Count(c => c == ':') >= 2 ? pos[..pos.LastIndexOf(':')] : pos;

    private static string Clip(string s) => s.Length <= 300 ? s : s[..300] + "...";

    /// <summary>gc's can-inline lines with the package they were printed for (the "# importpath" header before them).</summary>
    private static List<GcLine> ParseGc(IEnumerable<string> lines)
    {
        var r = new List<GcLine>();
        string pkg = "";
        foreach (var raw in lines)
        {
            var l = raw.TrimEnd('\r');
            if (l.StartsWith("# ", StringComparison.Ordinal)) { pkg = l[2..]; continue; }
            var m = CanInlineRe().Match(l);
            if (m.Success) r.Add(new GcLine(pkg, m.Groups[1].Value, m.Groups[2].Value, m.Groups[4].Value));
        }
        return r;
    }

    /// <summary>Lowers the packages (no escape analysis) as the CLI does in <paramref name="src"/>; our functions by
    /// (package, position, gc's name for them).</summary>
    public static Dictionary<(string Pkg, string Pos, string Name), Func> Lower(string goroot, string src, IReadOnlyList<string> patterns, out List<string> errors)
    {
        var load = PackageLoader.Load(new LoadConfig { GoRoot = goroot, WorkingDir = src }, [.. patterns]);
        var exports = new ExportTable();
        var generics = new GenericIndex();
        var display = new ConcurrentDictionary<(string File, string Dir), string>();
        string DisplayPath(string f, string dir) => display.GetOrAdd((f, dir),
            static (k, cwd) => Path.IsPathRooted(k.File) ? DisplayPaths.CompilerPath(k.File, cwd, k.Dir.Length == 0 ? null : k.Dir) : k.File, src);
        var lowered = new ConcurrentDictionary<string, LoweredPackage>(StringComparer.Ordinal);
        var errs = new ConcurrentBag<string>();
        Compilation.Run(load, new CompilationOptions
        {
            AfterCheck = u =>
            {
                // as EscapePipeline.Package up to the lowering
                if (u.Loaded.IsUnsafe || u.Types == null || u.Info == null || u.Failed) return;
                generics.AddPackage(new CheckInfoResults(u.Types, u.Info), u.Files);
                var dir = u.Loaded.Dir;
                var lowerer = new Lowerer(new CheckInfoResults(u.Types, u.Info), exports, new LowerOptions
                {
                    DisplayPath = f => DisplayPath(f, dir),
                    Generics = generics,
                });
                try { lowered[u.ImportPath] = lowerer.Lower(u.Files); }
                catch (Exception e) { errs.Add($"{u.ImportPath}: {e.GetType().Name}: {e.Message}"); }
            },
        });
        var r = new Dictionary<(string Pkg, string Pos, string Name), Func>();
        foreach (var (pkg, lp) in lowered)
            foreach (var fn in lp.Funcs)
                r.TryAdd((pkg, fn.Pos.ToString(), TypeFmt.SymString(fn.Sym)), fn);
        errors = errs.Order(StringComparer.Ordinal).ToList();
        return r;
    }

    /// <summary>
    /// The difference class: the signature, or the first statement of gc's body (at any nesting depth) where the texts
    /// part, by its construct, with the differing token of each side.
    /// </summary>
    public static string Classify(string gc, string ours)
    {
        int i = 0;
        while (i < gc.Length && i < ours.Length && gc[i] == ours[i]) i++;
        int sigEnd = SignatureEnd(gc);
        if (i < sigEnd) return "signature";
        // the statement of gc's text around i: from the last "{ " or "; " before i to the next "; " or " }"
        int start = Math.Max(Math.Max(gc.LastIndexOf("{ ", Math.Max(0, Math.Min(i, gc.Length - 1)), StringComparison.Ordinal) + 2,
                                      gc.LastIndexOf("; ", Math.Max(0, Math.Min(i, gc.Length - 1)), StringComparison.Ordinal) + 2), sigEnd);
        if (start > gc.Length) start = gc.Length;
        var stmt = gc[start..];
        return $"{StmtKind(stmt)}: gc '{Token(gc, i)}' ours '{Token(ours, i)}'";
    }

    private static int SignatureEnd(string text)
    {
        // the signature is a type: its braces (struct {...}, interface {...}) come in pairs before the body's " { "
        int depth = 0;
        for (int i = 0; i + 2 < text.Length; i++)
        {
            char c = text[i];
            if (c is '(' or '[') depth++;
            else if (c is ')' or ']') depth--;
            else if (depth == 0 && text.AsSpan(i).StartsWith(" { ") && !text.AsSpan(0, i).EndsWith("struct") && !text.AsSpan(0, i).EndsWith("interface"))
                return i + 3;
        }
        return text.Length;
    }

    private static string StmtKind(string s)
    {
        if (s.StartsWith("if ", StringComparison.Ordinal)) return "if";
        if (s.StartsWith("for loop", StringComparison.Ordinal)) return "for";
        if (s.StartsWith("switch statement", StringComparison.Ordinal)) return "switch";
        if (s.StartsWith("select statement", StringComparison.Ordinal)) return "select";
        if (s.StartsWith("return", StringComparison.Ordinal)) return "return";
        if (s.StartsWith("var ", StringComparison.Ordinal)) return "var (ODCL)";
        if (s.StartsWith("}", StringComparison.Ordinal) || s.Length == 0) return "end of block";
        if (Regex.IsMatch(s, @"^(break|continue|goto|fallthrough)\b")) return "branch";
        if (Regex.IsMatch(s, @"^\w+: ")) return "label";
        int depth = 0;
        for (int i = 0; i < s.Length; i++)
        {
            char c = s[i];
            if (c is '(' or '[' or '{') depth++;
            else if (c is ')' or ']' or '}') { if (--depth < 0) break; }
            else if (depth == 0 && c == ';') break;
            else if (depth == 0 && s.AsSpan(i).StartsWith(" := ")) return ":=";
            else if (depth == 0 && s.AsSpan(i).StartsWith(" = ")) return "=";
            else if (depth == 0 && Regex.IsMatch(s[i..], @"^ \S{1,2}= ") && !s.AsSpan(i).StartsWith(" == ") && !s.AsSpan(i).StartsWith(" != ")
                     && !s.AsSpan(i).StartsWith(" <= ") && !s.AsSpan(i).StartsWith(" >= ")) return "op=";
        }
        if (Regex.IsMatch(s, @"^[^;]*(\+\+|--)(;|$| \})")) return "++/--";
        return "expression statement";
    }

    /// <summary>The word or punctuation run at i (up to 24 characters).</summary>
    private static string Token(string s, int i)
    {
        if (i >= s.Length) return "<end>";
        int a = i, b = i;
        bool word = char.IsLetterOrDigit(s[i]) || s[i] is '_' or '.';
        while (a > 0 && (char.IsLetterOrDigit(s[a - 1]) || s[a - 1] is '_' or '.') == word && !char.IsWhiteSpace(s[a - 1]) && i - a < 12) a--;
        while (b < s.Length && (char.IsLetterOrDigit(s[b]) || s[b] is '_' or '.') == word && !char.IsWhiteSpace(s[b]) && b - a < 24) b++;
        if (b == a) b = a + 1;
        return s[a..b];
    }
}
