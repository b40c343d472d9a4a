namespace GoEscape.Cli;

/// <summary>Entry point logic of the goescape command (kept apart from Main so tests can call it).</summary>
public static class CommandLine
{
    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("usage: goescape check [-goroot DIR] [-tags T] PATTERNS");
        return 2;
    }
}
