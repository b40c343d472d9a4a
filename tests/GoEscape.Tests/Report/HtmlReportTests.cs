using System.Text.RegularExpressions;
using GoEscape.Cli;
using GoEscape.Tests.Cli;
using Microsoft.Playwright;
using Xunit.Abstractions;

namespace GoEscape.Tests.Report;

/// <summary>The bundled examples' HTML report and -m -l text, made once in one run (-o writes the report, the text still prints).</summary>
public sealed class HtmlExamplesReport
{
    public static string ExamplesDir => Path.GetFullPath(Path.Combine(CliHarness.TestDataDir("."), "..", "..", "..", "examples"));

    private readonly Lazy<(string Html, string Text, string Path)> _made = new(() =>
    {
        var goroot = Oracle.GoRoot();
        string dir = CliHarness.NewTempDir("html");
        string path = Path.Combine(dir, "report.html");
        var stderr = new StringWriter();
        int rc = CommandLine.Run(["-goroot", goroot, "-C", ExamplesDir, "-m", "-l", "-format", "html", "-o", path, "./..."], new StringWriter(), stderr);
        Assert.True(rc == 0, stderr.ToString());
        return (File.ReadAllText(path), stderr.ToString().ReplaceLineEndings("\n"), path);
    });

    public string Html => _made.Value.Html;
    public string Text => _made.Value.Text;
    public string ReportPath => _made.Value.Path;
}

/// <summary>
/// -format html (ReportHtml): one self-contained page, every decision of the -m -l report marked on its line, packages
/// by heap allocations; and in a real browser (Debian's chromium driven by Playwright): a click on a heap site shows
/// its path in words and its fix hint, and a step's link goes to its line. A screenshot is kept as a test artifact
/// ($GOESCAPE_ARTIFACTS, default artifacts/ at the repository root).
/// </summary>
public sealed class HtmlReportTests(HtmlExamplesReport report, ITestOutputHelper output) : IClassFixture<HtmlExamplesReport>
{
    /// <summary>The environment variable under which an absent browser fails the browser test instead of skipping it (.ci/run sets it).</summary>
    public const string RequireBrowserVariable = "GOESCAPE_REQUIRE_BROWSER";

    [SkippableFact]
    public void IsSelfContained()
    {
        string html = report.Html;
        Assert.StartsWith("<!DOCTYPE html>", html, StringComparison.Ordinal);
        // nothing fetched: no external script, style, image or font
        Assert.DoesNotMatch("<(script|img|link|iframe)[^>]*\\s(src|href)=", html);
        Assert.DoesNotContain("url(", html, StringComparison.Ordinal);
        Assert.DoesNotContain("@import", html, StringComparison.Ordinal);
        Assert.DoesNotMatch("(src|href)=\"(https?:)?//", html);
    }

    [SkippableFact]
    public void EveryDecisionLineIsMarked()
    {
        var lines = report.Text.Split('\n').Where(l => Regex.IsMatch(l, "^[^#].*:\\d+:\\d+: ")).ToList();
        int heap = lines.Count(l => l.EndsWith(" escapes to heap", StringComparison.Ordinal) || l.Contains(": moved to heap: ", StringComparison.Ordinal));
        int leak = lines.Count(l => l.Contains(": leaking param", StringComparison.Ordinal));
        int stack = lines.Count(l => l.EndsWith(" does not escape", StringComparison.Ordinal));
        Assert.True(heap > 10 && leak > 3 && stack > 10, $"heap {heap}, leak {leak}, stack {stack}");
        Assert.Equal(heap, Regex.Count(report.Html, "<button type=\"button\" class=\"site heap\""));
        Assert.Equal(leak, Regex.Count(report.Html, "<button type=\"button\" class=\"site leak\""));
        Assert.Equal(stack, Regex.Count(report.Html, "<button type=\"button\" class=\"site (stack|noleak)\""));
        // each mark's title is its -m line's message, at its line: "F:L:C: MSG" has a row L with a button titled MSG
        foreach (var l in lines.Where(l => l.Contains(" escapes to heap", StringComparison.Ordinal)).Take(20))
        {
            var m = Regex.Match(l, "^(.*?):(\\d+):(\\d+): (.*)$");
            string msg = System.Net.WebUtility.HtmlEncode(m.Groups[4].Value);
            Assert.Matches($"<tr id=\"f\\d+-L{m.Groups[2].Value}\"><td class=\"ln\">{m.Groups[2].Value}</td><td class=\"code\">[^\n]*title=\"{Regex.Escape(msg)}\"", report.Html);
        }
    }

    [SkippableFact]
    public void PackagesAreListedByHeapAllocations()
    {
        var counts = Regex.Matches(report.Html, "<tr class=\"pkg-row\" data-heap=\"(\\d+)\">").Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(18, counts.Count);
        Assert.Equal(counts.OrderByDescending(c => c).ToList(), counts);
        Assert.True(counts[0] > 0);
    }

    [SkippableFact]
    public void IsDeterministicAcrossThreadCounts()
    {
        var goroot = Oracle.GoRoot();
        string dir = CliHarness.NewTempDir("html-det");
        try
        {
            CliHarness.WriteGoMod(dir);
            File.WriteAllText(Path.Combine(dir, "p.go"), "package p\n\nvar sink any\n\nfunc F(p *int) *int {\n\tx := 1\n\tsink = p\n\treturn &x\n}\n\nfunc G(s string) any {\n\treturn \"<é>\" + s\n}\n");
            string Run(int threads)
            {
                string o = Path.Combine(dir, $"r{threads}.html");
                int rc = CommandLine.Run(["-goroot", goroot, "-C", dir, "-m", "-l", "-threads", threads.ToString(System.Globalization.CultureInfo.InvariantCulture), "-format", "html", "-o", o, "."], new StringWriter(), new StringWriter());
                Assert.Equal(0, rc);
                return File.ReadAllText(o);
            }
            string a = Run(1), b = Run(2), c = Run(8);
            Assert.Equal(a, b);
            Assert.Equal(a, c);
            // the source is escaped, the marks are where gc's columns are (bytes: é is two)
            Assert.Contains("&lt;&#233;&gt;", a, StringComparison.Ordinal);
            Assert.Contains("\treturn &quot;&lt;&#233;&gt;&quot; <button type=\"button\" class=\"site heap\"", a, StringComparison.Ordinal);
        }
        finally
        {
            CliHarness.TryDelete(dir);
        }
    }

    /// <summary>Chromium: $GOESCAPE_CHROMIUM, else Debian's /usr/bin/chromium; skipped when absent (failed under GOESCAPE_REQUIRE_BROWSER=1).</summary>
    private static string Chromium()
    {
        string? exe = Environment.GetEnvironmentVariable("GOESCAPE_CHROMIUM");
        if (string.IsNullOrEmpty(exe)) exe = "/usr/bin/chromium";
        if (File.Exists(exe)) return exe;
        if (Environment.GetEnvironmentVariable(RequireBrowserVariable) == "1")
            throw new InvalidOperationException($"{RequireBrowserVariable}=1 and no browser at {exe} (apt-get install chromium)");
        throw new SkipException($"no browser at {exe}: install Debian's chromium (apt-get install chromium) or set GOESCAPE_CHROMIUM");
    }

    [SkippableFact]
    public async Task AClickOnAHeapSiteShowsItsPathAndHint()
    {
        string chromium = Chromium();
        string path = report.ReportPath;
        using var pw = await Playwright.CreateAsync();
        await using var browser = await pw.Chromium.LaunchAsync(new() { ExecutablePath = chromium, Headless = true, Args = ["--no-sandbox"] });
        var page = await browser.NewPageAsync(new() { ViewportSize = new() { Width = 1400, Height = 900 } });
        var errors = new List<string>();
        page.PageError += (_, e) => errors.Add(e);
        page.Console += (_, m) => { if (m.Type == "error") errors.Add(m.Text); };
        await page.GotoAsync(new Uri(path).AbsoluteUri);

        // the first package has the most heap allocations, and its heading is a section of the page
        Assert.Equal(18, await page.Locator("tr.pkg-row").CountAsync());
        Assert.Equal(await page.Locator("button.site.heap").CountAsync(), Regex.Count(report.Html, "<button type=\"button\" class=\"site heap\""));

        // moved to heap: u in the unmarshal example: its path is json.Unmarshal's leaking argument
        var site = page.Locator("button.site.heap[title='moved to heap: u']").First;
        await site.ScrollIntoViewIfNeededAsync();
        await site.ClickAsync();
        var panel = page.Locator("#panel");
        string text = await panel.InnerTextAsync();
        Assert.Contains("moved to heap: u", text, StringComparison.Ordinal);
        Assert.Contains("Why", text, StringComparison.Ordinal);
        Assert.Contains("json.Unmarshal", text, StringComparison.Ordinal);
        Assert.Contains("Fix hint", text, StringComparison.Ordinal);
        Assert.True(await site.EvaluateAsync<bool>("b => b.classList.contains('selected')"));
        Assert.Matches("#site\\d+$", page.Url);

        // each step links to its line; following the link targets that row
        var link = panel.Locator("ol.flow a.where").First;
        string? href = await link.GetAttributeAsync("href");
        Assert.NotNull(href);
        Assert.Matches("^#f\\d+-L\\d+$", href);
        await link.ClickAsync();
        Assert.EndsWith(href, page.Url, StringComparison.Ordinal);
        Assert.Equal(1, await page.Locator(href + ":target").CountAsync());

        // another site: a closure's heap allocation
        var heap = page.Locator("button.site.heap[title='func literal escapes to heap']").First;
        if (await heap.CountAsync() > 0)
        {
            await heap.ScrollIntoViewIfNeededAsync();
            await heap.ClickAsync();
            Assert.Contains("func literal escapes to heap", await panel.InnerTextAsync(), StringComparison.Ordinal);
        }

        // a deep link opens a site's panel on load
        await page.GotoAsync(new Uri(path).AbsoluteUri + "#site0");
        Assert.NotEqual("", (await panel.Locator("h2").InnerTextAsync()).Trim());

        await site.ScrollIntoViewIfNeededAsync();
        await site.ClickAsync();
        string shot = ArtifactPath("html-report.png");
        await page.ScreenshotAsync(new() { Path = shot });
        output.WriteLine("screenshot: " + shot);
        Assert.True(new FileInfo(shot).Length > 10_000);
        Assert.Empty(errors);
    }

    private static string ArtifactPath(string name)
    {
        string? dir = Environment.GetEnvironmentVariable("GOESCAPE_ARTIFACTS");
        if (string.IsNullOrEmpty(dir)) dir = Path.GetFullPath(Path.Combine(CliHarness.TestDataDir("."), "..", "..", "..", "artifacts"));
        Directory.CreateDirectory(dir);
        return Path.Combine(dir, name);
    }
}
