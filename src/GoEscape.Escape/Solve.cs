using System.Text;
using GoEscape.IR;

namespace GoEscape.Escape;

internal sealed partial class Batch
{
    public Hole HeapHole() => HeapLoc.AsHole();
    public Hole MutatorHole() => MutatorLoc.AsHole();
    public Hole CalleeHole() => CalleeLoc.AsHole();
    public Hole DiscardHole() => BlankLoc.AsHole();

    /// <summary>Models batch.oldLoc: the location of a (canonical) variable.</summary>
    public Location OldLoc(Name n)
        => n.Canonical().Opt as Location ?? throw new InvalidOperationException($"{n.Sym} has no location");

    /// <summary>Models batch.flow: adds an edge k.dst &lt;- src (or short-circuits flows of addresses into escaping locations).</summary>
    public void Flow(Hole k, Location src)
    {
        if (k.Addrtaken) src.Addrtaken = true;

        var dst = k.Dst;
        if (dst == BlankLoc) return;
        if (dst == src && k.Derefs >= 0) return; // dst = dst, dst = *dst, ...
        if (dst.HasAttr(LocAttr.Escapes) && k.Derefs < 0) // dst = &src
        {
            if (Opts.M >= 2 || Opts.LogOpt || Record)
            {
                var pos = src.N!.Pos;
                if (Opts.M >= 2) Log.Print(pos, $" {src.N} escapes to heap in {Func.FuncName(src.Curfn)}:");
                var explanation = Opts.LogOpt || Record ? new List<LoggedOpt>() : null;
                ExplainFlow(pos, dst, src, k.Derefs, k.Notes, explanation);
                if (Opts.LogOpt) Log.LogOpt(pos, "escapes", $"{src.N} escapes to heap", explanation);
                if (Record) src.EscapeFlow ??= explanation;
            }
            src.Attrs |= LocAttr.All;
            return;
        }

        // TODO(mdempsky): Deduplicate edges?
        dst.Edges.Add(new Edge(src, k.Derefs, k.Notes));
    }

    /// <summary>
    /// Models batch.walkAll: computes the minimal dereferences between all pairs of locations, propagating
    /// attributes until a fixed point. Roots are processed LIFO from the front of a deque, with escaping
    /// locations re-queued at the front (gc's exact order, which determines the -m=2 explanations).
    /// </summary>
    private void WalkAll()
    {
        var todo = new LocQueue(AllLocs.Count + 3);

        void Enqueue(Location loc)
        {
            if (!loc.QueuedWalkAll)
            {
                loc.QueuedWalkAll = true;
                if (loc.HasAttr(LocAttr.Escapes)) todo.PushFront(loc);
                else todo.PushBack(loc);
            }
        }

        foreach (var loc in AllLocs)
        {
            todo.PushFront(loc);
            loc.QueuedWalkAll = true;
        }
        todo.PushFront(MutatorLoc);
        todo.PushFront(CalleeLoc);
        todo.PushFront(HeapLoc);
        MutatorLoc.QueuedWalkAll = true;
        CalleeLoc.QueuedWalkAll = true;
        HeapLoc.QueuedWalkAll = true;

        uint walkgen = 0;
        while (todo.Count > 0)
        {
            var root = todo.PopFront();
            root.QueuedWalkAll = false;
            walkgen++;
            WalkOne(root, walkgen, Enqueue);
        }
    }

    /// <summary>Models batch.walkOne: shortest-path (in derefs) walk from root over incoming edges.</summary>
    private void WalkOne(Location root, uint walkgen, Action<Location> enqueue)
    {
        // The data flow graph has negative edges (from addressing operations), so we use the Bellman-Ford
        // algorithm. However, we don't have to worry about infinite negative cycles since we bound
        // intermediate dereference counts to 0.
        root.Walkgen = walkgen;
        root.Derefs = 0;
        root.Dst = null;

        if (root.HasAttr(LocAttr.Calls) && root.N is ClosureExpr clo)
        {
            var fn = clo.Func;
            if (InMutualBatch(fn.Nname) && !fn.ClosureResultsLost)
            {
                fn.ClosureResultsLost = true;
                // Re-flow from the closure's results, now that we're aware we lost track of them.
                foreach (var result in fn.Signature.Results) enqueue(OldLoc(result.Nname!));
            }
        }

        var todo = new LocQueue(1);
        todo.PushFront(root);

        while (todo.Count > 0)
        {
            var l = todo.PopFront();
            l.QueuedWalkOne = 0; // no longer queued for walkOne

            int derefs = l.Derefs;
            var newAttrs = LocAttr.None;

            // If l.derefs < 0, then l's address flows to root.
            bool addressOf = derefs < 0;
            if (addressOf)
            {
                // For a flow path like "root = &l; l = x", l's address flows to root, but x's does not. We
                // recognize this by lower bounding derefs at 0.
                derefs = 0;

                // If l's address flows somewhere that outlives it, then l needs to be heap allocated.
                if (Outlives(root, l))
                {
                    if (!l.HasAttr(LocAttr.Escapes) && (Opts.M >= 2 || Opts.LogOpt || Record))
                    {
                        if (Opts.M >= 2) Log.Print(l.N!.Pos, $" {l.N} escapes to heap in {Func.FuncName(l.Curfn)}:");
                        var explanation = ExplainPath(root, l);
                        if (Opts.LogOpt) Log.LogOpt(l.N!.Pos, "escape", $"{l.N} escapes to heap", explanation);
                        if (Record) l.EscapeFlow ??= explanation;
                    }
                    newAttrs |= LocAttr.All;
                }
                else if (root.HasAttr(LocAttr.Persists))
                {
                    // If l's address flows to a persistent location, then l needs to persist too.
                    newAttrs |= LocAttr.Persists;
                }
            }

            if (derefs == 0) newAttrs |= root.Attrs & (LocAttr.Mutates | LocAttr.Calls);

            // l's value flows to root. If l is a function parameter and root is the heap or a corresponding
            // result parameter, then record that value flow for tagging the function later.
            if (l.Param)
            {
                if (Outlives(root, l))
                {
                    List<LoggedOpt>? explanation = null;
                    if (!l.HasAttr(LocAttr.Escapes) && (Opts.M >= 2 || Opts.LogOpt || Record))
                    {
                        if (Opts.M >= 2) Log.Print(l.N!.Pos, $" parameter {l.N} leaks to {ExplainLoc(root)} for {Func.FuncName(l.Curfn)} with derefs={derefs}:");
                        explanation = ExplainPath(root, l);
                        if (Opts.LogOpt) Log.LogOpt(l.N!.Pos, "leak", $"parameter {l.N} leaks to {ExplainLoc(root)} with derefs={derefs}", explanation);
                    }
                    int to = l.LeakTo(root, derefs);
                    if (Record && explanation != null) (l.LeakFlows ??= []).Add((to, derefs, explanation));
                }
                if (root.HasAttr(LocAttr.Mutates)) l.ParamEsc.AddMutator(derefs);
                if (root.HasAttr(LocAttr.Calls)) l.ParamEsc.AddCallee(derefs);
            }

            if ((newAttrs & ~l.Attrs) != 0)
            {
                l.Attrs |= newAttrs;
                enqueue(l);
                if ((l.Attrs & LocAttr.Escapes) != 0) continue;
            }

            var edges = l.Edges;
            for (int i = 0; i < edges.Count; i++)
            {
                var edge = edges[i];
                var src = edge.Src;
                if (src.HasAttr(LocAttr.Escapes)) continue;
                int d = derefs + edge.Derefs;
                if (src.Walkgen != walkgen || src.Derefs > d)
                {
                    src.Walkgen = walkgen;
                    src.Derefs = d;
                    src.Dst = l;
                    src.DstEdgeIdx = i;
                    if (src.QueuedWalkOne != walkgen)
                    {
                        src.QueuedWalkOne = walkgen; // Mark queued for this walkgen.
                        // Place at the back to possibly give time for other possible attribute changes to src.
                        todo.PushBack(src);
                    }
                }
            }
        }
    }

    /// <summary>Models batch.explainPath: prints the flow path from src back to root (-m=2) and returns it as
    /// "escflow" log entries (-json; null when that is off).</summary>
    private List<LoggedOpt>? ExplainPath(Location root, Location src)
    {
        var explanation = Opts.LogOpt || Record ? new List<LoggedOpt>() : null;
        var visited = new HashSet<Location>(ReferenceEqualityComparer.Instance);
        var pos = src.N!.Pos;
        while (true)
        {
            // Prevent infinite loop.
            if (!visited.Add(src))
            {
                if (Opts.M >= 2) Log.Print(pos, "   warning: truncated explanation due to assignment cycle; see golang.org/issue/35518");
                break;
            }
            var dst = src.Dst!;
            var edge = dst.Edges[src.DstEdgeIdx];
            if (edge.Src != src) throw new InvalidOperationException("path inconsistency");

            ExplainFlow(pos, dst, src, edge.Derefs, edge.Notes, explanation);
            if (dst == root) break;
            src = dst;
        }
        return explanation;
    }

    private void ExplainFlow(XPos pos, Location dst, Location srcloc, int derefs, Note? notes, List<LoggedOpt>? explanation)
    {
        var ops = derefs >= 0 ? new string('*', derefs) : "&";
        var flow = $"   flow: {ExplainLoc(dst)} ← {ops}{ExplainLoc(srcloc)}:";
        bool print = Opts.M >= 2;
        if (print) Log.Print(pos, flow);
        if (explanation != null)
        {
            // logopt: at the first note's node, else at the source's
            var epos = notes != null ? notes.Where.Pos : srcloc?.N != null ? srcloc.N.Pos : default;
            explanation.Add(new LoggedOpt(epos, epos, "escflow", flow) { Func = FlowFunc(srcloc, dst) });
        }
        for (var note = notes; note != null; note = note.Next)
        {
            if (print) Log.Print(pos, $"     from {note.Where} ({note.Why}) at {note.Where.Pos}");
            explanation?.Add(new LoggedOpt(note.Where.Pos, note.Where.Pos, "escflow", $"     from {note.Where} ({note.Why})"));
        }
    }

    /// <summary>The function a flow step is in, for the report: its source's, else its destination's (the heap has none).</summary>
    private static string? FlowFunc(Location? src, Location dst)
    {
        var f = src?.Curfn ?? dst.Curfn;
        return f == null ? null : Func.FuncName(f);
    }

    private string ExplainLoc(Location l)
    {
        if (l == HeapLoc) return "{heap}";
        if (l.N == null) return "{temp}"; // TODO(mdempsky): Omit entirely.
        if (l.N.Op == Op.ONAME) return l.N.ToString();
        return "{storage for " + l.N + "}";
    }

    /// <summary>Models batch.outlives: whether values stored in l may survive beyond other's lifetime if stack allocated.</summary>
    private bool Outlives(Location l, Location other)
    {
        // The heap outlives everything.
        if (l.HasAttr(LocAttr.Escapes)) return true;

        // Pseudo-locations that don't really exist.
        if (l == MutatorLoc || l == CalleeLoc) return false;

        // We don't know what callers do with returned values, so pessimistically we need to assume they
        // flow to the heap and outlive everything too.
        if (l.ParamOut)
        {
            // Exception: Closures can return locations allocated outside of them without forcing them to
            // the heap, if we can statically identify all call sites.
            if (Func.ContainsClosure(other.Curfn!, l.Curfn!) && !l.Curfn!.ClosureResultsLost) return false;
            return true;
        }

        // If l and other are within the same function, then l outlives other if it was declared outside
        // other's loop scope.
        if (l.Curfn == other.Curfn && l.LoopDepth < other.LoopDepth) return true;

        // If other is declared within a child closure of where l is declared, then l outlives it.
        if (Func.ContainsClosure(l.Curfn!, other.Curfn!)) return true;

        return false;
    }
}

/// <summary>A ring-buffer deque of locations with gc's growth behaviour (escape.queue).</summary>
internal sealed class LocQueue
{
    private Location[] _locs;
    private int _head, _tail, _elems;

    public LocQueue(int capacity)
    {
        capacity = Math.Max(capacity, 2);
        _locs = new Location[(int)System.Numerics.BitOperations.RoundUpToPowerOf2((uint)capacity)];
    }

    public int Count => _elems;

    public void PushFront(Location loc)
    {
        if (_elems == _locs.Length) Grow();
        _head = Wrap(_head - 1);
        _locs[_head] = loc;
        _elems++;
    }

    public void PushBack(Location loc)
    {
        if (_elems == _locs.Length) Grow();
        _locs[_tail] = loc;
        _tail = Wrap(_tail + 1);
        _elems++;
    }

    public Location PopFront()
    {
        var loc = _locs[_head];
        _head = Wrap(_head + 1);
        _elems--;
        return loc;
    }

    private void Grow()
    {
        var n = new Location[_locs.Length * 2];
        for (int i = 0; i < _elems; i++) n[i] = _locs[Wrap(_head + i)];
        _locs = n;
        _head = 0;
        _tail = _elems;
    }

    private int Wrap(int i) => i & (_locs.Length - 1);
}
