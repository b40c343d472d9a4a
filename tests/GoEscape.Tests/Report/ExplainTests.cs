using System.Text.RegularExpressions;
using GoEscape.Cli;
using GoEscape.Harness;
using GoEscape.Report;
using GoEscape.Tests.Cli;

namespace GoEscape.Tests.Report;

/// <summary>
/// goescape explain: every fix hint's before/after pair checked against gc (testdata/explain/KEY), explain's flows
/// against gc's own -m=2 -l report on every bundled example, bad input as one line and exit 2, and the inlining line.
/// </summary>
public sealed partial class ExplainTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromMinutes(5);

    private static string HintsDir => CliHarness.TestDataDir("explain");

    private static string ExamplesDir => Path.GetFullPath(Path.Combine(CliHarness.TestDataDir("."), "..", "..", "..", "examples"));

    public static TheoryData<string> HintKeys()
    {
        var d = new TheoryData<string>();
        foreach (var row in FixHints.Table) d.Add(row.Key);
        return d;
    }

    [Fact]
    public void EveryHintRowHasItsPairAndEveryPairItsRow()
    {
        var dirs = Directory.GetDirectories(HintsDir).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        var keys = FixHints.Table.Select(r => r.Key).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(keys, dirs.Select(d => d!).ToList());
        foreach (var k in keys)
        {
            Assert.True(File.Exists(Path.Combine(HintsDir, k, "before", "main.go")), k);
            Assert.True(File.Exists(Path.Combine(HintsDir, k, "after", "main.go")), k);
            Assert.NotEmpty(Markers(File.ReadAllText(Path.Combine(HintsDir, k, "before", "main.go"))));
        }
    }

    /// <summary>
    /// One hint's pair. With allocs_test.go: gc's program (go test) allocates before and not after (the allocation is
    /// made at run time, which -m does not show). Otherwise: gc's -m (go build -gcflags=-m, inlining on) has a heap or
    /// leak line at every marked line (`// explain`) of before and none at after's, gc's -m -l the same, and ours -m -l
    /// gives gc's lines there. Always: our explain at each marked line of before gives the hint, at after's it does not.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(HintKeys))]
    public void HintRewriteRemovesTheAllocation(string key)
    {
        var goroot = Oracle.GoRoot();
        var before = Copy(Path.Combine(HintsDir, key, "before"));
        var after = Copy(Path.Combine(HintsDir, key, "after"));
        try
        {
            var bm = Markers(File.ReadAllText(Path.Combine(before, "main.go")));
            var am = Markers(File.ReadAllText(Path.Combine(after, "main.go")));
            Assert.NotEmpty(bm);
            Assert.Equal(bm.Count, am.Count);
            if (File.Exists(Path.Combine(before, "allocs_test.go")))
            {
                Assert.True(Allocs(goroot, before) > 0, $"{key}: before: gc's program does not allocate");
                Assert.Equal(0.0, Allocs(goroot, after));
            }
            else
            {
                foreach (var flags in new[] { "-m", "-m -l" })
                {
                    var gcBefore = HeapLines(GcReport(goroot, before, flags));
                    var gcAfter = HeapLines(GcReport(goroot, after, flags));
                    foreach (int l in bm) Assert.True(gcBefore.Any(h => h.Line == l), $"{key}: before: gc {flags} has no heap or leak line at main.go:{l}\n{string.Join("\n", gcBefore.Select(h => h.Text))}");
                    foreach (int l in am) Assert.False(gcAfter.Any(h => h.Line == l), $"{key}: after: gc {flags} still has a heap or leak line at main.go:{l}");
                }
                foreach (var (dir, marks) in new[] { (before, bm), (after, am) })
                {
                    var gc = HeapLines(GcReport(goroot, dir, "-m -l")).Where(h => marks.Contains(h.Line)).Select(h => h.Text).ToList();
                    var ours = HeapLines(OurReport(goroot, dir)).Where(h => marks.Contains(h.Line)).Select(h => h.Text).ToList();
                    // ours-differs.txt: a known disagreement of the analyzer with gc (its reason in the file); it must
                    // still be one, so that the file goes when the analyzer is fixed
                    if (File.Exists(Path.Combine(dir, "ours-differs.txt"))) Assert.NotEqual(gc, ours);
                    else Assert.Equal(gc, ours);
                }
            }
            foreach (int l in bm)
            {
                var (rc, text) = RunExplain(goroot, before, $"main.go:{l}");
                Assert.True(rc == 0, text);
                Assert.Contains($"fix ({key}): ", text, StringComparison.Ordinal);
            }
            foreach (int l in am)
            {
                var (rc, text) = RunExplain(goroot, after, $"main.go:{l}");
                Assert.True(rc is 0 or 2, text);
                Assert.DoesNotContain($"fix ({key}): ", text, StringComparison.Ordinal);
            }
        }
        finally
        {
            CliHarness.TryDelete(before);
            CliHarness.TryDelete(after);
        }
    }

    /// <summary>
    /// For every heap and leak line of gc's -m=2 -l report of every bundled example (expected.m2-l.txt, gc's own output):
    /// explain at that position names the same decision, and its steps' positions are those of the first -m=2 flow
    /// explained for it (its "from ... at POS" lines, in order).
    /// </summary>
    [SkippableFact]
    public void ExplainAgreesWithGcM2OnEveryExample()
    {
        var goroot = Oracle.GoRoot();
        int checkedLines = 0, examples = 0;
        foreach (var dir in Directory.GetDirectories(ExamplesDir).Order(StringComparer.Ordinal))
        {
            var want = Path.Combine(dir, "expected.m2-l.txt");
            if (!File.Exists(want)) continue;
            examples++;
            string name = Path.GetFileName(dir);
            var expected = ParseM2(File.ReadAllLines(want));
            var opts = Options.Parse(["-goroot", goroot, "-C", ExamplesDir, "./" + name]);
            var stderr = new StringWriter();
            var anyFile = Directory.GetFiles(dir, "*.go").Order(StringComparer.Ordinal).First();
            var (report, rc) = Commands.AnalyzeForExplain(opts, anyFile, name, stderr);
            Assert.True(report != null, $"{name}: rc={rc}: {stderr}");
            foreach (var (pos, msg, flowPositions) in expected)
            {
                var (file, line, col) = SplitPos(pos);
                var items = Commands.ExplainAt(report!, ExamplesDir, Path.GetFullPath(file, ExamplesDir), line, col);
                var item = items.FirstOrDefault(i => i.Message == msg);
                Assert.True(item != null, $"{pos}: {msg}: explain has [{string.Join("; ", items.Select(i => i.Message))}]");
                var got = item!.Steps.SelectMany(s => s.Notes).Select(n => n.Pos.ToString()).ToList();
                Assert.True(flowPositions.SequenceEqual(got), $"{pos}: {msg}: -m=2 flow at [{string.Join(", ", flowPositions)}], explain's steps at [{string.Join(", ", got)}]");
                // and the text says each step at its position
                string text = ExplainText.Render(items, ExplainText.WithoutInlining);
                foreach (var s in item.Steps)
                    if (s.Pos.IsKnown) Assert.Contains($"({s.Pos})", text, StringComparison.Ordinal);
                checkedLines++;
            }
        }
        Assert.Equal(18, examples);
        Assert.Equal(25, checkedLines); // every heap and leak line of the 18 examples' gc -m=2 -l reports
    }

    /// <summary>The heap and leak lines of a -m=2 report, each with the "at POS" positions of the first flow explained
    /// for it: for "moved to heap: x" / "E escapes to heap", the first "x|E escapes to heap in F:" block at its position;
    /// for a leak, the first "parameter p leaks to R ..." block of the root the line names (the heap, or result R).</summary>
    private static List<(string Pos, string Msg, List<string> Flow)> ParseM2(string[] lines)
    {
        var blocks = new List<(string Pos, string Header, List<string> At)>();
        var decisions = new List<(string Pos, string Msg)>();
        foreach (var l in lines)
        {
            var m = LineRe().Match(l);
            if (!m.Success) continue;
            string pos = m.Groups[1].Value, rest = m.Groups[2].Value;
            if (rest.StartsWith("  ", StringComparison.Ordinal))
            {
                var at = AtRe().Match(rest);
                if (at.Success && blocks.Count > 0) blocks[^1].At.Add(at.Groups[1].Value);
                continue;
            }
            rest = rest.TrimStart();
            if (rest.EndsWith(':')) { blocks.Add((pos, rest, [])); continue; }
            if (rest.StartsWith("moved to heap: ", StringComparison.Ordinal) || rest.EndsWith(" escapes to heap", StringComparison.Ordinal) ||
                rest.StartsWith("leaking param", StringComparison.Ordinal))
                decisions.Add((pos, rest));
        }
        var res = new List<(string, string, List<string>)>();
        foreach (var (pos, msg) in decisions)
        {
            Func<string, bool> match;
            if (msg.StartsWith("moved to heap: ", StringComparison.Ordinal)) match = h => h.StartsWith(msg["moved to heap: ".Length..] + " escapes to heap in ", StringComparison.Ordinal);
            else if (msg.EndsWith(" escapes to heap", StringComparison.Ordinal)) match = h => h.StartsWith(msg + " in ", StringComparison.Ordinal);
            else
            {
                var lm = LeakRe().Match(msg);
                string p = lm.Groups[2].Value;
                string? result = lm.Groups[3].Success ? lm.Groups[3].Value : null;
                match = result != null
                    ? h => h.StartsWith($"parameter {p} leaks to {result} for ", StringComparison.Ordinal)
                    : h => h.StartsWith($"parameter {p} leaks to {{heap}} for ", StringComparison.Ordinal);
            }
            var b = blocks.FirstOrDefault(x => x.Pos == pos && match(x.Header));
            Assert.True(b.Header != null, $"{pos}: {msg}: no -m=2 flow for it");
            res.Add((pos, msg, b.At));
        }
        return res;
    }

    [GeneratedRegex(@"^(\S+?:\d+(?::\d+)?):(.*)$")]
    private static partial Regex LineRe();

    [GeneratedRegex(@" at (\S+)$")]
    private static partial Regex AtRe();

    [GeneratedRegex(@"^leaking param( content)?: (\S+)(?: to result (\S+) level=\d+)?$")]
    private static partial Regex LeakRe();

    private static (string File, int Line, int Col) SplitPos(string pos)
    {
        Assert.True(Commands.ParsePosition(pos, out var f, out int l, out int c), pos);
        return (f, l, c);
    }

    // ---- bad input: one line "goescape: explain: ...", exit 2 ----

    [Theory]
    [InlineData("main.go", "goescape: explain: malformed position \"main.go\": want FILE:LINE or FILE:LINE:COL (line and column from 1)")]
    [InlineData("main.go:x", "goescape: explain: malformed position \"main.go:x\": want FILE:LINE or FILE:LINE:COL (line and column from 1)")]
    [InlineData("main.go:0", "goescape: explain: malformed position \"main.go:0\": want FILE:LINE or FILE:LINE:COL (line and column from 1)")]
    [InlineData(":3", "goescape: explain: malformed position \":3\": want FILE:LINE or FILE:LINE:COL (line and column from 1)")]
    [InlineData("no-such-file.go:3", "goescape: explain: no-such-file.go:3: no such file")]
    [InlineData("no-such-file.go:3:7", "goescape: explain: no-such-file.go:3:7: no such file")]
    public void BadPositionIsOneLine(string position, string want)
    {
        var dir = CliHarness.NewTempDir("explain-bad");
        try
        {
            var stdout = new StringWriter();
            var stderr = new StringWriter();
            int rc = CommandLine.Run(["explain", position, "-C", dir], stdout, stderr);
            Assert.Equal(2, rc);
            Assert.Equal(want + "\n", stderr.ToString().ReplaceLineEndings("\n"));
            Assert.Equal("", stdout.ToString());
        }
        finally
        {
            CliHarness.TryDelete(dir);
        }
    }

    [Fact]
    public void MissingPositionAndForeignFlagsAreRefused()
    {
        var stderr = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["explain"], new StringWriter(), stderr));
        Assert.StartsWith("goescape: explain: missing position FILE:LINE[:COL]\n", stderr.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        stderr = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["explain", "x.go:1", "-m"], new StringWriter(), stderr));
        Assert.StartsWith("goescape: explain: -m, -json", stderr.ToString(), StringComparison.Ordinal);
        stderr = new StringWriter();
        Assert.Equal(2, CommandLine.Run(["explain", "x.go:1", "-nosuchflag"], new StringWriter(), stderr));
        Assert.StartsWith("goescape: explain: flag provided but not defined: -nosuchflag\n", stderr.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
    }

    private const string Source = "package p\n\n// a comment\nfunc F() *int {\n\tx := 1\n\treturn &x\n}\n";

    [SkippableFact]
    public void NothingThereOutsideTheFileAndPastItsEndAreOneLine()
    {
        var goroot = Oracle.GoRoot();
        var dir = CliHarness.NewTempDir("explain-bad");
        try
        {
            CliHarness.WriteGoMod(dir);
            File.WriteAllText(Path.Combine(dir, "p.go"), Source);
            Directory.CreateDirectory(Path.Combine(dir, "other"));
            File.WriteAllText(Path.Combine(dir, "other", "q.go"), "package q\n\nfunc G() {}\n");
            Directory.CreateDirectory(Path.Combine(dir, "testdata"));
            File.WriteAllText(Path.Combine(dir, "testdata", "t.go"), "package t\n");
            (string[] Args, string Want)[] cases =
            [
                (["p.go:3"], "goescape: explain: ./p.go:3: escape analysis reports nothing here (no allocation, parameter or heap-allocated variable)"),
                (["p.go:5:4"], "goescape: explain: ./p.go:5:4: nothing reported at this column (reported on this line: column 2)"),
                (["p.go:99"], "goescape: explain: ./p.go:99: the file has 7 lines"),
                (["other/q.go:3", "."], "goescape: explain: other/q.go:3: the file is not in the analyzed packages (.)"),
            ];
            foreach (var (args, want) in cases)
            {
                var stdout = new StringWriter();
                var stderr = new StringWriter();
                int rc = CommandLine.Run(["explain", .. args.Take(1), "-goroot", goroot, "-C", dir, .. args.Skip(1)], stdout, stderr);
                Assert.Equal(want + "\n", stderr.ToString().ReplaceLineEndings("\n"));
                Assert.Equal(2, rc);
                Assert.Equal("", stdout.ToString());
            }
            // a file of no package (testdata is not one): one line, exit 2, no stack trace
            var r = CliHarness.RunGoEscape(["explain", "testdata/t.go:1", "-goroot", goroot, "-C", dir, "."], Limit);
            Assert.Null(r.Crash);
            Assert.Equal(2, r.ExitCode);
            Assert.Equal(["goescape: explain: testdata/t.go:1: the file is not in the analyzed packages (.)"], r.Lines());
        }
        finally
        {
            CliHarness.TryDelete(dir);
        }
    }

    [SkippableFact]
    public void OutputSaysHowItWasAnalyzed()
    {
        var goroot = Oracle.GoRoot();
        var dir = CliHarness.NewTempDir("explain-inl");
        try
        {
            CliHarness.WriteGoMod(dir);
            File.WriteAllText(Path.Combine(dir, "p.go"), Source);
            var (rc, text) = RunExplain(goroot, dir, "p.go:5");
            Assert.Equal(0, rc);
            var lines = text.ReplaceLineEndings("\n").Split('\n');
            Assert.Equal(ExplainText.WithoutInlining, lines[0]);
            Assert.Equal("./p.go:5:2: moved to heap: x", lines[2]);
            Assert.Equal("  `x` is allocated on the heap because its address is returned from `F`, so it outlives the call:", lines[3]);
            Assert.Equal("  1. `&x` is returned by `return &x` (./p.go:6:2).", lines[4]);
            Assert.StartsWith("  fix (returned-address): ", lines[5], StringComparison.Ordinal);

            var stdout = new StringWriter();
            rc = CommandLine.Run(["explain", "p.go:5:2", "-goroot", goroot, "-C", dir, "-experimental-inlining"], stdout, new StringWriter());
            Assert.Equal(0, rc);
            Assert.StartsWith(ExplainText.WithExperimentalInlining + "\n", stdout.ToString().ReplaceLineEndings("\n"), StringComparison.Ordinal);
        }
        finally
        {
            CliHarness.TryDelete(dir);
        }
    }

    // ---- helpers ----

    /// <summary>The 1-based lines that carry the `// explain` marker.</summary>
    private static List<int> Markers(string source)
    {
        var res = new List<int>();
        var lines = source.ReplaceLineEndings("\n").Split('\n');
        for (int i = 0; i < lines.Length; i++)
            if (lines[i].TrimEnd().EndsWith("// explain", StringComparison.Ordinal)) res.Add(i + 1);
        return res;
    }

    private static string Copy(string from)
    {
        var dir = CliHarness.NewTempDir("explain-hint");
        foreach (var f in Directory.GetFiles(from)) File.Copy(f, Path.Combine(dir, Path.GetFileName(f)));
        CliHarness.WriteGoMod(dir, "x");
        return dir;
    }

    private static string GcReport(string goroot, string dir, string flags)
    {
        var r = GoToolchain.Run(goroot, dir, ["build", "-gcflags=" + flags, "-o", Path.Combine(dir, "a.out"), "."], Limit);
        Assert.True(r.ExitCode == 0, r.Output);
        return r.Output;
    }

    private static string OurReport(string goroot, string dir)
    {
        var output = new StringWriter();
        int rc = CommandLine.Run(["-goroot", goroot, "-C", dir, "-m", "-l", "."], output, output);
        Assert.True(rc == 0, output.ToString());
        return output.ToString();
    }

    /// <summary>The heap and leak lines of the package's own file (main.go).</summary>
    private static List<(int Line, string Text)> HeapLines(string report)
    {
        var res = new List<(int, string)>();
        foreach (var l in report.ReplaceLineEndings("\n").Split('\n'))
        {
            var m = Regex.Match(l, @"^\./main\.go:(\d+):\d+: (moved to heap: .*|.* escapes to heap|leaking param.*)$");
            if (m.Success) res.Add((int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture), l));
        }
        return res;
    }

    /// <summary>gc's allocations per call, as TestAllocs (allocs_test.go) logs them under go test.</summary>
    private static double Allocs(string goroot, string dir)
    {
        var r = GoToolchain.Run(goroot, dir, ["test", "-count=1", "-run", "^TestAllocs$", "-v", "."], Limit);
        Assert.True(r.ExitCode == 0, r.Output);
        var m = Regex.Match(r.Output, @"allocs: ([0-9.]+)");
        Assert.True(m.Success, r.Output);
        return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
    }

    private static (int Rc, string Text) RunExplain(string goroot, string dir, string position)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["explain", position, "-goroot", goroot, "-C", dir], stdout, stderr);
        return (rc, stdout.ToString() + stderr.ToString());
    }
}
