using System.Collections.Concurrent;
using System.Security.Cryptography;

namespace GoEscape.Fuzz;

/// <summary>The outcome of one execution.</summary>
public enum Outcome { Ok, Crash, Hang }

/// <summary>
/// Runs inputs one at a time on one long-lived worker thread with a 1 GiB stack (GoEscape's own limit for deep
/// nesting, see SyntaxRunner), with a wall-clock limit per input. A hung input cannot be stopped inside the
/// process: after a hang the runner is unusable (<see cref="Broken"/>) and the caller stops.
/// </summary>
public sealed class Runner : IDisposable
{
    private readonly BlockingCollection<(Func<string> Work, TaskCompletionSource<string> Done)> _queue = new();
    private readonly Thread _thread;

    public bool Broken { get; private set; }

    public Runner()
    {
        _thread = new Thread(Loop, Syntax.SyntaxRunner.LargeStackSize) { IsBackground = true, Name = "fuzz-worker" };
        _thread.Start();
    }

    private void Loop()
    {
        foreach (var (work, done) in _queue.GetConsumingEnumerable())
        {
            try { done.SetResult(work()); }
            catch (Exception e) { done.SetException(e); }
        }
    }

    /// <summary>Runs work on the worker; returns its outcome, the diagnostics or the exception.</summary>
    public (Outcome Outcome, string? Output, Exception? Error) Run(Func<string> work, TimeSpan limit)
    {
        if (Broken) throw new InvalidOperationException("fuzz: the runner hung on an earlier input");
        var done = new TaskCompletionSource<string>(TaskCreationOptions.RunContinuationsAsynchronously);
        _queue.Add((work, done));
        if (!((IAsyncResult)done.Task).AsyncWaitHandle.WaitOne(limit) && !done.Task.IsCompleted)
        {
            Broken = true;
            return (Outcome.Hang, null, null);
        }
        if (done.Task.IsFaulted) return (Outcome.Crash, null, done.Task.Exception!.InnerException);
        return (Outcome.Ok, done.Task.Result, null);
    }

    /// <summary>Runs work on the worker with no limit, rethrowing its exception (initialization: loading std).</summary>
    public T Invoke<T>(Func<T> work)
    {
        T result = default!;
        var (o, _, e) = Run(() => { result = work(); return ""; }, Timeout.InfiniteTimeSpan);
        if (o == Outcome.Crash) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e!).Throw();
        return result;
    }

    public void Dispose() => _queue.CompleteAdding();
}

/// <summary>A crash (or hang) found: the input, saved as a file, and what happened.</summary>
public sealed record Finding(string Target, Outcome Outcome, string File, string Signature, string Detail)
{
    /// <summary>Crash signature: exception type and the topmost GoEscape frames (for de-duplication).</summary>
    public static string SignatureOf(Exception e)
    {
        // the lowering's internal errors name the function: keep the inner exception (type and frames)
        if (e is GoEscape.IR.InternalErrorException { InnerException: { } inner }) e = inner;
        var frames = (e.StackTrace ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .Where(l => l.StartsWith("at GoEscape.", StringComparison.Ordinal) && !l.StartsWith("at GoEscape.Fuzz.", StringComparison.Ordinal))
            .Select(l => { int i = l.IndexOf(" in ", StringComparison.Ordinal); return i > 0 ? l[..i] : l; })
            .Take(2);
        return e.GetType().Name + " " + string.Join(" <- ", frames);
    }

    /// <summary>Saves the input under dir as TARGET-KIND-HASH.go with a .txt beside it saying what happened.</summary>
    public static Finding Save(string dir, string target, Outcome outcome, byte[] input, string signature, string detail)
    {
        Directory.CreateDirectory(dir);
        var hash = Convert.ToHexStringLower(SHA1.HashData(input))[..12];
        var path = Path.Combine(dir, $"{target}-{outcome.ToString().ToLowerInvariant()}-{hash}.go");
        System.IO.File.WriteAllBytes(path, input);
        System.IO.File.WriteAllText(Path.ChangeExtension(path, ".txt"), $"target: {target}\noutcome: {outcome}\nsignature: {signature}\n\n{detail}\n");
        return new Finding(target, outcome, path, signature, detail);
    }
}
