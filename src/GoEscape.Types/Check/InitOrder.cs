using GoEscape.Syntax;

namespace GoEscape.Types;

// Package initialization order (models types2 initorder.go): a dependency graph over package-level constants,
// variables and functions, with functions eliminated by connecting their callers to their dependencies, processed
// with a priority queue (constants first, then fewest outstanding dependencies, then source order). Cycles among
// variables are reported as gc reports them ("initialization cycle for x").
public sealed partial class Checker
{
    private sealed class GraphNode(GoObject obj, int order)
    {
        public readonly GoObject Obj = obj;
        public readonly int Order = order;
        public readonly HashSet<GraphNode> Pred = new(ReferenceEqualityComparer.Instance);
        public readonly HashSet<GraphNode> Succ = new(ReferenceEqualityComparer.Instance);
        public int Index;
        public int NDeps;
        public int Cost => Pred.Count * Succ.Count;
    }

    private static bool IsDependency(GoObject o) => o is Const or Var or Func;

    /// <summary>models types2.(*Checker).initOrder</summary>
    private void InitOrder()
    {
        Info.InitOrder.Clear();
        var order = new Dictionary<GoObject, int>(ReferenceEqualityComparer.Instance);
        foreach (var obj in _objMap.Keys) order[obj] = order.Count;
        var pq = DependencyGraph(order);
        var heap = new NodeHeap(pq);
        var emitted = new HashSet<DeclInfo>(ReferenceEqualityComparer.Instance);
        while (heap.Count > 0)
        {
            var n = heap.Pop();
            if (n.NDeps > 0)
            {
                var cycle = FindPath(order, n.Obj, n.Obj, new HashSet<GoObject>(ReferenceEqualityComparer.Instance));
                if (cycle != null) ReportInitCycle(cycle);
            }
            foreach (var p in n.Pred)
            {
                p.NDeps--;
                heap.Fix(p.Index);
            }
            if (n.Obj is not Var v || !_objMap.TryGetValue(v, out var info) || !info.HasInitializer) continue;
            if (!emitted.Add(info)) continue;
            Info.InitOrder.Add(new Initializer(info.Lhs ?? [v], info.Init!));
        }
    }

    /// <summary>models types2.findPath: a path of dependencies from from to to, in reverse order, or null.</summary>
    private List<GoObject>? FindPath(Dictionary<GoObject, int> order, GoObject from, GoObject to, HashSet<GoObject> seen)
    {
        if (!seen.Add(from)) return null;
        if (!_objMap.TryGetValue(from, out var d) || d.Deps == null) return null;
        var deps = new List<GoObject>(d.Deps);
        deps.Sort((a, b) => order.GetValueOrDefault(a).CompareTo(order.GetValueOrDefault(b)));
        foreach (var dep in deps)
        {
            if (ReferenceEquals(dep, to)) return [dep];
            var p = FindPath(order, dep, to, seen);
            if (p != null) { p.Add(dep); return p; }
        }
        return null;
    }

    /// <summary>models types2.(*Checker).reportCycle</summary>
    private void ReportInitCycle(List<GoObject> cycle)
    {
        var obj = cycle[0];
        if (cycle.Count == 1)
        {
            Error(PosOfObj(obj), $"initialization cycle: {obj.Name} refers to itself");
            return;
        }
        var sb = new System.Text.StringBuilder($"initialization cycle for {obj.Name}");
        var first = obj;
        for (int j = cycle.Count - 1; j >= 0; j--)
        {
            var next = cycle[j];
            sb.Append($"\n\t{PosOfObj(obj).Format()}: {obj.Name} refers to {next.Name}");
            obj = next;
        }
        Error(PosOfObj(first), sb.ToString());
    }

    /// <summary>models types2.dependencyGraph: the graph of package-level dependencies with functions removed.</summary>
    private List<GraphNode> DependencyGraph(Dictionary<GoObject, int> order)
    {
        var m = new Dictionary<GoObject, GraphNode>(ReferenceEqualityComparer.Instance);
        foreach (var obj in _objMap.Keys)
            if (IsDependency(obj)) m[obj] = new GraphNode(obj, order[obj]);
        foreach (var (obj, n) in m)
        {
            var deps = _objMap[obj].Deps;
            if (deps == null) continue;
            foreach (var d in deps)
            {
                if (!m.TryGetValue(d, out var dn)) continue;
                n.Succ.Add(dn);
                dn.Pred.Add(n);
            }
        }
        var g = new List<GraphNode>();
        var funcG = new List<GraphNode>();
        foreach (var n in m.Values) (n.Obj is Func ? funcG : g).Add(n);
        funcG.Sort((a, b) => a.Cost != b.Cost ? a.Cost.CompareTo(b.Cost) : a.Order.CompareTo(b.Order));
        foreach (var n in funcG)
        {
            foreach (var p in n.Pred)
            {
                if (ReferenceEquals(p, n)) continue;
                foreach (var s in n.Succ)
                {
                    if (ReferenceEquals(s, n)) continue;
                    p.Succ.Add(s);
                    s.Pred.Add(p);
                }
                p.Succ.Remove(n);
            }
            foreach (var s in n.Succ) s.Pred.Remove(n);
        }
        for (int i = 0; i < g.Count; i++)
        {
            g[i].Index = i;
            g[i].NDeps = g[i].Succ.Count;
        }
        return g;
    }

    /// <summary>Binary min-heap of graph nodes with index tracking (container/heap over types2's nodeQueue).</summary>
    private sealed class NodeHeap
    {
        private readonly List<GraphNode> _a;
        public NodeHeap(List<GraphNode> nodes)
        {
            _a = nodes;
            for (int i = _a.Count / 2 - 1; i >= 0; i--) Down(i, _a.Count);
        }
        public int Count => _a.Count;

        private static bool Less(GraphNode x, GraphNode y)
        {
            bool xc = x.Obj is Const, yc = y.Obj is Const;
            if (xc != yc) return xc;
            return x.NDeps < y.NDeps || (x.NDeps == y.NDeps && x.Order < y.Order);
        }

        private void Swap(int i, int j)
        {
            (_a[i], _a[j]) = (_a[j], _a[i]);
            _a[i].Index = i;
            _a[j].Index = j;
        }

        public GraphNode Pop()
        {
            int n = _a.Count - 1;
            Swap(0, n);
            Down(0, n);
            var x = _a[n];
            _a.RemoveAt(n);
            x.Index = -1;
            return x;
        }

        public void Fix(int i)
        {
            if (i < 0) return;
            if (!Down(i, _a.Count)) Up(i);
        }

        private void Up(int j)
        {
            while (true)
            {
                int i = (j - 1) / 2;
                if (i == j || !Less(_a[j], _a[i])) break;
                Swap(i, j);
                j = i;
            }
        }

        private bool Down(int i0, int n)
        {
            int i = i0;
            while (true)
            {
                int j1 = 2 * i + 1;
                if (j1 >= n || j1 < 0) break;
                int j = j1;
                int j2 = j1 + 1;
                if (j2 < n && Less(_a[j2], _a[j1])) j = j2;
                if (!Less(_a[j], _a[i])) break;
                Swap(i, j);
                i = j;
            }
            return i > i0;
        }
    }
}
