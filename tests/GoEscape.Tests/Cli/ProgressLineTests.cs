using System.Diagnostics;
using System.Text.RegularExpressions;
using GoEscape.Cli;

namespace GoEscape.Tests.Cli;

/// <summary>
/// The progress line (issue 10, item 4): drawn only on a terminal's stderr, redrawn in place, erased before the report,
/// absent with -q and whenever stderr is not a terminal; the report under a terminal is the report without one.
/// </summary>
public class ProgressLineTests
{
    [Fact]
    public void TextNamesBothCounts()
    {
        Assert.Equal("goescape: 3 of 10 packages checked, 1 analyzed", ProgressLine.Text(3, 1, 10, analyzing: true));
        Assert.Equal("goescape: 3 of 10 packages checked", ProgressLine.Text(3, 0, 10, analyzing: false));
    }

    [Fact]
    public void IsDrawnInPlaceAndErased()
    {
        var w = new StringWriter();
        var p = new ProgressLine(w, analyzing: true, delay: TimeSpan.Zero);
        p.Update(2, 1, 5);
        var sw = Stopwatch.StartNew();
        while (!w.ToString().Contains("packages", StringComparison.Ordinal) && sw.Elapsed < TimeSpan.FromSeconds(10)) Thread.Sleep(10);
        p.Dispose();
        string s = w.ToString();
        Assert.StartsWith("\rgoescape: 2 of 5 packages checked, 1 analyzed\u001b[K", s, StringComparison.Ordinal);
        Assert.EndsWith("\r\u001b[K", s, StringComparison.Ordinal);
        Assert.DoesNotContain("\n", s, StringComparison.Ordinal);
        // nothing after Dispose
        Thread.Sleep(250);
        Assert.Equal(s, w.ToString());
    }

    [Fact]
    public void AShortRunDrawsNothing()
    {
        var w = new StringWriter();
        using (var p = new ProgressLine(w, analyzing: false, delay: TimeSpan.FromHours(1))) p.Update(1, 0, 1);
        Assert.Equal("", w.ToString());
    }

    [Fact]
    public void NotWantedOffTheProcessStderrOrWithQ()
    {
        Assert.False(ProgressLine.Wanted(new StringWriter(), quiet: false));
        Assert.False(ProgressLine.Wanted(Console.Error, quiet: true));
    }

    /// <summary>
    /// The built goescape under a pseudo-terminal (util-linux script): the line is drawn on a multi-package run and
    /// erased, and what remains is byte for byte the report of the same run with stderr redirected; with -q no line.
    /// </summary>
    [SkippableFact]
    public void UnderATerminalTheReportIsUnchanged()
    {
        var goroot = Oracle.GoRoot();
        if (!File.Exists("/usr/bin/script"))
            throw new SkipException("needs util-linux's script (/usr/bin/script) for a pseudo-terminal");
        Assert.True(CliHarness.GoEscapeProcessAvailable, "the built goescape.dll is next to the tests");
        string examples = Path.GetFullPath(Path.Combine(CliHarness.TestDataDir("x"), "..", "..", "..", "..", "examples"));
        string[] args = ["-m", "-l", "./..."];
        var plain = CliHarness.RunGoEscapeProcess(goroot, ["-C", examples, .. args], TimeSpan.FromMinutes(5));
        Assert.False(plain.TimedOut);
        Assert.DoesNotContain("packages checked", plain.Output, StringComparison.Ordinal);

        string tty = UnderScript(goroot, examples, args);
        Assert.Contains("packages checked", tty, StringComparison.Ordinal);
        // the last drawing is erased before the report goes on
        string last = tty[tty.LastIndexOf("packages checked", StringComparison.Ordinal)..];
        Assert.Matches("^packages checked, [0-9]+ analyzed\u001b\\[K\r\u001b\\[K", last);
        Assert.Equal(Normalize(plain.Output), Normalize(StripProgress(tty)));

        string quiet = UnderScript(goroot, examples, ["-q", .. args]);
        Assert.DoesNotContain("packages checked", quiet, StringComparison.Ordinal);
        Assert.Equal(Normalize(plain.Output), Normalize(quiet));
    }

    private static string UnderScript(string goroot, string dir, IReadOnlyList<string> args)
    {
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
        if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet)) dotnet = "dotnet";
        string dll = typeof(CommandLine).Assembly.Location;
        string cmd = string.Join(' ', new[] { dotnet, dll, "-C", dir }.Concat(args).Select(Quote));
        var psi = new ProcessStartInfo("/usr/bin/script") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-q", "-e", "-c", cmd, "/dev/null" }) psi.ArgumentList.Add(a);
        psi.Environment["GOROOT"] = goroot;
        psi.Environment["TERM"] = "xterm";
        psi.WorkingDirectory = dir;
        var r = CliHarness.RunProcess(psi, TimeSpan.FromMinutes(5));
        Assert.False(r.TimedOut);
        return r.Output;
    }

    private static string Quote(string s) => "'" + s.Replace("'", "'\\''") + "'";

    /// <summary>The progress segments ("\r...\e[K" and the final "\r\e[K") removed.</summary>
    private static string StripProgress(string s) => Regex.Replace(s, "\r(goescape: [^\r\n\u001b]*)?\u001b\\[K", "");

    /// <summary>The terminal's line endings and .NET's keypad-mode escapes (written by the runtime on a terminal) removed.</summary>
    private static string Normalize(string s) =>
        s.Replace("\u001b[?1h\u001b=", "").Replace("\r\n", "\n").TrimEnd('\n');
}
