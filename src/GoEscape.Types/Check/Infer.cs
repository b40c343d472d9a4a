#if GOESCAPE_CHECKER_WIP // work in progress: needs the constant branch and model APIs (see report)
using GoEscape.Syntax;

namespace GoEscape.Types;

/// <summary>A structural unifier binding type parameters (simplified model of types2 unify.go, inexact mode).</summary>
internal sealed class Unifier
{
    private readonly IReadOnlyList<TypeParam> _tparams;
    private readonly GoType?[] _bound;

    public Unifier(IReadOnlyList<TypeParam> tparams)
    {
        _tparams = tparams;
        _bound = new GoType?[tparams.Count];
    }

    public GoType? At(int i) => _bound[i];
    public void Set(int i, GoType t) => _bound[i] = t;

    private int IndexOf(GoType t)
    {
        if (t is TypeParam tp)
            for (int i = 0; i < _tparams.Count; i++) if (ReferenceEquals(_tparams[i], tp)) return i;
        return -1;
    }

    public bool Unify(GoType x, GoType y) => U(x, y, 0);

    private bool U(GoType x, GoType y, int depth)
    {
        if (depth > 64) return true;
        x = Checker.Unalias(x);
        y = Checker.Unalias(y);
        int ix = IndexOf(x), iy = IndexOf(y);
        if (ix >= 0 && iy >= 0)
        {
            if (_bound[ix] == null && _bound[iy] == null) return true;
            if (_bound[ix] == null) { _bound[ix] = _bound[iy]; return true; }
            if (_bound[iy] == null) { _bound[iy] = _bound[ix]; return true; }
            return U(_bound[ix]!, _bound[iy]!, depth + 1);
        }
        if (iy >= 0) { (x, y) = (y, x); (ix, iy) = (iy, ix); }
        if (ix >= 0)
        {
            if (_bound[ix] == null) { _bound[ix] = y; return true; }
            var bx = _bound[ix]!;
            if (GoTypes.Identical(bx, y)) return true;
            // inexact unification: named vs unnamed with identical underlying
            if (bx is not Named && y is Named) { if (U(bx, y.Underlying(), depth + 1)) { _bound[ix] = y; return true; } }
            return U(bx, y, depth + 1);
        }
        if (ReferenceEquals(x, y)) return true;
        // inexact: if exactly one is a defined type, compare underlying
        if (x is Named nx && y is Named ny)
        {
            if (ReferenceEquals(nx.Origin, ny.Origin))
            {
                var xa = nx.TypeArgs; var ya = ny.TypeArgs;
                if (xa.Len != ya.Len) return false;
                for (int i = 0; i < xa.Len; i++) if (!U(xa.At(i), ya.At(i), depth + 1)) return false;
                return true;
            }
            return GoTypes.Identical(x, y) || U(x.Underlying(), y.Underlying(), depth + 1);
        }
        if (x is Named && y is not TypeParam) x = x.Underlying();
        if (y is Named && x is not TypeParam) y = y.Underlying();
        switch (x)
        {
            case Basic bx: return y is Basic by && bx.Kind == by.Kind || GoTypes.Identical(x, y);
            case Array ax: return y is Array ay && ax.Len == ay.Len && U(ax.Elem, ay.Elem, depth + 1);
            case Slice sx: return y is Slice sy && U(sx.Elem, sy.Elem, depth + 1);
            case Pointer px: return y is Pointer py && U(px.Elem, py.Elem, depth + 1);
            case Map mx: return y is Map my && U(mx.Key, my.Key, depth + 1) && U(mx.Elem, my.Elem, depth + 1);
            case Chan cx: return y is Chan cy && U(cx.Elem, cy.Elem, depth + 1);
            case Struct stx:
                if (y is not Struct sty || stx.NumFields != sty.NumFields) return false;
                for (int i = 0; i < stx.NumFields; i++) if (!U(stx.Field(i).Type!, sty.Field(i).Type!, depth + 1)) return false;
                return true;
            case Tuple tx:
                if (y is not Tuple ty || tx.Len != ty.Len) return false;
                for (int i = 0; i < tx.Len; i++) if (!U(tx.At(i).Type!, ty.At(i).Type!, depth + 1)) return false;
                return true;
            case Signature gx:
                return y is Signature gy && gx.Variadic == gy.Variadic && U(gx.Params, gy.Params, depth + 1) && U(gx.Results, gy.Results, depth + 1);
            case Interface:
                return y.Underlying() is Interface || true;
        }
        return true;
    }
}

public sealed partial class Checker
{
    /// <summary>Infers missing type arguments for a generic call (simplified model of types2.(*Checker).infer:
    /// function argument unification, then core-type (constraint) inference, then untyped defaults).</summary>
    private GoType[]? InferTypeArgs(Pos pos, IReadOnlyList<TypeParam> tparams, GoType[] targs, Tuple? pars, List<Operand> args, bool reportErr)
    {
        int n = tparams.Count;
        var u = new Unifier(tparams);
        for (int i = 0; i < targs.Length && i < n; i++) u.Set(i, targs[i]);
        var untypedIdx = new List<int>();
        if (pars != null)
        {
            for (int i = 0; i < args.Count && i < pars.Len; i++)
            {
                var a = args[i];
                if (a.Mode == OperandMode.Invalid) return null;
                var ptype = pars.At(i).Type!;
                if (!Mentions(ptype, tparams)) continue;
                if (IsTyped(a.Type))
                {
                    if (!u.Unify(ptype, a.Type))
                    {
                        if (reportErr) Error(a, $"type {TS(a.Type)} of {ExprString(a.Expr!)} does not match {TS(ptype)}");
                        return null;
                    }
                }
                else if (ptype is TypeParam) untypedIdx.Add(i);
            }
        }
        // constraint type inference
        for (int round = 0; round < 3; round++)
        {
            for (int i = 0; i < n; i++)
            {
                var tp = tparams[i];
                var core = SingleCoreType(tp);
                if (core == null) continue;
                var (ct, tilde) = core.Value;
                var b = u.At(i);
                if (b != null)
                {
                    if (!Mentions(ct, tparams)) continue;
                    u.Unify(ct, tilde ? b.Underlying() : b);
                }
                else if (!tilde)
                {
                    u.Set(i, ct);
                }
            }
        }
        // untyped arguments: default types
        foreach (var i in untypedIdx)
        {
            var tp = (TypeParam)pars!.At(i).Type!;
            int idx = -1;
            for (int j = 0; j < n; j++) if (ReferenceEquals(tparams[j], tp)) idx = j;
            if (idx < 0 || u.At(idx) != null) continue;
            // use the "largest" default of all untyped args for this tparam
            GoType? max = null;
            foreach (var k in untypedIdx)
            {
                if (!ReferenceEquals(pars.At(k).Type, tp)) continue;
                var at = args[k].Type;
                if (at is Basic { Kind: BasicKind.UntypedNil }) continue;
                max = max == null ? at : MaxType(max, at) ?? max;
            }
            if (max != null) u.Set(idx, Default(max));
        }
        var res = new GoType[n];
        var smap = new SubstMap();
        for (int i = 0; i < n; i++)
        {
            var t = u.At(i);
            if (t == null)
            {
                if (reportErr) Error(pos, $"in call to {"function"}, cannot infer {tparams[i].Obj.Name}");
                return null;
            }
            res[i] = t;
            smap.Set(tparams[i], t);
        }
        // substitute type parameters occurring inside inferred types
        for (int k = 0; k < 3; k++)
        {
            bool changed = false;
            for (int i = 0; i < n; i++)
            {
                if (Mentions(res[i], tparams))
                {
                    var s = GoTypes.Subst(res[i], smap, null, _ctxt);
                    if (!ReferenceEquals(s, res[i])) { res[i] = s; smap.Set(tparams[i], s); changed = true; }
                }
            }
            if (!changed) break;
        }
        return res;
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

    private void InitOrder()
    {
        // TODO: dependency-ordered package initialization (types2 initorder.go); not needed for the dump.
    }
}

#endif
