namespace GoEscape.Types;

/// <summary>Unification modes (models types2.unifyMode).</summary>
[Flags]
public enum UnifyMode
{
    /// <summary>Inexact unification.</summary>
    Inexact = 0,
    /// <summary>Assignment context: top-level may be inexact (named vs literal), components exact.</summary>
    Assign = 1,
    /// <summary>Exact (identity) unification.</summary>
    Exact = 2,
}

/// <summary>Type unification for inference (models types2 unify.go: handles shared between joined type parameters,
/// inexact unification of named vs. literal types, interface inference, core-type unification).</summary>
public sealed class Unifier
{
    private const int DepthLimit = 50;

    private sealed class Handle { public GoType? T; }

    private readonly Dictionary<TypeParam, Handle> _handles = new(ReferenceEqualityComparer.Instance);
    private int _depth;
    private readonly bool _enableInterfaceInference;

    /// <summary>tparams are the bound type parameters; targs (may be shorter, entries may be null) are known arguments.</summary>
    public Unifier(IReadOnlyList<TypeParam> tparams, IReadOnlyList<GoType?> targs, bool enableInterfaceInference)
    {
        for (int i = 0; i < tparams.Count; i++)
            _handles[tparams[i]] = new Handle { T = i < targs.Count ? targs[i] : null };
        _enableInterfaceInference = enableInterfaceInference;
    }

    public bool Unify(GoType x, GoType y, UnifyMode mode) => Nify(x, y, mode, null);

    public GoType? At(TypeParam x) => _handles[x].T;
    public void Set(TypeParam x, GoType t) => _handles[x].T = t ?? throw new ArgumentNullException(nameof(t));

    public int Unknowns()
    {
        int n = 0;
        foreach (var h in _handles.Values) if (h.T is null) n++;
        return n;
    }

    public GoType?[] Inferred(IReadOnlyList<TypeParam> tparams)
    {
        var list = new GoType?[tparams.Count];
        for (int i = 0; i < list.Length; i++) list[i] = At(tparams[i]);
        return list;
    }

    private bool Join(TypeParam x, TypeParam y)
    {
        var hx = _handles[x];
        var hy = _handles[y];
        if (ReferenceEquals(hx, hy)) return true;
        if (hx.T is not null && hy.T is not null) return false;
        if (hx.T is not null) SetHandle(y, hx);
        else SetHandle(x, hy);
        return true;
    }

    private TypeParam? AsBoundTypeParam(GoType x) => GoTypes.Unalias(x) is TypeParam tp && _handles.ContainsKey(tp) ? tp : null;

    private void SetHandle(TypeParam x, Handle h)
    {
        var hx = _handles[x];
        foreach (var key in _handles.Keys.ToList())
            if (ReferenceEquals(_handles[key], hx)) _handles[key] = h;
    }

    private static Interface? AsInterface(GoType x) => GoTypes.Unalias(x) is TypeParam ? null : x.Underlying() as Interface;

    private sealed record IfacePair(Interface X, Interface Y, IfacePair? Prev)
    {
        public bool Same(IfacePair q) => (ReferenceEquals(X, q.X) && ReferenceEquals(Y, q.Y)) || (ReferenceEquals(X, q.Y) && ReferenceEquals(Y, q.X));
    }

    private bool Nify(GoType x, GoType y, UnifyMode mode, IfacePair? p)
    {
        _depth++;
        try { return NifyCore(x, y, mode, p); }
        finally { _depth--; }
    }

    private bool NifyCore(GoType x, GoType y, UnifyMode mode, IfacePair? p)
    {
        if (ReferenceEquals(x, y) || ReferenceEquals(GoTypes.Unalias(x), GoTypes.Unalias(y))) return true;
        if (_depth > DepthLimit) throw new InvalidOperationException("unification reached recursion depth limit");

        if (GoTypes.AsNamed(x) is not null || AsBoundTypeParam(y) is not null) (x, y) = (y, x);

        if ((mode & UnifyMode.Exact) == 0 && GoTypes.AsNamed(y) is { } ny && Predicates.IsTypeLit(x) &&
            !(_enableInterfaceInference && GoTypes.IsInterface(x)))
        {
            y = ny.Underlying();
            if (ReferenceEquals(x, y) || ReferenceEquals(GoTypes.Unalias(x), GoTypes.Unalias(y))) return true;
        }

        var px = AsBoundTypeParam(x);
        var py = AsBoundTypeParam(y);
        if (px is not null && py is not null)
        {
            if (Join(px, py)) return true;
            return Nify(At(px)!, At(py)!, mode, p);
        }
        if (px is not null)
        {
            var xt = At(px);
            if (xt is not null)
            {
                if (Nify(xt, y, mode, p))
                {
                    var xi = AsInterface(xt);
                    var yi = AsInterface(y);
                    bool xn = GoTypes.AsNamed(xt) is not null;
                    bool yn = GoTypes.AsNamed(y) is not null;
                    if (xi is not null && yi is not null)
                    {
                        if (xn && yn) return GoTypes.Identical(xt, y);
                        if (xi.TypeSet().NumMethods != yi.TypeSet().NumMethods) return false;
                    }
                    else if (xi is not null || yi is not null) return false;
                    if ((mode & UnifyMode.Exact) == 0)
                    {
                        if (xn) { }
                        else if (yn) Set(px, y);
                        else if (y.Underlying() is Chan { Dir: not ChanDir.SendRecv }) Set(px, y);
                    }
                    return true;
                }
                return false;
            }
            Set(px, y);
            return true;
        }

        if (_enableInterfaceInference && (mode & UnifyMode.Exact) == 0)
        {
            var xi = AsInterface(x);
            var yi = AsInterface(y);
            if (xi is not null && yi is not null)
            {
                var xset = xi.TypeSet();
                var yset = yi.TypeSet();
                if (xset.Comparable != yset.Comparable) return false;
                if (!xset.Terms.Equal(yset.Terms)) return false;
                var q = new IfacePair(xi, yi, p);
                for (var pp = p; pp is not null; pp = pp.Prev) if (pp.Same(q)) return true;
                var xmethods = xset.Methods;
                var ymethods = yset.Methods;
                if (xmethods.Count > ymethods.Count) (xmethods, ymethods) = (ymethods, xmethods);
                var ymap = new Dictionary<string, Func>(StringComparer.Ordinal);
                foreach (var ym in ymethods) ymap[ym.Id] = ym;
                foreach (var xm in xmethods)
                    if (!ymap.TryGetValue(xm.Id, out var ym) || !Nify(xm.Type!, ym.Type!, UnifyMode.Exact, p)) return false;
                return true;
            }
            if (yi is not null) { xi = yi; y = x; }
            if (xi is not null)
            {
                foreach (var xm in xi.TypeSet().Methods)
                {
                    var (obj, _, _) = GoTypes.LookupFieldOrMethod(y, false, xm.Pkg, xm.Name);
                    if (obj is not Func ym) return false;
                    ym.EnsureResolved();
                    if (ym.Signature is not { } ysig || ysig.TypeParams.Len != 0 || !Nify(xm.Type!, ym.Type!, UnifyMode.Exact, p)) return false;
                }
                return true;
            }
        }

        if (Predicates.IsTypeParam(y)) (x, y) = (y, x);

        var emode = mode;
        if ((mode & UnifyMode.Assign) != 0) emode |= UnifyMode.Exact;

        var xorig = x;
        var yorig = y;
        x = GoTypes.Unalias(x);
        y = GoTypes.Unalias(y);

        switch (x)
        {
            case Basic bx:
                return y is Basic by && bx.Kind == by.Kind;
            case Array ax:
                return y is Array ay && (ax.Len < 0 || ay.Len < 0 || ax.Len == ay.Len) && Nify(ax.Elem, ay.Elem, emode, p);
            case Slice sx:
                return y is Slice sy && Nify(sx.Elem, sy.Elem, emode, p);
            case Struct stx:
                if (y is Struct sty && stx.NumFields == sty.NumFields)
                {
                    for (int i = 0; i < stx.NumFields; i++)
                    {
                        var f = stx.Field(i);
                        var g = sty.Field(i);
                        if (f.Embedded != g.Embedded || stx.Tag(i) != sty.Tag(i) || !f.SameId(g.Pkg, g.Name, false) ||
                            !Nify(f.Type!, g.Type!, emode, p)) return false;
                    }
                    return true;
                }
                return false;
            case Pointer ptx:
                return y is Pointer pty && Nify(ptx.Elem, pty.Elem, emode, p);
            case Tuple tx:
                if (y is Tuple ty && tx.Len == ty.Len)
                {
                    for (int i = 0; i < tx.Len; i++)
                        if (!Nify(tx.At(i).Type!, ty.At(i).Type!, mode, p)) return false;
                    return true;
                }
                return false;
            case Signature fx:
                return y is Signature fy && fx.Variadic == fy.Variadic && Nify(fx.Params, fy.Params, emode, p) && Nify(fx.Results, fy.Results, emode, p);
            case Interface ix:
                if (y is Interface iy)
                {
                    var xset = ix.TypeSet();
                    var yset = iy.TypeSet();
                    if (xset.Comparable != yset.Comparable) return false;
                    if (!xset.Terms.Equal(yset.Terms)) return false;
                    var a = xset.Methods;
                    var b = yset.Methods;
                    if (a.Count == b.Count)
                    {
                        var q = new IfacePair(ix, iy, p);
                        for (var pp = p; pp is not null; pp = pp.Prev) if (pp.Same(q)) return true;
                        for (int i = 0; i < a.Count; i++)
                            if (a[i].Id != b[i].Id || !Nify(a[i].Type!, b[i].Type!, UnifyMode.Exact, q)) return false;
                        return true;
                    }
                }
                return false;
            case Map mx:
                return y is Map my && Nify(mx.Key, my.Key, emode, p) && Nify(mx.Elem, my.Elem, emode, p);
            case Chan cx:
                return y is Chan cy && ((mode & UnifyMode.Exact) == 0 || cx.Dir == cy.Dir) && Nify(cx.Elem, cy.Elem, emode, p);
            case Named nx:
                if (GoTypes.AsNamed(y) is { } nyy)
                {
                    var xargs = nx.TypeArgs;
                    var yargs = nyy.TypeArgs;
                    if (xargs.Len != yargs.Len) return false;
                    for (int i = 0; i < xargs.Len; i++)
                        if (!Nify(xargs.At(i), yargs.At(i), mode, p)) return false;
                    return ReferenceEquals(nx.Origin.Obj, nyy.Origin.Obj);
                }
                return false;
            case TypeParam tpx:
                {
                    var (cx, _) = Predicates.CommonUnder(tpx, null);
                    if (cx is not null) return Nify(cx, yorig, UnifyMode.Assign, p);
                    return false;
                }
            default:
                _ = xorig;
                return false;
        }
    }
}
