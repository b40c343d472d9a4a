using System.Diagnostics;
using System.Text.Json;

namespace GoEscape.Harness;

/// <summary>One job sent to a sweep worker: run the goescape command line <see cref="Args"/> in <see cref="Dir"/>;
/// <see cref="TimeoutS"/> overrides the worker's limit (larger for the packages of $GOROOT/src).</summary>
public sealed record SweepJob(int Id, string Dir, string[] Args, double? TimeoutS = null);

/// <summary>
/// What a job gave: the exit code of the command line (or a failure of the job itself: <see cref="Hang"/> when it did
/// not finish within the timeout, <see cref="Memory"/> when the worker grew past its memory limit,
/// <see cref="Crash"/> when the worker process died), the first lines of its output and the time it took.
/// </summary>
public sealed record SweepResult(int Id, int ExitCode, string Output, long Ms, bool Hang = false, bool Memory = false, bool Crash = false);

/// <summary>
/// The hidden `sweep-worker` subcommand: reads jobs (one JSON <see cref="SweepJob"/> a line) on stdin and answers each
/// with one JSON <see cref="SweepResult"/> line on stdout, running the goescape command line in this process (as
/// goescape's Main does: an exception out of it is exit 3) on a thread with a 1 GiB stack. A job that does not end in
/// time (CPU time over the limit, or wall time over five times it), or makes the process grow past the memory limit, is answered as such and the worker exits (a running thread
/// cannot be stopped): the parent starts a new one. A stack overflow kills the process, which the parent sees as EOF.
/// The checked packages of the standard library are kept across jobs (<see cref="GoEscape.Driver.CheckedPackageCache"/>),
/// as are the process start and the JIT; each job's lowering and escape analysis run afresh.
/// </summary>
public static class SweepWorker
{
    /// <summary>Output kept per job: the head (errors come first) is what the sweep judges.</summary>
    public const int MaxOutput = 16 * 1024;

    public static int Run(List<string> args)
    {
        double timeout = 120;
        long memLimitMb = 6144;
        for (int i = 0; i < args.Count; i++)
        {
            switch (args[i])
            {
                case "--timeout": timeout = double.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
                case "--mem-mb": memLimitMb = long.Parse(args[++i], System.Globalization.CultureInfo.InvariantCulture); break;
            }
        }
        // the standard library's packages are checked once per worker, not once per job
        var sep = Path.DirectorySeparatorChar;
        GoEscape.Driver.CheckedPackageCache.Shared = new GoEscape.Driver.CheckedPackageCache
        {
            Admit = p => p.IsStandard && !p.Dir.Contains($"{sep}testdata", StringComparison.Ordinal) && p.ForMain == null,
        };
        var stdout = new StreamWriter(Console.OpenStandardOutput()) { AutoFlush = true };
        string? line;
        while ((line = Console.In.ReadLine()) != null)
        {
            if (line.Length == 0) continue;
            var job = JsonSerializer.Deserialize<SweepJob>(line)!;
            var (result, fatal) = RunJob(job, TimeSpan.FromSeconds(job.TimeoutS ?? timeout), memLimitMb);
            stdout.WriteLine(JsonSerializer.Serialize(result));
            if (fatal)
            {
                stdout.Flush();
                Environment.Exit(0);
            }
            // the kept packages grow with the inputs (cmd's packages are large): start afresh past half the limit
            using var self = Process.GetCurrentProcess();
            if (self.WorkingSet64 / 1048576 > memLimitMb / 2)
            {
                GoEscape.Driver.CheckedPackageCache.Shared.Clear();
                GC.Collect();
            }
        }
        return 0;
    }

    private static (SweepResult, bool Fatal) RunJob(SweepJob job, TimeSpan timeout, long memLimitMb)
    {
        var output = new HeadWriter(MaxOutput);
        var sync = output;
        int rc = -1;
        var sw = Stopwatch.StartNew();
        var args = new List<string> { };
        // -C DIR: as if started in the job's directory (the worker's own directory never changes)
        if (job.Args.Length > 0 && job.Args[0] == "check") args.AddRange(["check", "-C", job.Dir, .. job.Args[1..]]);
        else args.AddRange(["-C", job.Dir, .. job.Args]);
        var t = new Thread(() =>
        {
            try
            {
                rc = GoEscape.Cli.CommandLine.Run([.. args], sync, sync);
            }
            catch (Exception e)
            {
                // what goescape's Main does with an exception out of the command line: one line, exit 3
                sync.WriteLine($"goescape: internal error: {e.GetType().Name}: {e.Message}");
                rc = 3;
            }
        }, GoEscape.Syntax.SyntaxRunner.LargeStackSize) { IsBackground = true };
        t.Start();
        // The limit is on CPU time (the machine may be shared: wall time says little), with a wall-time backstop
        // at five times the limit; the worker is idle between jobs, so its CPU time is the job's.
        using var self = Process.GetCurrentProcess();
        var cpu0 = self.TotalProcessorTime;
        while (!t.Join(200))
        {
            self.Refresh();
            if (self.WorkingSet64 / 1048576 > memLimitMb)
                return (new SweepResult(job.Id, -1, Head(output), sw.ElapsedMilliseconds, Memory: true), true);
            if (self.TotalProcessorTime - cpu0 > timeout || sw.Elapsed > 5 * timeout)
                return (new SweepResult(job.Id, -1, Head(output), sw.ElapsedMilliseconds, Hang: true), true);
        }
        return (new SweepResult(job.Id, rc, Head(output), sw.ElapsedMilliseconds), false);
    }

    private static string Head(HeadWriter w) => w.Text;

    /// <summary>A thread-safe writer that keeps the first <c>max</c> characters written to it (a -m=2 report of a
    /// large package runs to megabytes; the sweep needs its head).</summary>
    private sealed class HeadWriter(int max) : TextWriter
    {
        private readonly System.Text.StringBuilder _sb = new();
        public override System.Text.Encoding Encoding => System.Text.Encoding.UTF8;
        public string Text { get { lock (_sb) return _sb.ToString(); } }

        public override void Write(char value)
        {
            lock (_sb) if (_sb.Length < max) _sb.Append(value);
        }

        public override void Write(string? value)
        {
            if (value == null) return;
            lock (_sb) if (_sb.Length < max) _sb.Append(value, 0, Math.Min(value.Length, max - _sb.Length));
        }

        public override void Write(char[] buffer, int index, int count)
        {
            lock (_sb) if (_sb.Length < max) _sb.Append(buffer, index, Math.Min(count, max - _sb.Length));
        }

        public override void WriteLine(string? value)
        {
            lock (_sb)
            {
                Write(value);
                Write(CoreNewLine);
            }
        }
    }
}
