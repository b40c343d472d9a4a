using GoEscape.IR;

namespace GoEscape.Escape;

/// <summary>Location attributes (escape.locAttr).</summary>
[Flags]
internal enum LocAttr : byte
{
    None = 0,
    /// <summary>Its address flows to the heap: must be heap allocated.</summary>
    Escapes = 1 << 0,
    /// <summary>Its address outlives the statement it was created by (not transient).</summary>
    Persists = 1 << 1,
    /// <summary>Its pointee may be written (for param tags).</summary>
    Mutates = 1 << 2,
    /// <summary>Its value may be called (for param tags).</summary>
    Calls = 1 << 3,
    All = Escapes | Persists | Mutates | Calls,
}

/// <summary>An abstract storage location: a variable or an allocation expression (escape.location).</summary>
internal sealed class Location
{
    public Node? N;          // represented variable or expression, if any
    public Func? Curfn;      // enclosing function
    public readonly List<Edge> Edges = []; // incoming edges
    public int LoopDepth;    // loopDepth at declaration
    public int ResultIndex;  // 1-based index of a result parameter, 0 otherwise

    // walkOne state
    public int Derefs;
    public uint Walkgen;
    public Location? Dst;
    public int DstEdgeIdx;
    public bool QueuedWalkAll;
    public uint QueuedWalkOne;

    public LocAttr Attrs;
    public Leaks ParamEsc;

    public bool Captured, Reassigned, Addrtaken, Param, ParamOut;

    /// <summary>The report's records (EscapeOptions.Record): the first explanation logged for this location's escape.</summary>
    public List<LoggedOpt>? EscapeFlow;
    /// <summary>The report's records: each explanation logged for this parameter's leaks, with where LeakTo put it
    /// (-1 the heap, else the result index) and its derefs.</summary>
    public List<(int To, int Derefs, List<LoggedOpt> Flow)>? LeakFlows;

    /// <summary>The explanation of a leak to the heap (result -1) or to result i with the tag's derefs: the first logged
    /// with those derefs, else the first to there; null if none was logged.</summary>
    public List<LoggedOpt>? LeakFlow(int result, int derefs)
    {
        if (LeakFlows == null) return null;
        foreach (var l in LeakFlows) if (l.To == result && l.Derefs == derefs) return l.Flow;
        foreach (var l in LeakFlows) if (l.To == result) return l.Flow;
        return null;
    }

    public bool HasAttr(LocAttr a) => (Attrs & a) != 0;

    public Hole AsHole() => new(this);

    public bool IsName(Class c) => N is Name n && n.Class == c;

    /// <summary>Models location.leakTo: record that this parameter leaks to sink with the given derefs.</summary>
    /// <returns>Where it was recorded: the result index, or -1 for the heap.</returns>
    public int LeakTo(Location sink, int derefs)
    {
        // If sink is a result parameter of our own function and it doesn't escape, we can just leak to the result.
        if (!sink.HasAttr(LocAttr.Escapes) && sink.IsName(Class.PPARAMOUT) && sink.Curfn == Curfn)
        {
            int ri = sink.ResultIndex - 1;
            if (ri < Leaks.NumEscResults)
            {
                ParamEsc.AddResult(ri, derefs);
                return ri;
            }
        }
        ParamEsc.AddHeap(derefs);
        return -1;
    }

    public override string ToString() => N?.ToString() ?? "{temp}";
}

/// <summary>A directed edge src -> dst with a deref count (escape.edge). Stored on the destination.</summary>
internal readonly record struct Edge(Location Src, int Derefs, Note? Notes);

/// <summary>An explanation note for -m=2 (escape.note): where a flow happened and why.</summary>
internal sealed record Note(Note? Next, Node Where, string Why);

/// <summary>
/// A context for evaluating an expression (escape.hole): the location its value flows to, with how many
/// dereferences (-1 = address-of). Holes are values.
/// </summary>
internal readonly struct Hole
{
    public readonly Location Dst;
    public readonly int Derefs; // >= -1
    public readonly Note? Notes;
    /// <summary>Whether this hole's flow takes the address of its source.</summary>
    public readonly bool Addrtaken;

    public Hole(Location dst) { Dst = dst; Derefs = 0; Notes = null; Addrtaken = false; }
    private Hole(Location dst, int derefs, Note? notes, bool addrtaken) { Dst = dst; Derefs = derefs; Notes = notes; Addrtaken = addrtaken; }

    public Hole WithDst(Location dst) => new(dst, Derefs, Notes, Addrtaken);

    /// <summary>Models hole.note; notes are only kept when explanations are printed (-m=2).</summary>
    public Hole Note(Node where, string why, bool keep)
        => keep ? new Hole(Dst, Derefs, new Note(Notes, where, why), Addrtaken) : this;

    public Hole Shift(int delta)
    {
        int d = Derefs + delta;
        if (d < -1) throw new InvalidOperationException($"derefs underflow: {d}");
        return new Hole(Dst, d, Notes, delta < 0);
    }
}
