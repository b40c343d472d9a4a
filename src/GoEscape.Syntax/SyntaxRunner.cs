namespace GoEscape.Syntax;

/// <summary>Runs deeply recursive work (parsing, checking, walking very deep trees) on a big stack.</summary>
public static class SyntaxRunner
{
    /// <summary>Default stack size for <see cref="RunWithLargeStack{T}(Func{T}, int)"/>: 1 GiB (reserved, committed lazily),
    /// the same limit as Go's default maximum goroutine stack.</summary>
    public const int LargeStackSize = 1 << 30;

    /// <summary>Runs f on a new thread with a large stack and returns its result (exceptions are rethrown).</summary>
    public static T RunWithLargeStack<T>(Func<T> f, int maxStackSize = LargeStackSize)
    {
        T result = default!;
        Exception? error = null;
        var t = new Thread(() =>
        {
            try { result = f(); }
            catch (Exception e) { error = e; }
        }, maxStackSize);
        t.Start();
        t.Join();
        if (error != null) System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(error).Throw();
        return result;
    }
}
