namespace GoEscape.Cli;

public static class Program
{
    public static int Main(string[] args)
    {
        try
        {
            return CommandLine.Run(args, Console.Out, Console.Error);
        }
        catch (Exception e) when (Environment.GetEnvironmentVariable("GOESCAPE_DEBUG") != "1")
        {
            // A failure of ours is reported as one line, never as a stack trace (GOESCAPE_DEBUG=1 shows it).
            Console.Error.WriteLine($"goescape: internal error: {e.GetType().Name}: {e.Message}");
            return 3;
        }
    }
}
