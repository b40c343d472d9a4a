namespace GoEscape.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        DeferCollections();
        try
        {
            return CommandLine.Run(args, Console.Out, Console.Error);
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("GOESCAPE_DEBUG") != "1")
        {
            // A failure of ours is reported as one line, never as a stack trace (GOESCAPE_DEBUG=1 shows it).
            Console.Error.WriteLine(e is GoEscape.IR.InternalErrorException ie ? ie.Line : $"goescape: internal error: {e.GetType().Name}: {e.Message}");
            return 3;
        }
    }

    /// <summary>
    /// A run keeps nearly everything it allocates until it exits (the syntax, types and IR of every package), so
    /// garbage collections mostly copy live data: measured on `-m -l std` (2.3 GB allocated), they took a third of
    /// the CPU time. The process therefore runs without collections up to a budget (min(4 GiB, a quarter of the
    /// machine's memory); env GOESCAPE_GC_BUDGET_MB overrides it, 0 turns this off); past the budget the GC
    /// resumes as usual.
    /// </summary>
    private static void DeferCollections()
    {
        long budgetMb = Math.Min(4096, GC.GetGCMemoryInfo().TotalAvailableMemoryBytes / 4 / 1048576);
        if (long.TryParse(Environment.GetEnvironmentVariable("GOESCAPE_GC_BUDGET_MB"), out long env)) budgetMb = env;
        if (budgetMb < 64) return;
        try
        {
            GC.TryStartNoGCRegion(budgetMb * 1048576);
        }
        catch (ArgumentOutOfRangeException)
        {
            // more than this runtime allows without a collection: collect as usual
        }
    }
}
