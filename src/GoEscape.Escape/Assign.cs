using GoEscape.IR;

namespace GoEscape.Escape;

internal sealed partial class FuncWalker
{
    /// <summary>Models escape.addr: evaluates an addressable expression n and returns a hole for assigning a value to it.</summary>
    private Hole AddrOf(Node? n)
    {
        if (n == null || IrUtil.IsBlank(n))
        {
            // Can happen in select case, range, maybe others.
            return DiscardHole();
        }

        var k = HeapHole();
        switch (n)
        {
            case Name nm:
                if (nm.Class == Class.PEXTERN) break;
                k = OldLoc(nm).AsHole();
                break;
            case SelectorExpr { Op: Op.ODOT } dot:
                k = AddrOf(dot.X);
                break;
            case IndexExpr { Op: Op.OINDEX } ix:
                Discard(ix.Index);
                if (ix.X.Type!.IsArray) k = AddrOf(ix.X);
                else Mutate(ix.X);
                break;
            case StarExpr st:
                Mutate(st.X);
                break;
            case SelectorExpr { Op: Op.ODOTPTR } dp:
                Mutate(dp.X);
                break;
            case IndexExpr { Op: Op.OINDEXMAP } im:
                Discard(im.X);
                AssignHeap(im.Index, "key of map put", n);
                break;
            default:
                if (n.Op == Op.OLINKSYMOFFSET) break;
                throw new InvalidOperationException($"unexpected addr: {n}");
        }
        return k;
    }

    private void Mutate(Node n) => Expr(MutatorHole(), n);

    private Hole[] Addrs(IReadOnlyList<Node?> l)
    {
        var ks = new Hole[l.Count];
        for (int i = 0; i < l.Count; i++) ks[i] = AddrOf(l[i]);
        return ks;
    }

    private void AssignHeap(Node? src, string why, Node where) => Expr(Note(HeapHole(), where, why), src);

    /// <summary>Models escape.assignList: evaluates the assignment dsts... = srcs....</summary>
    private void AssignList(IReadOnlyList<Node?> dsts, IReadOnlyList<Node?> srcs, string why, Node where)
    {
        var ks = Addrs(dsts);
        for (int i = 0; i < ks.Length; i++)
        {
            var k = ks[i];
            var src = i < srcs.Count ? srcs[i] : null;
            var dst = dsts[i];
            if (dst != null)
            {
                // Detect implicit conversion of uintptr to unsafe.Pointer when storing into reflect.{Slice,String}Header.
                if (dst.Op == Op.ODOTPTR && IrUtil.IsReflectHeaderDataField(dst))
                {
                    UnsafeValue(Note(HeapHole(), where, why), src!);
                    continue;
                }

                // Filter out some no-op assignments for escape analysis.
                if (src != null && Utils.IsSelfAssign(dst, src))
                {
                    if (_b.Opts.M != 0) _b.Log.Warn(where.Pos, $"{(_curfn == null ? "<nil>" : TypeFmt.SymString(_curfn.Sym))} ignoring self-assignment in {where}");
                    k = DiscardHole();
                }
            }
            Expr(Note(k, where, why), src);
        }
        Reassigned(ks, where);
    }

    /// <summary>Models escape.reassigned: marks the locations in ks as reassigned, unless where is their declaration.</summary>
    private void Reassigned(Hole[] ks, Node where)
    {
        if (where is AssignStmt { Op: Op.OAS, Y: null, X: Name { Defn: null } })
        {
            // Zero-value assignment for variable declared without an explicit initial value. Assume this is
            // its initialization statement.
            return;
        }

        foreach (var k in ks)
        {
            var loc = k.Dst;
            // Variables declared by range statements are assigned on every iteration.
            if (loc.N is Name n && n.Defn == where && where.Op != Op.ORANGE) continue;
            loc.Reassigned = true;
        }
    }
}
