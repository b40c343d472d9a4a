using GoEscape.IR;
using GoEscape.IR.Lowering;

namespace GoEscape.Escape;

/// <summary>Models loopvar.LogTransformations (gc.Main runs it after escape analysis): with -json, each per-iteration
/// loop variable as "iteration-variable-to-heap" or "-to-stack", then each transformed loop's whole range as
/// "loop-modified-for" or "loop-modified-range". (Its -d=loopvar=2 lines are not modelled.)</summary>
public static class LoopVarLog
{
    public static void LogTransformations(IReadOnlyList<VarAndLoop> transformed, EscapeLog log)
    {
        if (log.Opts == null) return;
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        var loops = new List<VarAndLoop>();
        foreach (var lv in transformed)
        {
            if (seen.Add(lv.Loop)) loops.Add(lv);
            var n = lv.Name;
            // with -l nothing is inlined, so no name is "(from inline)"
            log.LogOpt(n.Pos, n.Esc == Esc.Heap ? "iteration-variable-to-heap" : "iteration-variable-to-stack", n.ToString());
        }
        foreach (var l in loops)
            log.LogOpt(l.Loop.Pos, l.Loop is ForStmt ? "loop-modified-for" : "loop-modified-range", last: l.LastPos);
    }
}
