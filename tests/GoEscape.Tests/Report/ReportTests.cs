using System.Diagnostics;
using System.Text.Json;
using GoEscape.Cli;
using GoEscape.Report;
using GoEscape.Tests.Cli;

namespace GoEscape.Tests.Report;

/// <summary>
/// GoEscape's own report (-format json|sarif, docs/report-format.md): golden JSON and SARIF for bundled examples
/// (testdata/report/, machine paths replaced by file:///SRCROOT/ and file:///GOROOT/; UPDATE_GOLDEN=1 rewrites them),
/// byte-identical output across -threads, the refusals, an unwritable -o, one model item per heap/leak line of -m -l,
/// and the SARIF validated by Microsoft's SARIF multitool (tools/fetch-sarif-multitool) with 0 errors.
/// </summary>
public sealed class ReportTests
{
    private static string ExamplesDir => Path.GetFullPath(Path.Combine(CliHarness.TestDataDir("."), "..", "..", "..", "examples"));

    public static readonly TheoryData<string, string> Goldens = new()
    {
        { "createuser", "json" }, { "createuser", "sarif" },
        { "goroutine", "json" }, { "goroutine", "sarif" },
        { "printf", "json" }, { "printf", "sarif" },
        { "refleak", "json" }, { "refleak", "sarif" },
    };

    private static (int Rc, string Stdout, string Stderr) Run(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = CommandLine.Run(args, stdout, stderr);
        return (rc, stdout.ToString(), stderr.ToString().ReplaceLineEndings("\n"));
    }

    private static string Normalize(string report, string goroot)
    {
        string src = ReportSarif.DirUri(ExamplesDir);
        string gsrc = ReportSarif.DirUri(Path.GetFullPath(Path.Combine(goroot, "src")));
        return report.Replace(src, "file:///SRCROOT/", StringComparison.Ordinal).Replace(gsrc, "file:///GOROOT/", StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(Goldens))]
    public void ExampleMatchesGolden(string example, string format)
    {
        string goroot = Oracle.GoRoot();
        var (rc, stdout, stderr) = Run("-goroot", goroot, "-C", ExamplesDir, "-l", "-format", format, "./" + example);
        Assert.True(rc == 0, stderr);
        Assert.Equal("", stderr);
        string got = Normalize(stdout, goroot);
        string path = Path.Combine(CliHarness.TestDataDir("report"), example + "." + format);
        if (Environment.GetEnvironmentVariable("UPDATE_GOLDEN") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, got);
        }
        Assert.True(File.Exists(path), $"no golden {path} (UPDATE_GOLDEN=1 writes it)");
        Assert.Equal(File.ReadAllText(path), got);
    }

    [SkippableFact]
    public void OutputIsTheSameAcrossThreadsAndRuns()
    {
        string goroot = Oracle.GoRoot();
        string src = Path.Combine(goroot, "src");
        foreach (var format in new[] { "json", "sarif" })
        {
            string? first = null;
            foreach (var threads in new[] { "1", "2", "8", "2" })
            {
                var (rc, stdout, stderr) = Run("-goroot", goroot, "-C", src, "-threads", threads, "-l", "-format", format, "fmt", "encoding/json", "bufio", "strings", "sort");
                Assert.True(rc == 0, stderr);
                Assert.True(stdout.Length > 10000);
                if (first == null) first = stdout;
                else Assert.True(first == stdout, $"-format {format} -threads {threads} differs");
            }
        }
    }

    [Theory]
    [InlineData(new[] { "-format", "json", "." }, CommandLine.MNeedsInliner)]
    [InlineData(new[] { "-m", "-format", "sarif", "." }, CommandLine.MNeedsInliner)]
    [InlineData(new[] { "-l", "-o", "/tmp/x.json", "." }, CommandLine.OutputNeedsFormat)]
    [InlineData(new[] { "check", "-format", "json", "." }, CommandLine.FormatIsEscapes)]
    public void MisuseIsRefused(string[] args, string want)
    {
        var (rc, _, stderr) = Run(args);
        Assert.Equal(2, rc);
        Assert.Equal(want + "\n", stderr);
    }

    [Fact]
    public void UnknownFormatIsAUsageError()
    {
        var (rc, stdout, stderr) = Run("-l", "-format", "xml", ".");
        Assert.Equal(2, rc);
        Assert.Equal("", stdout);
        Assert.StartsWith("goescape: invalid value \"xml\" for flag -format: want json, sarif, html or text (text: with -profile)\nusage: goescape", stderr, StringComparison.Ordinal);
        // text is the -profile ranking's format, refused without a profile
        var (rc2, stdout2, stderr2) = Run("-l", "-format", "text", ".");
        Assert.Equal(2, rc2);
        Assert.Equal("", stdout2);
        Assert.StartsWith("goescape: -format text and -sample_index need -profile FILE\nusage: goescape", stderr2, StringComparison.Ordinal);
    }

    /// <summary>The goroutine category looks at the source at gc's position, a UTF-8 byte column: non-ASCII text
    /// earlier on the line must not shift it (the column was once used as a UTF-16 index).</summary>
    [SkippableFact]
    public void GoroutineReasonAfterNonAsciiText()
    {
        string goroot = Oracle.GoRoot();
        var dir = CliHarness.NewTempDir("report-utf8");
        try
        {
            CliHarness.WriteGoMod(dir);
            File.WriteAllText(Path.Combine(dir, "p.go"),
                "package p\n\nfunc F(s string) { t := \"héllo wörld ünïcödé\" + s; go func() { println(t) }() }\n");
            var (rc, stdout, stderr) = Run("-goroot", goroot, "-C", dir, "-l", "-format", "json", ".");
            Assert.True(rc == 0, stderr);
            using var doc = JsonDocument.Parse(stdout);
            var items = doc.RootElement.GetProperty("packages")[0].GetProperty("functions").EnumerateArray()
                .SelectMany(f => f.GetProperty("items").EnumerateArray()).ToList();
            var lit = Assert.Single(items, i => i.GetProperty("expr").GetString() == "func literal");
            Assert.Equal("heap", lit.GetProperty("decision").GetString());
            Assert.Equal("goroutine", lit.GetProperty("reason").GetString());
        }
        finally { CliHarness.TryDelete(dir); }
    }

    [SkippableFact]
    public void UnwritableOutputIsOneLineAndWritesNothing()
    {
        string goroot = Oracle.GoRoot();
        var dir = CliHarness.NewTempDir("report-bad");
        try
        {
            CliHarness.WriteGoMod(dir);
            File.WriteAllText(Path.Combine(dir, "p.go"), "package p\n\nvar sink any\n\nfunc F(p *int) { sink = p }\n");
            File.WriteAllText(Path.Combine(dir, "file"), "");
            // a directory that does not exist (under a regular file), found before the analysis
            foreach (var bad in new[] { Path.Combine(dir, "file", "out.json"), Path.Combine(dir, "nodir", "out.json"), dir })
            {
                var (rc, stdout, stderr) = Run("-goroot", goroot, "-C", dir, "-l", "-format", "json", "-o", bad, ".");
                Assert.Equal(2, rc);
                Assert.Equal("", stdout);
                var lines = stderr.TrimEnd('\n').Split('\n');
                Assert.Single(lines);
                Assert.StartsWith("goescape: cannot write report ", lines[0], StringComparison.Ordinal);
            }
            // a directory where no file can be created: the write fails after the analysis, one line, nothing left
            if (Directory.Exists("/proc/self"))
            {
                var (rc, _, stderr) = Run("-goroot", goroot, "-C", dir, "-l", "-format", "sarif", "-o", "/proc/self/goescape-report.sarif", ".");
                Assert.Equal(2, rc);
                var lines = stderr.TrimEnd('\n').Split('\n');
                Assert.Single(lines);
                Assert.StartsWith("goescape: cannot write report /proc/self/goescape-report.sarif: ", lines[0], StringComparison.Ordinal);
            }
            Assert.Equal(["file", "go.mod", "p.go"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));

            // a good -o: written whole, the -m text (when asked) still on stderr, nothing on stdout
            var outFile = Path.Combine(dir, "out.json");
            var (rc2, stdout2, stderr2) = Run("-goroot", goroot, "-C", dir, "-m", "-l", "-format", "json", "-o", outFile, ".");
            Assert.True(rc2 == 0, stderr2);
            Assert.Equal("", stdout2);
            Assert.Contains("leaking param: p", stderr2, StringComparison.Ordinal);
            using var doc = JsonDocument.Parse(File.ReadAllText(outFile));
            Assert.Equal(1, doc.RootElement.GetProperty("schemaVersion").GetInt32());
            Assert.Equal(["file", "go.mod", "out.json", "p.go"], Directory.GetFileSystemEntries(dir).Select(Path.GetFileName).Order(StringComparer.Ordinal));
        }
        finally { CliHarness.TryDelete(dir); }
    }

    /// <summary>The -m -l lines that are findings: heap allocations, variables moved to heap, leaking parameters.</summary>
    private static bool IsFindingLine(string msg) =>
        msg.EndsWith(" escapes to heap", StringComparison.Ordinal) || msg.StartsWith("moved to heap: ", StringComparison.Ordinal) ||
        msg.StartsWith("leaking param", StringComparison.Ordinal);

    public static readonly TheoryData<string, string> ConsistencyCases = new()
    {
        { "examples", "./..." },
        { "std", "fmt" }, { "std", "encoding/json" }, { "std", "net/http" }, { "std", "text/template" },
    };

    /// <summary>Every "escapes to heap", "moved to heap" and "leaking param" line of -m -l has exactly one finding in
    /// the model (JSON) and one SARIF result, at its position with its message, and there are no others.</summary>
    [SkippableTheory]
    [MemberData(nameof(ConsistencyCases))]
    public void EveryHeapAndLeakLineHasOneResult(string where, string pattern)
    {
        string goroot = Oracle.GoRoot();
        string dir = where == "examples" ? ExamplesDir : Path.Combine(goroot, "src");
        var (rc, _, text) = Run("-goroot", goroot, "-C", dir, "-m", "-l", pattern);
        Assert.True(rc == 0, text);
        var want = new List<string>();
        foreach (var line in text.Split('\n'))
        {
            if (line.Length == 0 || line.StartsWith('#')) continue;
            // FILE:LINE:COL: MESSAGE
            var parts = line.Split(": ", 2);
            if (parts.Length != 2 || !IsFindingLine(parts[1])) continue;
            var pos = parts[0].Split(':');
            want.Add($"{Path.GetFileName(pos[0])}:{pos[1]}:{(pos.Length > 2 ? pos[2] : "-")}: {parts[1]}");
        }
        Assert.NotEmpty(want);
        want.Sort(StringComparer.Ordinal);

        var (rcj, json, errj) = Run("-goroot", goroot, "-C", dir, "-l", "-format", "json", pattern);
        Assert.True(rcj == 0, errj);
        var got = new List<string>();
        using (var doc = JsonDocument.Parse(json))
            foreach (var p in doc.RootElement.GetProperty("packages").EnumerateArray())
                foreach (var f in p.GetProperty("functions").EnumerateArray())
                    foreach (var i in f.GetProperty("items").EnumerateArray())
                    {
                        if (i.GetProperty("decision").GetString() is not ("heap" or "moved-to-heap" or "leak")) continue;
                        var pos = i.GetProperty("pos");
                        int col = pos.GetProperty("column").GetInt32();
                        got.Add($"{Path.GetFileName(pos.GetProperty("file").GetString())}:{pos.GetProperty("line").GetInt32()}:{(col is > 0 and < 255 ? col.ToString(System.Globalization.CultureInfo.InvariantCulture) : "-")}: {i.GetProperty("message").GetString()}");
                    }
        got.Sort(StringComparer.Ordinal);
        Assert.Equal(want, got);

        var (rcs, sarif, errs) = Run("-goroot", goroot, "-C", dir, "-l", "-format", "sarif", pattern);
        Assert.True(rcs == 0, errs);
        using var sdoc = JsonDocument.Parse(sarif);
        var run = sdoc.RootElement.GetProperty("runs")[0];
        var rules = run.GetProperty("tool").GetProperty("driver").GetProperty("rules").EnumerateArray().Select(r => r.GetProperty("id").GetString()).ToList();
        int results = 0;
        foreach (var r in run.GetProperty("results").EnumerateArray())
        {
            results++;
            Assert.Equal(rules[r.GetProperty("ruleIndex").GetInt32()], r.GetProperty("ruleId").GetString());
            string level = r.GetProperty("level").GetString()!;
            string msg = r.GetProperty("message").GetProperty("text").GetString()!;
            Assert.Equal(msg.StartsWith("leaking param", StringComparison.Ordinal) ? "note" : "warning", level);
        }
        Assert.Equal(want.Count, results);
    }

    /// <summary>The multitool's binary: GOESCAPE_SARIF_MULTITOOL, else where tools/fetch-sarif-multitool installs it.</summary>
    private static string? Multitool()
    {
        if (Environment.GetEnvironmentVariable("GOESCAPE_SARIF_MULTITOOL") is { Length: > 0 } env && File.Exists(env)) return env;
        string home = Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string p = Path.Combine(home, ".cache", "goescape", "sarif-multitool", "node_modules", "@microsoft", "sarif-multitool-linux", "Sarif.Multitool");
        return File.Exists(p) ? p : null;
    }

    /// <summary>Microsoft's SARIF validator (the npm package @microsoft/sarif-multitool) finds no error (nor warning) in the
    /// SARIF of all bundled examples. Skipped when the validator is absent, failed then under GOESCAPE_REQUIRE_ORACLE=1.</summary>
    [SkippableFact]
    public void SarifPassesTheOfficialValidator()
    {
        string goroot = Oracle.GoRoot();
        string? tool = Multitool();
        if (tool == null)
        {
            const string reason = "the SARIF validator is absent: run tools/fetch-sarif-multitool (npm install @microsoft/sarif-multitool)";
            if (Environment.GetEnvironmentVariable(Oracle.RequireVariable) == "1") throw new InvalidOperationException($"{Oracle.RequireVariable}=1 and {reason}");
            throw new SkipException(reason);
        }
        var dir = CliHarness.NewTempDir("report-sarif");
        try
        {
            string sarif = Path.Combine(dir, "examples.sarif"), log = Path.Combine(dir, "validation.sarif");
            var (rc, _, stderr) = Run("-goroot", goroot, "-C", ExamplesDir, "-l", "-format", "sarif", "-o", sarif, "./...");
            Assert.True(rc == 0, stderr);
            var psi = new ProcessStartInfo(tool) { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var a in new[] { "validate", sarif, "-o", log }) psi.ArgumentList.Add(a);
            psi.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
            using var proc = Process.Start(psi)!;
            string output = proc.StandardOutput.ReadToEnd() + proc.StandardError.ReadToEnd();
            Assert.True(proc.WaitForExit(300_000), "the validator did not finish in 5 minutes");
            Assert.True(proc.ExitCode == 0, output);
            using var doc = JsonDocument.Parse(File.ReadAllText(log));
            var findings = doc.RootElement.GetProperty("runs")[0].GetProperty("results").EnumerateArray()
                .Select(r => (r.TryGetProperty("level", out var l) ? l.GetString() : "warning") + ": " + r.GetProperty("message").ToString()).ToList();
            Assert.True(findings.Count == 0, string.Join("\n", findings));
        }
        finally { CliHarness.TryDelete(dir); }
    }
}
