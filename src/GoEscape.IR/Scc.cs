namespace GoEscape.IR;

/// <summary>
/// Models ir.VisitFuncsBottomUp: Tarjan's strongly connected components over the static call graph, so that
/// each function is analyzed after the functions it calls (and mutually recursive ones together).
/// Function literals without captured variables are their own roots; closures join their enclosing SCC.
/// </summary>
public static class Scc
{
    public static void VisitFuncsBottomUp(IEnumerable<Func> list, Action<List<Func>, bool> analyze)
    {
        var v = new Visitor(analyze);
        foreach (var n in list)
            if (!n.IsClosure) v.Visit(n);
    }

    private sealed class Visitor(Action<List<Func>, bool> analyze)
    {
        private uint _visitgen;
        private readonly Dictionary<Func, uint> _nodeID = new(ReferenceEqualityComparer.Instance);
        private readonly List<Func> _stack = [];

        public uint Visit(Func n)
        {
            if (_nodeID.TryGetValue(n, out var id0) && id0 > 0) return id0;

            uint id = ++_visitgen;
            _nodeID[n] = id;
            _visitgen++;
            uint minVisitGen = _visitgen;
            _stack.Add(n);

            void Do(Node? defn)
            {
                // A function of another package (reached through a body inlined from it) is not in this package's
                // graph: gc's imported names have no Defn; ours keep their own package's, already analyzed (Tagged).
                if (defn is Func f && (f.EscState != EscFuncState.Tagged || _nodeID.ContainsKey(f)))
                {
                    uint m = Visit(f);
                    if (m < minVisitGen) minVisitGen = m;
                }
            }

            Walk.Visit(n, x =>
            {
                switch (x)
                {
                    case Name { Class: Class.PFUNC } nm:
                        Do(nm.Defn);
                        break;
                    case SelectorExpr { Op: Op.ODOTMETH or Op.OMETHVALUE or Op.OMETHEXPR } s:
                        Do(IrUtil.MethodExprName(s)?.Defn);
                        break;
                    case ClosureExpr c:
                        Do(c.Func);
                        break;
                }
            });

            if ((minVisitGen == id || minVisitGen == id + 1) && !n.IsClosure)
            {
                bool recursive = minVisitGen == id;
                int i;
                for (i = _stack.Count - 1; i >= 0; i--)
                {
                    var x = _stack[i];
                    _nodeID[x] = uint.MaxValue;
                    if (x == n) break;
                }
                var block = _stack.GetRange(i, _stack.Count - i);
                _stack.RemoveRange(i, _stack.Count - i);
                analyze(block, recursive);
            }
            return minVisitGen;
        }
    }
}
