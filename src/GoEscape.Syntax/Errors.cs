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
    /// The errors gc would print, in gc's order. Models base.ErrorfAt's filters (only one "syntax error" per
    /// line; equal non-syntax errors on one line once), its stop after 10 errors, and base.FlushErrors (stable
    /// sort by src.XPos.Before, then consecutive duplicates removed). XPos order compares the position base's
    /// index first (bases are numbered in the order they are first seen, i.e. in error detection order; a
    /// //line directive makes a new base), then the absolute line and column. (gc adds a final
    /// "too many errors" line after the 10th; it is not included.)
    /// </summary>
    public List<SyntaxError> Sorted()
    {
        var baseIndex = new Dictionary<PosBase, int>(ReferenceEqualityComparer.Instance);
        var keyed = new List<(int bi, uint line, uint col, int seq, SyntaxError e)>(_errors.Count);
        SyntaxError? lastSyntax = null, lastOther = null;
        for (int i = 0; i < _errors.Count && keyed.Count < 10; i++)
        {
            var e = _errors[i];
            if (e.Msg.StartsWith("syntax error", StringComparison.Ordinal))
            {
                if (lastSyntax != null && SameLine(lastSyntax.Pos, e.Pos)) continue;
                lastSyntax = e;
            }
            else
            {
                if (lastOther != null && SameLine(lastOther.Pos, e.Pos) && lastOther.Msg == e.Msg) continue;
                lastOther = e;
            }
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

    private static bool SameLine(Pos a, Pos b) => ReferenceEquals(a.Base, b.Base) && a.Line == b.Line;
}
