namespace GoEscape.Syntax;

/// <summary>
/// A source position: absolute 1-based line and 1-based byte column in the file (tabs count one column),
/// the 0-based byte offset in the file, and the <see cref="PosBase"/> (file or //line directive) that
/// gives the relative (printed) position. Models gc's syntax.Pos (cmd/compile/internal/syntax/pos.go).
/// The default value is the unknown position (Line == 0).
/// </summary>
public readonly struct Pos : IEquatable<Pos>, IComparable<Pos>
{
    /// <summary>Largest line or column value representable; larger values saturate (gc's PosMax).</summary>
    public const uint PosMax = 1u << 30;

    public readonly PosBase? Base;
    public readonly uint Line;
    public readonly uint Col;
    /// <summary>0-based byte offset of this position in the file content (-1 if unknown).</summary>
    public readonly int Offset;

    public Pos(PosBase? b, uint line, uint col, int offset = -1)
    {
        Base = b;
        Line = line > PosMax ? PosMax : line;
        Col = col > PosMax ? PosMax : col;
        Offset = offset;
    }

    public bool IsKnown => Line > 0;

    /// <summary>The PosBase of the file containing this position, skipping //line bases.</summary>
    public PosBase? FileBase
    {
        get
        {
            var b = Base;
            while (b != null && !b.IsFileBase) b = b.Pos.Base;
            return b;
        }
    }

    public string RelFilename => Base?.Filename ?? "";

    /// <summary>Largest line gc can record (cmd/internal/src lineMax, 20 bits); later lines saturate to it.</summary>
    public const uint LicoLineMax = (1u << 20) - 2;
    /// <summary>gc's colMax (8 column bits): a column at or past it is recorded as unknown and never printed.</summary>
    public const uint LicoColMax = (1u << 8) - 1;

    // models cmd/internal/src.makeLico: gc stores every position in a 32-bit lico; a line past lineMax
    // saturates and drops the column, a column past colMax saturates to colMax.
    private static uint LicoLine(uint line) => line >= LicoLineMax ? LicoLineMax : line;
    private static uint LicoCol(uint line, uint col) => line >= LicoLineMax ? 0 : col > LicoColMax ? LicoColMax : col;

    /// <summary>
    /// Line as printed by gc (relative to a //line directive, if any), computed from gc's saturated
    /// (lico) absolute lines as cmd/internal/src.Pos.RelLine does. 0 = unknown.
    /// </summary>
    public uint RelLine
    {
        get
        {
            var b = Base;
            if (b == null || b.Line == 0) return 0;
            return b.Line + (LicoLine(Line) - LicoLine(b.Pos.Line));
        }
    }

    /// <summary>
    /// Column as printed by gc (relative to a //line directive, if any), or 0 when gc prints no column:
    /// unknown, or at or past colMax (cmd/internal/src.Pos.RelCol on lico values, then src.format's
    /// `0 &lt; col &amp;&amp; col &lt; colMax` test).
    /// </summary>
    public uint RelCol
    {
        get
        {
            var b = Base;
            if (b == null || b.Col == 0) return 0;
            uint col = LicoCol(Line, Col);
            if (LicoLine(Line) == LicoLine(b.Pos.Line)) col = b.Col + (col - LicoCol(b.Pos.Line, b.Pos.Col));
            return col >= LicoColMax ? 0 : col;
        }
    }

    /// <summary>A position <paramref name="n"/> bytes further on the same line.</summary>
    public Pos Shift(int n) => new(Base, Line, (uint)(Col + n), Offset < 0 ? -1 : Offset + n);

    /// <summary>Compares like gc's Pos.Cmp: relative filename, then absolute line and column.</summary>
    public int CompareTo(Pos q)
    {
        int c = string.CompareOrdinal(RelFilename, q.RelFilename);
        if (c != 0) return c < 0 ? -1 : 1;
        if (Line != q.Line) return Line < q.Line ? -1 : 1;
        if (Col != q.Col) return Col < q.Col ? -1 : 1;
        return 0;
    }

    public bool Equals(Pos o) => ReferenceEquals(Base, o.Base) && Line == o.Line && Col == o.Col;
    public override bool Equals(object? obj) => obj is Pos p && Equals(p);
    public override int GetHashCode() => HashCode.Combine(Base, Line, Col);
    public static bool operator ==(Pos a, Pos b) => a.Equals(b);
    public static bool operator !=(Pos a, Pos b) => !a.Equals(b);

    /// <summary>"file:line:col" relative form as gc prints it (column omitted when unknown).</summary>
    public string Format(bool showCol = true)
    {
        uint line = RelLine, col = RelCol;
        string file = RelFilename;
        if (line == 0) return file.Length == 0 ? "<unknown position>" : file;
        if (col == 0 || !showCol) return $"{file}:{line}";
        return $"{file}:{line}:{col}";
    }

    /// <summary>Like gc's Pos.String: relative position, followed by [absolute] if they differ.</summary>
    public override string ToString()
    {
        string rel = Format();
        if (Base == null) return rel;
        string absFile = Base.Pos.Base?.Filename ?? "";
        string absStr = Line == 0 ? (absFile.Length == 0 ? "<unknown position>" : absFile) : $"{absFile}:{Line}:{Col}";
        return rel == absStr ? rel : rel + "[" + absStr + "]";
    }
}

/// <summary>
/// The base for relative position information (gc's syntax.PosBase). A file base is relative to itself
/// (its Pos is file:1:1); a line base comes from a //line or /*line*/ directive and is positioned at the
/// character immediately following the directive comment.
/// </summary>
public sealed class PosBase
{
    private Pos _pos;
    public string Filename { get; }
    /// <summary>Line of the base (0 = unknown).</summary>
    public uint Line { get; }
    /// <summary>Column of the base (0 = unknown: the directive had no column).</summary>
    public uint Col { get; }
    public bool Trimmed { get; }

    private PosBase(string filename, uint line, uint col, bool trimmed)
    {
        Filename = filename;
        Line = line > Pos.PosMax ? Pos.PosMax : line;
        Col = col > Pos.PosMax ? Pos.PosMax : col;
        Trimmed = trimmed;
    }

    /// <summary>Position of the base itself (for a file base: file:1:1 in itself).</summary>
    public Pos Pos => _pos;

    public static PosBase NewFileBase(string filename, bool trimmed = false)
    {
        var b = new PosBase(filename, 1, 1, trimmed);
        b._pos = new Pos(b, 1, 1, 0);
        return b;
    }

    public static PosBase NewLineBase(Pos pos, string filename, bool trimmed, uint line, uint col)
    {
        var b = new PosBase(filename, line, col, trimmed) { _pos = pos };
        return b;
    }

    public bool IsFileBase => ReferenceEquals(_pos.Base, this);

    public override string ToString() => $"PosBase({Filename}:{Line}:{Col})";
}
