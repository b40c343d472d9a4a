using System.Diagnostics;
using System.Text;
using GoEscape.Syntax;
using Xunit.Abstractions;

namespace GoEscape.Tests.Syntax;

/// <summary>Parses all of $GOROOT/src and $GOROOT/test.</summary>
public sealed class CorpusParseTests(ITestOutputHelper output)
{
    /// <summary>Everything under $GOROOT/src except testdata directories must parse without any error
    /// (with gc's branch checks and pragma handling as for the standard library and runtime).</summary>
    [SkippableFact]
    public void GorootSrcParsesCleanly()
    {
        var goroot = SyntaxTestEnv.GoRoot;
        var files = SyntaxTestEnv.GoFiles(Path.Combine(goroot, "src"), skipTestdata: true);
        Assert.True(files.Count > 5000, $"only {files.Count} files");
        var contents = files.Select(System.IO.File.ReadAllBytes).ToList();
        var opts = new PragmaOptions { Std = true, CompilingRuntime = true };

        var failures = new StringBuilder();
        int nfail = 0;
        long lines = 0;
        var sw = Stopwatch.StartNew();
        for (int i = 0; i < files.Count; i++)
        {
            var errs = new ErrorSink();
            var f = Parser.ParseFile(files[i], contents[i], errs, ParseMode.Default, opts);
            lines += f.LineStarts.Length;
            if (errs.Count > 0 || f.Broken)
            {
                nfail++;
                if (nfail <= 20) failures.AppendLine(errs.First?.ToString() ?? files[i] + ": broken");
            }
        }
        sw.Stop();
        output.WriteLine($"parsed {files.Count} files, {lines} lines of $GOROOT/src in {sw.ElapsedMilliseconds} ms");
        Assert.True(nfail == 0, $"{nfail} files with errors:\n{failures}");
    }

    /// <summary>Every file under $GOROOT/test parses without crashing; files that are not errorcheck tests
    /// (nor skipped) have no errors.</summary>
    [SkippableFact]
    public void GorootTestParses()
    {
        var goroot = SyntaxTestEnv.GoRoot;
        var files = SyntaxTestEnv.GoFiles(Path.Combine(goroot, "test"), skipTestdata: false);
        Assert.True(files.Count > 2000, $"only {files.Count} files");
        var failures = new StringBuilder();
        int nfail = 0, withErrors = 0;
        foreach (var path in files)
        {
            var content = System.IO.File.ReadAllBytes(path);
            var errs = new ErrorSink();
            var f = Parser.ParseFile(path, content, errs, ParseMode.Default, new PragmaOptions { Std = false });
            Assert.NotNull(f);
            if (errs.Count == 0) continue;
            withErrors++;
            var head = Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 400));
            bool mayFail = head.Contains("errorcheck") || head.Contains("// skip") || head.Contains("compiledir")
                           || head.Contains("rundir") || head.Contains("errorcheckdir") || head.Contains("// ignored");
            if (!mayFail)
            {
                nfail++;
                if (nfail <= 20) failures.AppendLine(errs.First!.ToString());
            }
        }
        output.WriteLine($"parsed {files.Count} files of $GOROOT/test, {withErrors} with (expected) errors");
        Assert.True(nfail == 0, $"{nfail} unexpected failures:\n{failures}");
    }

    /// <summary>Differential check against gc on $GOROOT/test errorcheck files that have syntax errors:
    /// where gc's first line is an error of the syntax stage, ours must be identical.</summary>
    [SkippableFact]
    public void GorootTestSyntaxErrorsMatchGc()
    {
        var goroot = SyntaxTestEnv.GoRoot;
        var files = SyntaxTestEnv.GoFiles(Path.Combine(goroot, "test"), skipTestdata: false);
        int compared = 0, mismatched = 0;
        var report = new StringBuilder();
        foreach (var path in files)
        {
            var content = System.IO.File.ReadAllBytes(path);
            var head = Encoding.UTF8.GetString(content, 0, Math.Min(content.Length, 200));
            if (!head.StartsWith("// errorcheck", StringComparison.Ordinal)) continue;
            var errs = new ErrorSink();
            Parser.ParseFile(Path.GetFileName(path), content, errs, ParseMode.Default);
            if (errs.Count == 0) continue;
            var (_, so, se) = SyntaxTestEnv.RunGo(goroot, Path.GetDirectoryName(path)!, "tool", "compile", "-p", "p", "-o", Path.Combine(Path.GetTempPath(), $"goescape-gc-{Guid.NewGuid():N}.o"), Path.GetFileName(path));
            var gcFirst = (so + se).Split('\n')[0];
            // gc may print an earlier type-checking error (e.g. imports are unavailable here) when none of the
            // parse errors is a "syntax error"; only compare when gc's first line is one of ours.
            var ours = errs.Sorted().Select(e => e.ToString()).ToList();
            if (!gcFirst.Contains("syntax error") && !ours.Contains(gcFirst)) continue;
            compared++;
            if (ours[0] != gcFirst)
            {
                mismatched++;
                report.AppendLine($"{path}\n  gc: {gcFirst}\n  us: {ours[0]}");
            }
        }
        output.WriteLine($"compared {compared} errorcheck files with gc, {mismatched} mismatches");
        Assert.True(compared > 50, $"only {compared} compared");
        Assert.True(mismatched == 0, report.ToString());
    }
}
