using GoEscape.Syntax;

namespace GoEscape.Types;

public sealed partial class Checker
{
    /// <summary>Infers missing type arguments for a generic call (uses the model's Inference, types2 infer.go).</summary>
    private GoType[]? InferTypeArgs(Pos pos, IReadOnlyList<TypeParam> tparams, IReadOnlyList<GoType?> targs, Tuple? pars, List<Operand> args, bool reportErr, string? inCall = null)
    {
        var iargs = new List<InferArg>(args.Count);
        foreach (var a in args)
            iargs.Add(new InferArg(a.Mode == OperandMode.Invalid ? null : a.Type, a.IsNil, a.Expr != null ? ExprString(a.Expr) : ""));
        var ps = pars ?? Tuple.Empty;
        if (ps.Len != iargs.Count)
        {
            // argument count mismatch was reported by the caller; infer from the type arguments alone
            ps = Tuple.Empty;
            iargs.Clear();
        }
        var tl = new List<GoType?>(targs);
        while (tl.Count > 0 && tl[^1] == null) tl.RemoveAt(tl.Count - 1);
        InferResult r;
        try
        {
            r = Inference.Infer(tparams, tl, ps, iargs, false, AllowVersion(GoVersions.Go1_21), Qf, _ctxt);
        }
        catch (ArgumentException)
        {
            return null;
        }
        if (r.Ok) return r.Inferred;
        if (reportErr && r.Error != null)
        {
            // types2 callExpr/arguments: "in call to %s, %s"
            var msg = inCall != null ? $"in call to {inCall}, {r.Error}" : r.Error;
            if (r.ErrorArg >= 0 && r.ErrorArg < args.Count && args[r.ErrorArg].Expr != null) Error(args[r.ErrorArg].Expr!, msg);
            else Error(pos, msg);
        }
        return null;
    }

    private (GoType, bool)? SingleCoreType(TypeParam tp)
    {
        var ts = tp.Iface().TypeSet();
        GoType? single = null;
        bool tilde = false;
        int count = 0;
        ts.Is(t =>
        {
            if (t == null) { count = 99; return false; }
            count++;
            single = t.Type;
            tilde = t.Tilde;
            return true;
        });
        if (count == 1 && single != null) return (single, tilde);
        return null;
    }

    private static bool Mentions(GoType t, IReadOnlyList<TypeParam> tparams, int depth = 0)
    {
        if (depth > 32) return false;
        t = Unalias(t);
        switch (t)
        {
            case TypeParam tp:
                foreach (var p in tparams) if (ReferenceEquals(p, tp)) return true;
                return false;
            case Basic: return false;
            case Array a: return Mentions(a.Elem, tparams, depth + 1);
            case Slice s: return Mentions(s.Elem, tparams, depth + 1);
            case Pointer p2: return Mentions(p2.Elem, tparams, depth + 1);
            case Map m: return Mentions(m.Key, tparams, depth + 1) || Mentions(m.Elem, tparams, depth + 1);
            case Chan c: return Mentions(c.Elem, tparams, depth + 1);
            case Tuple tu:
                foreach (var v in tu.Variables) if (Mentions(v.Type!, tparams, depth + 1)) return true;
                return false;
            case Signature sig: return Mentions(sig.Params, tparams, depth + 1) || Mentions(sig.Results, tparams, depth + 1);
            case Struct st:
                foreach (var f in st.Fields) if (Mentions(f.Type!, tparams, depth + 1)) return true;
                return false;
            case Named n:
                foreach (var a in n.TypeArgs.List) if (Mentions(a, tparams, depth + 1)) return true;
                return false;
            case Interface it:
                foreach (var m2 in it.ExplicitMethods) if (Mentions(m2.Type!, tparams, depth + 1)) return true;
                foreach (var e in it.Embeddeds) if (Mentions(e, tparams, depth + 1)) return true;
                return false;
            case Union un:
                foreach (var term in un.Terms) if (Mentions(term.Type, tparams, depth + 1)) return true;
                return false;
        }
        return false;
    }
}
