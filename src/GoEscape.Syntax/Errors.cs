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

    /// <summary>The error gc would print first (see <see cref="Sorted"/>).</summary>
    public SyntaxError? First => _errors.Count == 0 ? null : Sorted()[0];

    /// <summary>
    /// Errors in the order gc prints them (models base.FlushErrors: stable sort by src.XPos.Before, then
    /// duplicate lines removed). XPos order compares the position base's index first (bases are numbered in
    /// the order they are first seen, i.e. in error detection order; a //line directive makes a new base),
    /// then the absolute line and column.
    /// </summary>
    public List<SyntaxError> Sorted()
    {
        var baseIndex = new Dictionary<PosBase, int>(ReferenceEqualityComparer.Instance);
        var keyed = new List<(int bi, uint line, uint col, int seq, SyntaxError e)>(_errors.Count);
        for (int i = 0; i < _errors.Count; i++)
        {
            var e = _errors[i];
            int bi = -1;
            if (e.Pos.Base is { } b && !baseIndex.TryGetValue(b, out bi))
            {
                bi = baseIndex.Count;
                baseIndex[b] = bi;
            }
            keyed.Add((bi, e.Pos.Line, e.Pos.Col, i, e));
        }
        keyed.Sort((a, b) =>
        {
            if (a.bi != b.bi) return a.bi < b.bi ? -1 : 1;
            if (a.line != b.line) return a.line < b.line ? -1 : 1;
            if (a.col != b.col) return a.col < b.col ? -1 : 1;
            return a.seq.CompareTo(b.seq);
        });
        var result = new List<SyntaxError>(keyed.Count);
        string? prev = null;
        foreach (var k in keyed)
        {
            var s = k.e.ToString();
            if (s != prev) result.Add(k.e);
            prev = s;
        }
        return result;
    }
}
