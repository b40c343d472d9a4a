namespace GoEscape.Cli;

/// <summary>The commands. Each returns the process exit code.</summary>
public static partial class Commands
{
    public static int Check(Options opts, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("goescape check: not implemented yet");
        return 2;
    }

    public static int TypesDump(Options opts, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("goescape typesdump: not implemented yet");
        return 2;
    }
}
