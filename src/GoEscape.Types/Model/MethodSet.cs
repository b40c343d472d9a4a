namespace GoEscape.Types;

/// <summary>Selection types and method sets (models go/types selection.go and methodset.go).</summary>
internal static class SelectionUtil
{
    internal static GoType SelectionType(Selection s)
    {
        switch (s.Kind)
        {
            case SelectionKind.MethodVal:
                {
                    var f = (Func)s.Obj;
                    f.EnsureResolved();
                    var sig = (Signature)f.Type!;
                    var recv = sig.Recv!.CloneWith(s.Recv);
                    return Signatures.Copy(sig, recv, sig.RecvTypeParams, sig.TypeParams, sig.Params, sig.Results);
                }
            case SelectionKind.MethodExpr:
                {
                    var f = (Func)s.Obj;
                    f.EnsureResolved();
                    var sig = (Signature)f.Type!;
                    var arg0 = sig.Recv!.CloneWith(s.Recv);
                    var ps = new Var[sig.Params.Len + 1];
                    ps[0] = arg0;
                    for (int i = 0; i < sig.Params.Len; i++) ps[i + 1] = sig.Params.At(i);
                    return Signatures.Copy(sig, null, sig.RecvTypeParams, sig.TypeParams, new Tuple(ps), sig.Results);
                }
            default:
                return s.Obj.Type!;
        }
    }
}

public static partial class GoTypes
{
    /// <summary>Models types.SelectionString.</summary>
    public static string SelectionString(Selection s, Qualifier? qf)
    {
        var k = s.Kind switch
        {
            SelectionKind.FieldVal => "field ",
            SelectionKind.MethodVal => "method ",
            _ => "method expr ",
        };
        var buf = new System.Text.StringBuilder(k);
        buf.Append('(');
        WriteType(buf, s.Recv, qf);
        buf.Append(") ").Append(s.Obj.Name);
        var T = s.Type;
        if (s.Kind == SelectionKind.FieldVal)
        {
            buf.Append(' ');
            WriteType(buf, T, qf);
        }
        else WriteSignature(buf, (Signature)T, qf);
        return buf.ToString();
    }

    private static readonly MethodSet s_emptyMethodSet = new([]);

    private sealed record MsEntry(Func F, int[] Index, bool Indirect);

    /// <summary>Models types.NewMethodSet: the method set of T, sorted by Id.</summary>
    public static MethodSet NewMethodSet(GoType T)
    {
        if (AsNamed(T) is { } nt && nt.Underlying() is Pointer) return s_emptyMethodSet;
        var (typ0, isPtr) = LookupUtil.Deref(T);
        if (isPtr && IsInterface(typ0)) return s_emptyMethodSet;

        var current = new List<(GoType Typ, int[]? Index, bool Indirect, bool Multiples)> { (typ0, null, isPtr, false) };
        var seen = new List<Named>();
        var baseSet = new Dictionary<string, MsEntry?>(StringComparer.Ordinal);

        static int[] Concat(int[]? list, int i) => list is null ? [i] : [.. list, i];

        while (current.Count > 0)
        {
            var next = new List<(GoType Typ, int[]? Index, bool Indirect, bool Multiples)>();
            HashSet<string>? fset = null;
            Dictionary<string, MsEntry?>? mset = null;

            void AddOne(Func f, int[] index, bool indirect, bool multiples)
            {
                mset ??= new Dictionary<string, MsEntry?>(StringComparer.Ordinal);
                var key = f.Id;
                f.EnsureResolved();
                if (!multiples && !mset.ContainsKey(key) && (indirect || !f.HasPtrRecv))
                {
                    mset[key] = new MsEntry(f, index, indirect);
                    return;
                }
                mset[key] = null;
            }

            foreach (var e in current)
            {
                var typ = e.Typ;
                if (AsNamed(typ) is { } named)
                {
                    bool dup = false;
                    foreach (var s in seen) if (Identical(named, s)) { dup = true; break; }
                    if (dup) continue;
                    seen.Add(named);
                    for (int i = 0; i < named.NumMethods; i++) AddOne(named.Method(i), Concat(e.Index, i), e.Indirect, e.Multiples);
                }
                switch (typ.Underlying())
                {
                    case Struct st:
                        for (int i = 0; i < st.NumFields; i++)
                        {
                            var f = st.Field(i);
                            (fset ??= new HashSet<string>(StringComparer.Ordinal)).Add(f.Id);
                            if (f.Embedded)
                            {
                                var (ft, fptr) = LookupUtil.Deref(f.Type!);
                                next.Add((ft, Concat(e.Index, i), e.Indirect || fptr, e.Multiples));
                            }
                        }
                        break;
                    case Interface it:
                        {
                            var ms = it.TypeSet().Methods;
                            for (int i = 0; i < ms.Count; i++) AddOne(ms[i], Concat(e.Index, i), true, e.Multiples);
                            break;
                        }
                }
            }

            if (mset is not null)
                foreach (var (k, m) in mset)
                    if (!baseSet.ContainsKey(k)) baseSet[k] = fset is not null && fset.Contains(k) ? null : m;
            if (fset is not null)
                foreach (var k in fset)
                    baseSet.TryAdd(k, null);

            // consolidate multiples
            var cons = new List<(GoType Typ, int[]? Index, bool Indirect, bool Multiples)>();
            foreach (var e in next)
            {
                int found = -1;
                for (int i = 0; i < cons.Count; i++)
                    if (ReferenceEquals(cons[i].Typ, e.Typ) || Identical(cons[i].Typ, e.Typ)) { found = i; break; }
                if (found >= 0) cons[found] = cons[found] with { Multiples = true };
                else cons.Add(e);
            }
            current = cons;
        }

        var list = new List<Selection>();
        foreach (var (_, m) in baseSet)
            if (m is not null) list.Add(new Selection(SelectionKind.MethodVal, T, m.F, m.Index, m.Indirect));
        if (list.Count == 0) return s_emptyMethodSet;
        list.Sort((a, b) => string.CompareOrdinal(a.Obj.Id, b.Obj.Id));
        return new MethodSet([.. list]);
    }
}
