using GoEscape.Syntax;

namespace GoEscape.Types;

// Instantiation cycles (models types2 mono.go): gc monomorphizes generic code, so a type parameter may not be
// instantiated, directly or through other type parameters, with a type that contains it (f[T] calling f[*T]).
// Vertices are the package's type parameters and its local named types that are implicitly parameterized by
// enclosing type parameters; an edge dst <- src of weight w says that dst is instantiated with a type that contains
// src w levels deep (0 if it is src itself). A cycle of positive weight is an instantiation cycle.
public sealed partial class Checker
{
    private sealed class MonoVertex
    {
        public int Weight;  // weight of the heaviest known path to this vertex
        public int Pre;     // previous edge on that path
        public int Len;     // length of that path
        public required TypeName Obj;
    }

    private readonly record struct MonoEdge(int Dst, int Src, int Weight, Pos Pos, GoType Typ);

    private readonly List<MonoVertex> _monoVertices = new();
    private readonly List<MonoEdge> _monoEdges = new();
    private readonly Dictionary<TypeName, int> _monoNameIdx = new(ReferenceEqualityComparer.Instance);

    /// <summary>Models types2.(*Checker).monomorph: longest-path relaxation; a path as long as the vertex count
    /// contains a cycle, which must be of positive weight.</summary>
    private void Monomorph()
    {
        bool again = true;
        while (again)
        {
            again = false;
            for (int i = 0; i < _monoEdges.Count; i++)
            {
                var edge = _monoEdges[i];
                var src = _monoVertices[edge.Src];
                var dst = _monoVertices[edge.Dst];
                int w = src.Weight + edge.Weight;
                if (w <= dst.Weight) continue;
                dst.Pre = i;
                dst.Len = src.Len + 1;
                if (dst.Len == _monoVertices.Count)
                {
                    ReportInstanceLoop(edge.Dst);
                    return;
                }
                dst.Weight = w;
                again = true;
            }
        }
    }

    /// <summary>Models types2.(*Checker).reportInstanceLoop.</summary>
    private void ReportInstanceLoop(int v)
    {
        var stack = new List<int>();
        var seen = new bool[_monoVertices.Count];
        while (!seen[v])
        {
            stack.Add(v);
            seen[v] = true;
            v = _monoEdges[_monoVertices[v].Pre].Src;
        }
        int first = stack.IndexOf(v);
        stack.RemoveRange(0, first);
        // the path is backwards; report in source order of the edges
        var sb = new System.Text.StringBuilder("instantiation cycle:");
        var obj0 = _monoVertices[v].Obj;
        foreach (var u in stack)
        {
            var edge = _monoEdges[_monoVertices[u].Pre];
            var obj = _monoVertices[edge.Dst].Obj;
            string how = obj.Type is TypeParam ? "instantiated as" : "implicitly parameterized by";
            sb.Append($"\n\t{edge.Pos.Format()}: {obj.Name} {how} {TS(edge.Typ)}");
        }
        Error(PosOfObj(obj0), sb.ToString());
    }

    /// <summary>Models monoGraph.recordInstance: records that tparams were instantiated with targs at pos (or at the
    /// explicit type argument expressions xlist).</summary>
    private void MonoRecordInstance(Pos pos, IReadOnlyList<TypeParam> tparams, IReadOnlyList<GoType> targs, List<Expr>? xlist)
    {
        for (int i = 0; i < tparams.Count && i < targs.Count; i++)
        {
            var p = xlist != null && i < xlist.Count ? AtPos(xlist[i]) : pos;
            MonoAssign(p, tparams[i], targs[i]);
        }
    }

    /// <summary>Models monoGraph.assign: adds an edge to tpar from each type parameter (or implicitly parameterized
    /// local type) that occurs in targ.</summary>
    private void MonoAssign(Pos pos, TypeParam tpar, GoType targ)
    {
        if (!ReferenceEquals(tpar.Obj.Pkg, _pkg)) return;
        void Flow(int src, GoType typ) =>
            _monoEdges.Add(new MonoEdge(MonoTypeParamVertex(tpar), src, ReferenceEquals(typ, targ) ? 0 : 1, pos, targ));

        void Do(GoType? typ, int depth)
        {
            if (typ is null || depth > 10000) return;
            switch (Unalias(typ))
            {
                case TypeParam tp:
                    if (ReferenceEquals(tp.Obj.Pkg, _pkg)) Flow(MonoTypeParamVertex(tp), tp);
                    break;
                case Named n:
                    int src = MonoLocalNamedVertex(n.Origin);
                    if (src >= 0) Flow(src, n);
                    for (int i = 0; i < n.TypeArgs.Len; i++) Do(n.TypeArgs.At(i), depth + 1);
                    break;
                case Array a: Do(a.Elem, depth + 1); break;
                case Chan c: Do(c.Elem, depth + 1); break;
                case Map m: Do(m.Key, depth + 1); Do(m.Elem, depth + 1); break;
                case Pointer p: Do(p.Elem, depth + 1); break;
                case Slice s: Do(s.Elem, depth + 1); break;
                case Interface it:
                    for (int i = 0; i < it.NumMethods; i++) Do(it.Method(i).Type, depth + 1);
                    break;
                case Signature sig:
                    foreach (var v in sig.Params.Variables) Do(v.Type, depth + 1);
                    foreach (var v in sig.Results.Variables) Do(v.Type, depth + 1);
                    break;
                case Struct st:
                    foreach (var f in st.Fields) Do(f.Type, depth + 1);
                    break;
            }
        }
        Do(targ, 0);
    }

    /// <summary>Models monoGraph.localNamedVertex: a type declared inside a generic function is implicitly
    /// parameterized by the type parameters in scope at its declaration; -1 for other types.</summary>
    private int MonoLocalNamedVertex(Named named)
    {
        var obj = named.Obj;
        if (!ReferenceEquals(obj.Pkg, _pkg)) return -1;
        var root = _pkg.Scope;
        if (obj.Parent == null || ReferenceEquals(obj.Parent, root)) return -1;
        if (_monoNameIdx.TryGetValue(obj, out int idx)) return idx;
        idx = -1;
        for (var scope = obj.Parent; scope != null && !ReferenceEquals(scope, root); scope = scope.Parent)
        {
            foreach (var name in scope.Names())
            {
                if (scope.Lookup(name) is TypeName elem && !elem.IsAlias && elem.Pos.IsKnown && obj.Pos.IsKnown
                    && ComparePos(elem.Pos, obj.Pos) < 0 && elem.Type is TypeParam tpar)
                {
                    if (idx < 0)
                    {
                        idx = _monoVertices.Count;
                        _monoVertices.Add(new MonoVertex { Obj = obj });
                    }
                    _monoEdges.Add(new MonoEdge(idx, MonoTypeParamVertex(tpar), 1, PosOfObj(obj), tpar));
                }
            }
        }
        _monoNameIdx[obj] = idx;
        return idx;
    }

    private static int ComparePos(SourcePos a, SourcePos b) =>
        a.Line != b.Line ? a.Line.CompareTo(b.Line) : a.Col.CompareTo(b.Col);

    /// <summary>Models monoGraph.typeParamVertex (with its canon map: a method's receiver type parameters and the
    /// fresh type parameters of substituted generic signatures stand for the ones they were made from).</summary>
    private int MonoTypeParamVertex(TypeParam tpar)
    {
        if (tpar.MonoCanon is { } c) tpar = c;
        var obj = tpar.Obj;
        if (_monoNameIdx.TryGetValue(obj, out int idx)) return idx;
        idx = _monoVertices.Count;
        _monoVertices.Add(new MonoVertex { Obj = obj });
        _monoNameIdx[obj] = idx;
        return idx;
    }
}
