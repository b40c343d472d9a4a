namespace GoEscape.IR;

/// <summary>
/// A failure of GoEscape itself (a bug, never an error in the analyzed code) while compiling one function of one
/// package. It is never caught and turned into something else: the stage that knows the function wraps the original
/// exception (<see cref="Exception.InnerException"/>) with the package path and the function name, the driver
/// withholds the reports that depend on the package, and the command prints <see cref="Line"/> and exits 3.
/// </summary>
public sealed class InternalErrorException : Exception
{
    /// <summary>Import path of the package being compiled (null until the driver, which knows it, fills it in).</summary>
    public string? Package { get; }
    /// <summary>The function being lowered or analyzed, as gc names it (F, T.M, (*T).M, init); null when the failure
    /// is not inside one function (e.g. while type-checking).</summary>
    public string? Function { get; }

    public InternalErrorException(string? package, string? function, Exception inner)
        : base(Describe(package, function, inner), inner)
    {
        Package = package;
        Function = function;
    }

    /// <summary>Wraps a failure raised while compiling <paramref name="function"/> of <paramref name="package"/>. An
    /// <see cref="InternalErrorException"/> raised deeper (which knows the function better) keeps its function; a
    /// non-null <paramref name="package"/> replaces its package (the driver names packages as their reports do).</summary>
    public static InternalErrorException Wrap(string? package, string? function, Exception e)
    {
        if (e is not InternalErrorException ie) return new InternalErrorException(package, function, e);
        if (package == null || package == ie.Package) return ie;
        return new InternalErrorException(package, ie.Function ?? function, ie.InnerException!);
    }

    /// <summary>The one line the command prints: "goescape: internal error: PKG: FUNC: TYPE: MESSAGE".</summary>
    public string Line => "goescape: internal error: " + Message;

    private static string Describe(string? package, string? function, Exception inner)
    {
        var s = "";
        if (package != null) s += package + ": ";
        // a function name stays readable (an instance's name can carry thousands of characters of shapes)
        if (function != null) s += (function.Length > 200 ? function[..200] + "..." : function) + ": ";
        // one line: the first line of the inner message
        var msg = inner.Message;
        int nl = msg.IndexOf('\n');
        if (nl >= 0) msg = msg[..nl].TrimEnd('\r');
        return s + inner.GetType().Name + ": " + msg;
    }
}
