namespace GoEscape.Cli;

public static partial class Commands
{
    public static int Escape(Options opts, TextWriter stdout, TextWriter stderr)
    {
        stderr.WriteLine("goescape: the escape report is not implemented yet (see issue 3); try `goescape check`");
        return 2;
    }
}
