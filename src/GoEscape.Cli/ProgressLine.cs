namespace GoEscape.Cli;

/// <summary>
/// The progress line of a long run (issue 10, item 4): one line on stderr, redrawn in place, "goescape: 312 of 694
/// packages checked, 280 analyzed", erased before anything else is printed. Shown only when stderr is a terminal (so
/// logs, pipes, CI and the differential harness never see it), not with -q, not for TERM=dumb, and only once a run has
/// lasted <see cref="Delay"/>: a one-package run prints nothing extra. The report itself is printed after the
/// compilation, so the line never interleaves with it.
/// </summary>
/// <remarks>
/// Written with the base library (a timer and "\r...\e[K") rather than Spectre.Console: the display is one line with
/// two counters, and Spectre's live displays want to own the console while they run.
/// </remarks>
public sealed class ProgressLine : IDisposable
{
    /// <summary>How long a run must last before the line appears.</summary>
    public static readonly TimeSpan Delay = TimeSpan.FromMilliseconds(400);
    private static readonly TimeSpan Period = TimeSpan.FromMilliseconds(100);

    private readonly TextWriter _out;
    private readonly bool _analyzing;
    private readonly Timer? _timer;
    private readonly object _gate = new();
    private int _checked, _analyzed, _total;
    private bool _shown, _done;
    private string _last = "";

    /// <param name="output">Where the line goes (stderr).</param>
    /// <param name="analyzing">Whether the run analyzes packages after checking them (the escape command).</param>
    /// <param name="delay">Before the first redraw (default <see cref="Delay"/>); tests pass zero.</param>
    public ProgressLine(TextWriter output, bool analyzing, TimeSpan? delay = null)
    {
        _out = output;
        _analyzing = analyzing;
        _timer = new Timer(_ => Redraw(), null, delay ?? Delay, Period);
    }

    /// <summary>Whether a progress line belongs on this run's stderr: the process's own stderr, a terminal, no -q, TERM not dumb.</summary>
    public static bool Wanted(TextWriter stderr, bool quiet)
        => !quiet && ReferenceEquals(stderr, Console.Error) && !Console.IsErrorRedirected &&
           Environment.GetEnvironmentVariable("TERM") != "dumb";

    /// <summary>The counts so far (from any thread; see CompilationOptions.Progress).</summary>
    public void Update(int checkedCount, int analyzedCount, int total)
    {
        Volatile.Write(ref _checked, checkedCount);
        Volatile.Write(ref _analyzed, analyzedCount);
        Volatile.Write(ref _total, total);
    }

    /// <summary>The line's text for the counts (without the carriage return and erase).</summary>
    public static string Text(int checkedCount, int analyzedCount, int total, bool analyzing)
        => analyzing
            ? $"goescape: {checkedCount} of {total} packages checked, {analyzedCount} analyzed"
            : $"goescape: {checkedCount} of {total} packages checked";

    private void Redraw()
    {
        lock (_gate)
        {
            if (_done) return;
            int total = Volatile.Read(ref _total);
            if (total == 0) return;
            string text = Text(Volatile.Read(ref _checked), Volatile.Read(ref _analyzed), total, _analyzing);
            if (text == _last) return;
            _last = text;
            _shown = true;
            _out.Write("\r" + text + "\u001b[K");
            _out.Flush();
        }
    }

    /// <summary>Stops redrawing and erases the line, if one was drawn, so that what follows starts at column 1.</summary>
    public void Dispose()
    {
        _timer?.Dispose();
        lock (_gate)
        {
            if (_done) return;
            _done = true;
            if (_shown)
            {
                _out.Write("\r\u001b[K");
                _out.Flush();
            }
        }
    }
}
