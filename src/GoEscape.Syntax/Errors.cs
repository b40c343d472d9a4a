namespace GoEscape.Syntax;

/// <summary>A syntax (or directive) error at a position, with gc's message text.</summary>
public sealed record SyntaxError(Pos Pos, string Msg)
{
    /// <summary>"file:line:col: msg" as gc prints it (relative position).</summary>
    public override string ToString() => $"{Pos.Format()}: {Msg}";
}

/// <summary>Receives errors in the order the scanner/parser detects them (gc sorts by position before printing:
/// use <see cref="First"/> for the error gc prints first).</summary>
public class ErrorSink
{
    private readonly List<SyntaxError> _errors = new();
    private readonly Action<SyntaxError>? _onError;

    public ErrorSink(Action<SyntaxError>? onError = null) => _onError = onError;

    public IReadOnlyList<SyntaxError> Errors => _errors;
    public int Count => _errors.Count;

    public virtual void Report(SyntaxError e)
    {
        _errors.Add(e);
        _onError?.Invoke(e);
    }

    /// <summary>The error gc would print first: smallest (file, line, col), first reported among equals.</summary>
    public SyntaxError? First
    {
        get
        {
            SyntaxError? best = null;
            foreach (var e in _errors)
            {
                if (best == null || Compare(e.Pos, best.Pos) < 0) best = e;
            }
            return best;
        }
    }

    /// <summary>Errors sorted like gc's base.FlushErrors (stable by position, duplicates removed).</summary>
    public List<SyntaxError> Sorted()
    {
        var list = new List<SyntaxError>(_errors);
        var idx = new Dictionary<SyntaxError, int>(ReferenceEqualityComparer.Instance);
        for (int i = 0; i < list.Count; i++) idx[list[i]] = i;
        list.Sort((a, b) =>
        {
            int c = Compare(a.Pos, b.Pos);
            return c != 0 ? c : idx[a].CompareTo(idx[b]);
        });
        var result = new List<SyntaxError>(list.Count);
        string? prev = null;
        foreach (var e in list)
        {
            var s = e.ToString();
            if (s != prev) result.Add(e);
            prev = s;
        }
        return result;
    }

    // gc (cmd/internal/src XPos.Before via base.FlushErrors) orders by relative filename, line, column.
    private static int Compare(Pos a, Pos b)
    {
        int c = string.CompareOrdinal(a.RelFilename, b.RelFilename);
        if (c != 0) return c;
        if (a.RelLine != b.RelLine) return a.RelLine < b.RelLine ? -1 : 1;
        if (a.RelCol != b.RelCol) return a.RelCol < b.RelCol ? -1 : 1;
        return 0;
    }
}
