namespace GoEscape.Syntax;

[Flags]
public enum ParseMode
{
    None = 0,
    /// <summary>Check correct use of labels, break, continue, goto (gc's syntax.CheckBranches; gc always sets it).</summary>
    CheckBranches = 1,
    /// <summary>Run gc's noder pragma handler (//go: directives -> Pragmas, with gc's directive errors). Default on.</summary>
    Pragmas = 2,
    /// <summary>What gc's noder uses.</summary>
    Default = CheckBranches | Pragmas,
}
