using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace GoEscape.Tests.Cli;

/// <summary>
/// Robustness of `goescape check`, end to end: deep nesting, a 50 MB file, invalid UTF-8, NUL, empty and BOM-only
/// files, directories without (buildable) Go files, import cycles, missing packages, two packages in a directory,
/// nonexistent directories and files, a bad flag. Every input is generated at test time in a temporary directory.
///
/// For each case: the exit code (1 for errors in the user's code, 2 for misuse), the output (gc-style, compared
/// with what `go build` prints for the same input, recorded below as Expected; OracleAgrees re-checks each
/// expectation against go build when Go 1.27 is installed), no exception or stack trace, and no hang (a time limit
/// per case; the time taken is printed). goescape runs as a separate process (the built goescape.dll) so that a
/// stack overflow shows as a failed case rather than killing the test host.
///
/// Cases whose output differs from go build are listed in testdata/robustness/known-failing.txt
/// ("NAME KIND reason", KIND first = exit code or first line differs, full = a later line differs); a listed case
/// must still differ, so the list can only shrink. Crashes and timeouts cannot be listed: they always fail.
/// </summary>
public sealed class RobustnessTests(ITestOutputHelper output)
{
    private const int Nest = 10_000;
    private static readonly string KnownFailingPath = Path.Combine(CliHarness.TestDataDir("robustness"), "known-failing.txt");

    private enum Match { Exact, FirstLine }

    /// <param name="Setup">writes the input into the directory; returns the arguments after "check -C DIR"
    /// (and after "build -o OUT" for the oracle).</param>
    /// <param name="Expected">the whole output ("$D" the directory, "$GOROOT" Go's root); null: skip the case with this reason in Skip.</param>
    /// <param name="Oracle">false when go build's output cannot be compared (gc takes minutes, or a different tool's usage text).</param>
    private sealed record Case(string Name, Func<string, string[]> Setup, int ExitCode, string Expected,
        Match Match = Match.Exact, bool Oracle = true, int LimitSeconds = 60);

    private static readonly Case[] All =
    [
        new("nest_parens_10k", d => Module(d, "x.go", "package p\n\nvar X = " + new string('(', Nest) + "1" + new string(')', Nest) + "\n"), 0, ""),
        new("nest_blocks_10k", d => Module(d, "x.go", "package p\n\nfunc F() " + new string('{', Nest) + new string('}', Nest) + "\n"), 0, ""),
        // gc itself needs more than 5 minutes for this one (go build killed at 60 s and at 300 s): no oracle.
        new("nest_funclits_10k", d => Module(d, "x.go", "package p\n\nfunc F() {\n" + Repeat("func() {", Nest) + Repeat("}()", Nest) + "\n}\n"), 0, "", Oracle: false),
        new("nest_complits_10k", d => Module(d, "x.go", "package p\n\nvar X = " + Repeat("[]any{", Nest) + new string('}', Nest) + "\n"), 0, ""),
        // go build (which compiles to machine code) needs more than 5 minutes for it: no oracle.
        new("big_50mb", BigFile, 0, "", Oracle: false, LimitSeconds: 240),
        new("utf8_in_string", d => Module(d, "x.go", L1("package p\n\nvar S = \"a\u00ffb\"\n")), 1,
            "# command-line-arguments\n./x.go:3:11: invalid UTF-8 encoding"),
        new("utf8_in_identifier", d => Module(d, "x.go", L1("package p\n\nvar a\u00ffb = 1\n")), 1,
            "# command-line-arguments\n./x.go:3:6: invalid UTF-8 encoding"),
        new("utf8_in_comment", d => Module(d, "x.go", L1("package p\n\n// bad \u00ff here\nvar X = 1\n")), 1,
            "x.go:3:8: illegal UTF-8 encoding"),
        new("nul_byte", d => Module(d, "x.go", L1("package p\n\nvar S = \"a\u0000b\"\n")), 1,
            "# command-line-arguments\n./x.go:3:11: invalid NUL character"),
        new("empty_file", d => Module(d, "x.go", L1("")), 1, "x.go:1:1: expected 'package', found 'EOF'"),
        new("empty_file_in_dir", d => Module(d, "x.go", L1(""), "."), 1, "x.go:1:1: expected 'package', found 'EOF'"),
        new("bom_only", d => Module(d, "x.go", L1("\u00ef\u00bb\u00bf")), 1, "x.go:1:1: expected 'package', found 'EOF'"),
        new("no_go_files", d => Module(d, "README", "hello\n", "."), 1, "no Go files in $D"),
        new("all_excluded_by_constraints", d =>
        {
            Module(d, "a.go", "//go:build ignore\n\npackage p\n");
            return Module(d, "b_windows.go", "package p\n", ".");
        }, 1, "package m: build constraints exclude all Go files in $D"),
        new("import_cycle", d =>
        {
            Module(d, "a/a.go", "package a\n\nimport \"m/b\"\n\nvar X = b.Y\n");
            return Module(d, "b/b.go", "package b\n\nimport \"m/a\"\n\nvar Y = a.X\n", "./a");
        }, 1, "package m/a\n\timports m/b from a.go\n\timports m/a from b.go: import cycle not allowed"),
        new("missing_import_in_module", d => Module(d, "x.go", "package p\n\nimport \"m/nothere\"\n\nvar _ = nothere.X\n", "."), 1,
            "x.go:3:8: package m/nothere is not in std ($GOROOT/src/m/nothere)"),
        new("missing_import_std_like", d => Module(d, "x.go", "package p\n\nimport \"nothere/zzz\"\n\nvar _ = zzz.X\n", "."), 1,
            "x.go:3:8: package nothere/zzz is not in std ($GOROOT/src/nothere/zzz)"),
        new("missing_import_bad_dependency", d =>
        {
            Module(d, "a/a.go", "package a\n\nimport \"m/b\"\n\nvar X = b.Y\n");
            return Module(d, "b/b.go", "package b\n\nimport \"m/gone\"\n\nvar Y = gone.Z\n", "./a");
        }, 1, "b/b.go:3:8: package m/gone is not in std ($GOROOT/src/m/gone)"),
        new("package_does_not_exist", d => Module(d, "x.go", "package p\n", "example.com/nope"), 1,
            "no required module provides package example.com/nope; to add it:\n\tgo get example.com/nope"),
        new("two_packages_in_dir", d =>
        {
            Module(d, "a.go", "package a\n");
            return Module(d, "b.go", "package b\n", ".");
        }, 1, "found packages a (a.go) and b (b.go) in $D"),
        new("two_packages_as_files", d =>
        {
            Module(d, "a.go", "package a\n");
            return Module(d, "b.go", "package b\n", "a.go", "b.go");
        }, 1, "found packages a (a.go) and b (b.go) in $D"),
        new("nonexistent_directory", d => Module(d, "x.go", "package p\n", "./nothere"), 1, "stat $D/nothere: directory not found"),
        new("nonexistent_file", d => Module(d, "x.go", "package p\n", "nothere.go"), 1,
            "no required module provides package nothere.go; to add it:\n\tgo get nothere.go"),
        new("syntax_error_deep_nesting", d => Module(d, "x.go", "package p\n\nvar X = " + new string('(', Nest) + "1" + new string(')', Nest - 1) + "\n"), 1,
            "# command-line-arguments\n./x.go:3: syntax error: unexpected newline, expected )"),
        // gc keeps columns in 8 bits and lines in 20 (cmd/internal/src.makeLico): a column >= 255 is not printed,
        // a line past 1048574 prints as 1048574 without column.
        new("type_error_column_over_255", d => Module(d, "x.go", "package p\n\nvar _ = " + new string(' ', 300) + "undefinedName\n"), 1,
            "# command-line-arguments\n./x.go:3: undefined: undefinedName"),
        new("type_error_line_over_1048574", d => Module(d, "x.go", "package p\n" + new string('\n', 1_100_000) + "var _ = undefinedName\n"), 1,
            "# command-line-arguments\n./x.go:1048574: undefined: undefinedName"),
        new("bom_then_package", d => Module(d, "x.go", L1("\u00ef\u00bb\u00bfpackage p\n\nvar X = 1\n")), 0, ""),
        new("crlf_line_endings", d => Module(d, "x.go", "package p\r\n\r\nvar X = `a\r\nb`\r\nvar Y int = \"s\"\r\n"), 1,
            "# command-line-arguments\n./x.go:5:13: cannot use \"s\" (untyped string constant) as int value in variable declaration"),
        new("identifier_1mb", d => Module(d, "x.go", "package p\n\nvar " + new string('a', 1_000_000) + " = 1\nvar _ int = \"s\"\n"), 1,
            "# command-line-arguments\n./x.go:4:13: cannot use \"s\" (untyped string constant) as int value in variable declaration"),
        new("string_literal_10mb", d => Module(d, "x.go", "package p\n\nvar S = \"" + Repeat("ab", 5_000_000) + "\"\n"), 0, ""),
        // gc needs more than 2 minutes for 10,000 nested slice types: no oracle.
        new("nest_slice_types_10k", d => Module(d, "x.go", "package p\n\nvar X " + Repeat("[]", Nest) + "int\n"), 0, "", Oracle: false),
        // gc needs about 2 minutes for 10,000 nested pointer types: no oracle.
        new("nest_pointer_types_10k", d => Module(d, "x.go", "package p\n\nvar X " + new string('*', Nest) + "int\n"), 0, "", Oracle: false),
        new("nest_ifs_10k", d => Module(d, "x.go", "package p\n\nfunc F(x int) {\n" + Repeat("if x > 0 {", Nest) + new string('}', Nest) + "\n}\n"), 0, ""),
        new("nest_unary_10k", d => Module(d, "x.go", "package p\n\nvar X = " + new string('!', Nest) + "true\n"), 0, ""),
        new("binary_chain_100k", d => Module(d, "x.go", "package p\n\nconst C = 1" + Repeat(" + 1", 100_000) + "\n\nvar V = 1" + Repeat(" + C", 100_000) + "\n"), 0, ""),
        // gc needs more than 2 minutes for it: no oracle.
        new("string_concat_chain_100k", d => Module(d, "x.go", "package p\n\nvar S = \"a\"" + Repeat(" + \"b\"", 100_000) + "\n"), 0, "", Oracle: false),
        new("errors_100k", d => Module(d, "x.go", "package p\n\n" + ManyErrors(100_000)), 1, ManyErrorsExpected()),
        new("unknown_flag", d => Module(d, "x.go", "package p\n", "-zzz", "."), 2,
            "goescape: flag provided but not defined: -zzz", Match.FirstLine, Oracle: false),
    ];

    private static readonly ConcurrentDictionary<string, RunResult> Cache = new(StringComparer.Ordinal);

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in All) data.Add(c.Name);
        return data;
    }

    [Fact]
    public void KnownFailingListIsWellFormed()
    {
        foreach (var (name, (kind, reason)) in CliHarness.ReadKnownFailing(KnownFailingPath))
        {
            Assert.True(All.Any(c => c.Name == name), $"known-failing.txt names an unknown case {name}");
            Assert.True(kind is "first" or "full", $"{name}: kind must be first or full, not {kind}");
            Assert.False(string.IsNullOrWhiteSpace(reason), $"{name}: no reason given");
        }
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void CheckIsRobust(string name)
    {
        var c = All.Single(x => x.Name == name);
        var (r, lines) = RunOurs(c);
        output.WriteLine($"{name}: exit {r.ExitCode}, {r.Elapsed.TotalSeconds:F1} s (limit {c.LimitSeconds} s)");
        foreach (var l in lines) output.WriteLine("  " + l);
        Assert.False(r.TimedOut, $"{name}: goescape check did not finish within {c.LimitSeconds} s");
        Assert.True(r.Crash == null, $"{name}: exception escaped CommandLine.Run: {r.Crash}");
        Assert.False(CliHarness.LooksLikeCrash(r.Output), $"{name}: internal failure in output:\n{r.Output}");
        Assert.True(r.ExitCode is 0 or 1 or 2, $"{name}: exit code {r.ExitCode}");

        var expected = c.Expected.Length == 0 ? [] : c.Expected.Split('\n');
        bool firstOk = r.ExitCode == c.ExitCode && FirstDiagnostic(lines) == FirstDiagnostic(expected);
        bool fullOk = firstOk && (c.Match == Match.FirstLine || expected.SequenceEqual(lines));
        string diff = $"expected (exit {c.ExitCode}):\n  {string.Join("\n  ", expected)}\nours (exit {r.ExitCode}):\n  {string.Join("\n  ", lines)}";

        var known = CliHarness.ReadKnownFailing(KnownFailingPath);
        if (!known.TryGetValue(name, out var entry))
        {
            Assert.True(fullOk, $"{name} differs from go build (fix it, or list it in known-failing.txt):\n{diff}");
            return;
        }
        if (entry.Kind == "first")
            Assert.False(firstOk, $"{name} is listed as 'first' but its exit code and first line now match: remove the entry (or make it 'full').\n{diff}");
        else
        {
            Assert.True(firstOk, $"{name} is listed as 'full' but its exit code or first line differs now (regression):\n{diff}");
            Assert.False(fullOk, $"{name} is listed in known-failing.txt but now matches go build: remove the entry.");
        }
    }

    /// <summary>Keeps the expectations honest: go build on the same input prints exactly Expected, with the same
    /// exit code (except where the oracle cannot be compared: see Case.Oracle).</summary>
    [Theory]
    [MemberData(nameof(Cases))]
    public void OracleAgrees(string name)
    {
        var c = All.Single(x => x.Name == name);
        var goroot = CliHarness.GoRoot;
        if (goroot == null || !c.Oracle)
        {
            output.WriteLine(goroot == null ? "Go 1.27 not installed; skipped" : $"{name}: no oracle comparison for this case");
            return;
        }
        var dir = CliHarness.NewTempDir("robust-gc");
        try
        {
            var args = c.Setup(dir);
            var r = CliHarness.RunGo(goroot, dir, ["build", "-o", Path.Combine(dir, "out.bin"), .. args], TimeSpan.FromSeconds(120));
            Assert.False(r.TimedOut, $"go build timed out on {name}");
            var lines = Normalize(r.Lines(), dir, goroot);
            output.WriteLine($"go build: exit {r.ExitCode}, {r.Elapsed.TotalSeconds:F1} s");
            foreach (var l in lines) output.WriteLine("  " + l);
            Assert.Equal(c.ExitCode, r.ExitCode);
            Assert.Equal(c.Expected, string.Join("\n", lines));
        }
        finally
        {
            CliHarness.TryDelete(dir);
        }
    }

    /// <summary>A file that cannot be read. We usually run as root, who can read anything: then skipped.</summary>
    [Fact]
    public void UnreadableFile()
    {
        if (OperatingSystem.IsWindows())
        {
            output.WriteLine("no Unix file modes on Windows: skipped");
            return;
        }
        var dir = CliHarness.NewTempDir("robust-perm");
        try
        {
            Module(dir, "x.go", "package p\n");
            var file = Path.Combine(dir, "x.go");
            File.SetUnixFileMode(file, UnixFileMode.None);
            try
            {
                using (File.OpenRead(file)) { }
                output.WriteLine("running as a user who can read a mode-000 file (root): skipped");
                return;
            }
            catch (UnauthorizedAccessException) { }
            var r = RunGoEscapeProcess(["check", "-C", dir, "."], TimeSpan.FromSeconds(60));
            Assert.False(r.TimedOut);
            Assert.Equal(1, r.ExitCode);
            Assert.Contains("permission denied", r.Output, StringComparison.Ordinal);
            Assert.False(CliHarness.LooksLikeCrash(r.Output), r.Output);
        }
        finally
        {
            CliHarness.TryDelete(dir);
        }
    }

    /// <summary>Prints the figures: cases matching go build, and the time per case.</summary>
    [Fact]
    public void Figures()
    {
        int ok = 0;
        var sb = new StringBuilder();
        foreach (var c in All)
        {
            var (r, lines) = RunOurs(c);
            var expected = c.Expected.Length == 0 ? [] : c.Expected.Split('\n');
            bool match = !r.TimedOut && r.ExitCode == c.ExitCode &&
                (c.Match == Match.FirstLine ? FirstDiagnostic(lines) == FirstDiagnostic(expected) : expected.SequenceEqual(lines));
            if (match) ok++;
            sb.AppendLine($"  {(match ? "ok  " : "DIFF")} {c.Name,-32} exit {r.ExitCode} {r.Elapsed.TotalSeconds,6:F1} s");
        }
        output.WriteLine($"robustness: {ok}/{All.Length} cases match go build (exit code and output)");
        output.WriteLine(sb.ToString());
        var known = CliHarness.ReadKnownFailing(KnownFailingPath);
        Assert.Equal(All.Length - ok, known.Count);
    }

    private static (RunResult, string[]) RunOurs(Case c)
    {
        var r = Cache.GetOrAdd(c.Name, _ =>
        {
            var dir = CliHarness.NewTempDir("robust");
            try
            {
                var args = c.Setup(dir);
                var res = RunGoEscapeProcess(["check", "-C", dir, .. args], TimeSpan.FromSeconds(c.LimitSeconds));
                return res with { Output = string.Join("\n", Normalize(res.Lines(), dir, CliHarness.GoRoot)) };
            }
            finally
            {
                CliHarness.TryDelete(dir);
            }
        });
        return (r, r.Lines());
    }

    /// <summary>The first line that is not a "# importpath" group header (null if none).</summary>
    private static string? FirstDiagnostic(string[] lines)
    {
        foreach (var l in lines)
            if (!l.StartsWith("# ", StringComparison.Ordinal)) return l;
        return null;
    }

    private static string[] Normalize(string[] lines, string dir, string? goroot)
    {
        var res = new string[lines.Length];
        for (int i = 0; i < lines.Length; i++)
        {
            var l = lines[i].Replace(dir, "$D", StringComparison.Ordinal);
            if (goroot != null) l = l.Replace(goroot, "$GOROOT", StringComparison.Ordinal);
            res[i] = l;
        }
        return res;
    }

    /// <summary>The built goescape as a child process (see <see cref="CliHarness.RunGoEscapeProcess"/>); in-process
    /// when the application files are not there.</summary>
    private static RunResult RunGoEscapeProcess(IReadOnlyList<string> args, TimeSpan limit)
        => CliHarness.GoEscapeProcessAvailable ? CliHarness.RunGoEscapeProcess(args, limit) : CliHarness.RunGoEscape(args, limit);

    private static string Repeat(string s, int n)
    {
        var sb = new StringBuilder(s.Length * n);
        for (int i = 0; i < n; i++) sb.Append(s);
        return sb.ToString();
    }

    private static string ManyErrors(int n)
    {
        var sb = new StringBuilder();
        for (int i = 0; i < n; i++) sb.Append("var v").Append(i).Append(" int = \"s\"\n");
        return sb.ToString();
    }

    /// <summary>gc prints the first 10 errors (sorted) and then "too many errors" at the 10th.</summary>
    private static string ManyErrorsExpected()
    {
        var sb = new StringBuilder("# command-line-arguments");
        for (int line = 3; line < 13; line++)
            sb.Append($"\n./x.go:{line}:14: cannot use \"s\" (untyped string constant) as int value in variable declaration");
        sb.Append("\n./x.go:12:14: too many errors");
        return sb.ToString();
    }

    /// <summary>Writes go.mod (module m) and one file; returns args (default: the file).</summary>
    private static string[] Module(string dir, string file, string content, params string[] args) =>
        Module(dir, file, Encoding.UTF8.GetBytes(content), args);

    /// <summary>The bytes of s, one byte per char (Latin-1): for writing invalid UTF-8 and NUL bytes.</summary>
    private static byte[] L1(string s) => Encoding.Latin1.GetBytes(s);

    private static string[] Module(string dir, string file, byte[] content, params string[] args)
    {
        if (!File.Exists(Path.Combine(dir, "go.mod"))) CliHarness.WriteGoMod(dir, "m");
        var path = Path.Combine(dir, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
        return args.Length > 0 ? args : [file];
    }

    /// <summary>A valid 50 MB file shaped like generated code: many small functions plus string and table data
    /// (bindata style).</summary>
    private static string[] BigFile(string dir)
    {
        CliHarness.WriteGoMod(dir, "m");
        const long target = 50L * 1024 * 1024;
        using var w = new StreamWriter(Path.Combine(dir, "x.go"), false, new UTF8Encoding(false), 1 << 20);
        w.Write("package p\n\n");
        long size = 12;
        var sb = new StringBuilder(64 * 1024);
        for (int n = 0; size < target; n++)
        {
            sb.Clear();
            for (int k = 0; k < 10; k++)
            {
                int i = n * 10 + k;
                sb.Append($"// F{i} computes a value.\nfunc F{i}(a, b int) int {{\n\tx := a*{i} + b\n\tif x > {i} {{\n\t\treturn x - b\n\t}}\n\treturn x + len(blob{n})\n}}\n\n");
            }
            var esc = new StringBuilder(4000);
            for (int j = 0; j < 1000; j++) esc.Append("\\x").Append(((j * 31 + n) & 255).ToString("x2"));
            sb.Append($"var blob{n} = \"{esc}\" +\n\t\"{esc}\"\n\n");
            sb.Append($"var tab{n} = [...]uint16{{");
            for (int j = 0; j < 400; j++)
            {
                if (j > 0) sb.Append(", ");
                sb.Append((j * 7919 + n) % 65536);
            }
            sb.Append("}\n\n");
            w.Write(sb);
            size += sb.Length;
        }
        return ["x.go"];
    }
}
