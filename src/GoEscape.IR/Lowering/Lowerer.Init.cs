using GoEscape.Types;
using CConst = GoEscape.Types.Constant.Const;
using GoConstKind = GoEscape.Types.Constant.ConstKind;
using Syn = GoEscape.Syntax;
using GoFunc = GoEscape.Types.Func;

namespace GoEscape.IR.Lowering;

public sealed partial class Lowerer
{
    /// <summary>
    /// The package initialization function for package-level variables whose initializers need code at run time
    /// (models pkginit + staticinit, simplified): statically initializable values (constants, nil, function values,
    /// composite literals of static values, their addresses, variables) produce no code; map literals and other
    /// dynamic expressions are assigned in "init" in initialization order; for composite literals with some dynamic
    /// elements, only those elements are assigned (to the variable, which is all escape analysis needs: a global).
    /// Returns null when nothing needs code.
    /// </summary>
    private Func? PackageInit(IReadOnlyList<Syn.File> files)
    {
        var inits = _info.InitOrder;
        if (inits.Count == 0) inits = SourceOrderInits(files);
        if (inits.Count == 0) return null;
        var declPos = VarDeclPositions(files);
        var pos = files.Count > 0 ? Pos(files[0].PkgName) : default;
        var nname = new Name(pos, new IrSym(_types.LocalPkg, "init"), IrType.NewSignature(null, [], []), Class.PFUNC);
        var fn = new Func(pos, nname) { IsPackageInit = true, GeneratedAfterInlining = true };
        _resultTypes[fn] = [];
        var saved = _fn;
        _fn = fn;
        _outermost = fn;
        var mapInits = new List<Func>();
        try
        {
            foreach (var (lhs, rhs) in inits)
            {
                try
                {
                    if (lhs.Count == 1)
                    {
                        var v = lhs[0];
                        if (IsStatic(rhs))
                        {
                            StaticFuncLits(rhs);
                            continue;
                        }
                        var data = v.Name != "_" && !DisableGlobalAddrs ? StaticIfaceData(v.Type!, rhs) : null;
                        var inner = data ?? rhs;
                        if (Unparen(inner) is Syn.CompositeLit cl && IsLaidOutLit(cl))
                        {
                            DynamicElems(v, cl, fn.Body);
                            continue;
                        }
                        if (!DisableGlobalAddrs && Unparen(inner) is Syn.Operation { Op: Syn.Operator.And, Y: null } a && Unparen(a.X) is Syn.CompositeLit cl2 && !IsMapLit(cl2))
                        {
                            DynamicElems(v, cl2, fn.Body);
                            continue;
                        }
                        Node dst = v.Name == "_" ? NewBlank() : GlobalName(v);
                        // reader.pkgInitOrder: the assignment is at the first variable's position
                        var apos = declPos.TryGetValue(v, out var dp) ? Pos(dp) : Pos(rhs);
                        // staticinit: under a conversion to interface the data word is a static temp assigned the value
                        var a1 = new AssignStmt(apos, dst, data != null ? Expr(data) : ConvTo(v.Name == "_" ? null : v.Type, rhs));
                        if (OutlineMapInit(a1) is not { } minit) fn.Body.Add(a1);
                        else
                        {
                            mapInits.Add(minit);
                            fn.Body.Add(new CallExpr(Op.OCALLFUNC, a1.Pos, minit.Nname, []) { Type = null });
                        }
                    }
                    else
                    {
                        var dsts = new List<Node>();
                        foreach (var v in lhs) dsts.Add(v.Name == "_" ? NewBlank() : GlobalName(v));
                        var rs = MultiExpr(Pos(rhs), i => i < lhs.Count && lhs[i].Name != "_" ? lhs[i].Type : null, [rhs], lhs.Count);
                        var a2 = new AssignListStmt(Op.OAS2, declPos.TryGetValue(lhs[0], out var dp2) ? Pos(dp2) : Pos(rhs), dsts, rs);
                        fn.Body.Add(a2);
                    }
                }
                catch (Exception e)
                {
                    throw Failure("init", e);
                }
            }
        }
        finally { _fn = saved; }
        // the outlined map initializers follow the init function (whose closures Closure already listed)
        _funcs.AddRange(mapInits);
        return fn.Body.Count == 0 ? null : fn;
    }

    /// <summary>The declaring name of each package-level variable (reader.pkgInitOrder positions the assignment there).</summary>
    private Dictionary<Var, Syn.Pos> VarDeclPositions(IReadOnlyList<Syn.File> files)
    {
        var res = new Dictionary<Var, Syn.Pos>(ReferenceEqualityComparer.Instance);
        foreach (var f in files)
            foreach (var d in f.DeclList)
                if (d is Syn.VarDecl vd)
                    foreach (var n in vd.NameList)
                        if (_info.DefOf(n) is Var v) res[v] = n.Pos;
        return res;
    }

    /// <summary>
    /// Function literals of a statically initialized value: staticinit lays the value out without code, but the
    /// literals were still read (and numbered init.funcN) and are compiled, and analyzed, as functions of their own.
    /// </summary>
    private void StaticFuncLits(Syn.Expr e)
    {
        Syn.Walker.Inspect(e, n =>
        {
            if (n is not Syn.FuncLit fl) return true;
            Closure(fl);
            return false;
        });
    }

    private int _mapInitGen;

    /// <summary>
    /// Models staticinit.tryWrapGlobalInit: "m = map-literal" with a large (>= 20 IR nodes), side-effect-free right
    /// side moves into its own function "map.init.N" (called from init).
    /// </summary>
    private Func? OutlineMapInit(AssignStmt a)
    {
        if (a.X is not Name { Class: Class.PEXTERN } nm || nm.Type is not { IsMap: true } || a.Y == null) return null;
        int size = 0;
        Walk.Any(a.Y, _ => { size++; return false; });
        if (size < 20 || Walk.Any(a.Y, IsSideEffect)) return null;
        var sym = new IrSym(_types.LocalPkg, "map.init." + _mapInitGen++.ToString(System.Globalization.CultureInfo.InvariantCulture));
        var nname = new Name(a.Pos, sym, IrType.NewSignature(null, [], []), Class.PFUNC);
        var fn = new Func(a.Pos, nname) { GeneratedAfterInlining = true };
        _resultTypes[fn] = [];
        fn.Body.Add(a);
        return fn;
    }

    /// <summary>Models staticinit.isSideEffect.</summary>
    public static bool IsSideEffect(Node n)
    {
        switch (n.Op)
        {
            case Op.ONAME or Op.ONONAME or Op.OTYPE or Op.OLITERAL or Op.ONIL or Op.OADD or Op.OSUB or Op.OOR or Op.OXOR
                or Op.OADDSTR or Op.OADDR or Op.OANDAND or Op.OBYTES2STR or Op.ORUNES2STR or Op.OSTR2BYTES or Op.OSTR2RUNES
                or Op.OCAP or Op.OCOMPLIT or Op.OMAPLIT or Op.OSTRUCTLIT or Op.OARRAYLIT or Op.OSLICELIT or Op.OPTRLIT
                or Op.OCONV or Op.OCONVIFACE or Op.OCONVNOP or Op.ODOT or Op.OEQ or Op.ONE or Op.OLT or Op.OLE or Op.OGT
                or Op.OGE or Op.OKEY or Op.OSTRUCTKEY or Op.OLEN or Op.OMUL or Op.OLSH or Op.ORSH or Op.OAND or Op.OANDNOT
                or Op.ONEW or Op.ONOT or Op.OBITNOT or Op.OPLUS or Op.ONEG or Op.OOROR or Op.OPAREN or Op.ORUNESTR
                or Op.OREAL or Op.OIMAG or Op.OCOMPLEX:
                return false;
            case Op.ODIV or Op.OMOD:
                return n is not BinaryExpr { Y: BasicLit { Val: var v } } || v.IsZero;
            case Op.OMAKECHAN or Op.OMAKEMAP:
                // typecheck.tcMake: a missing size is 0
                return n is MakeExpr { Len: not null and not BasicLit { Val.Kind: ConstKind.Int, Val.IsZero: true } };
            default:
                return true;
        }
    }

    /// <summary>The concrete value under a conversion to interface type of a package variable's initializer (implicit, or
    /// explicit T(x) conversions): staticinit lays out the interface words statically and only assigns the value.</summary>
    private Syn.Expr? StaticIfaceData(GoType varType, Syn.Expr rhs)
    {
        if (varType.Underlying() is not Interface) return null;
        var e = Unparen(rhs);
        while (e is Syn.CallExpr { ArgList.Count: 1 } c && _info.IsType(Unparen(c.Fun)) && _info.TypeOf(c) is { } ct && ct.Underlying() is Interface)
            e = Unparen(c.ArgList[0]);
        var t = _info.TypeOf(e);
        if (t == null || t.Underlying() is Interface || t is Basic { Kind: BasicKind.UntypedNil }) return null;
        if (_info.ValueOf(e) != null) return null; // untyped constants keep their conversion
        return e;
    }

    /// <summary>Package-level initializers in source order (when the checker does not record InitOrder).</summary>
    private List<(IReadOnlyList<Var> Lhs, Syn.Expr Rhs)> SourceOrderInits(IReadOnlyList<Syn.File> files)
    {
        var res = new List<(IReadOnlyList<Var>, Syn.Expr)>();
        foreach (var f in files)
        {
            foreach (var d in f.DeclList)
            {
                if (d is not Syn.VarDecl { Values: not null } vd) continue;
                var vals = vd.Values is Syn.ListExpr le ? le.ElemList : [vd.Values];
                var vars = new List<Var>();
                foreach (var n in vd.NameList)
                    vars.Add(_info.DefOf(n) as Var ?? new Var(VarKind.PackageVar, default, _info.Package, "_", null));
                if (vals.Count == vars.Count)
                    for (int i = 0; i < vals.Count; i++) res.Add(([vars[i]], vals[i]));
                else if (vals.Count == 1) res.Add((vars, vals[0]));
            }
        }
        return res;
    }

    private bool IsMapLit(Syn.CompositeLit cl)
    {
        var t = _info.TypeOf(cl);
        return t != null && (t.Underlying() is Map || t.Underlying() is Pointer p && p.Elem.Underlying() is Map);
    }

    /// <summary>Assignments for the dynamic elements of a composite literal initializer.</summary>
    private void DynamicElems(Var v, Syn.CompositeLit cl, List<Node> body)
    {
        var t = _info.TypeOf(cl)!;
        if (t.Underlying() is Pointer p) t = p.Elem;
        var u = t.Underlying();
        for (int i = 0; i < cl.ElemList.Count; i++)
        {
            var el = cl.ElemList[i];
            var val = el is Syn.KeyValueExpr kv ? kv.Value : el;
            if (IsStatic(val))
            {
                StaticFuncLits(val);
                continue;
            }
            GoType? et = u switch
            {
                Struct st => el is Syn.KeyValueExpr kv2 && kv2.Key is Syn.Name fnm ? st.Fields.FirstOrDefault(f => f.Name == fnm.Value)?.Type : i < st.NumFields ? st.Field(i).Type : null,
                GoEscape.Types.Array a => a.Elem,
                GoEscape.Types.Slice s => s.Elem,
                _ => null,
            };
            var inner = Unparen(val);
            if (inner is Syn.CompositeLit icl && IsLaidOutLit(icl))
            {
                // staticinit: nested literals (and &T{...}, a static temp) are laid out statically; only their
                // dynamic fields need code
                DynamicElems(v, icl, body);
                continue;
            }
            if (!DisableGlobalAddrs && inner is Syn.Operation { Op: Syn.Operator.And, Y: null } addr && Unparen(addr.X) is Syn.CompositeLit pcl && !IsMapLit(pcl))
            {
                DynamicElems(v, pcl, body);
                continue;
            }
            var x = et != null ? ElemConv(et, val) : Expr(val);
            body.Add(new AssignStmt(Pos(val), GlobalName(v), x));
        }
    }

    /// <summary>
    /// staticinit.StaticAssign's disableGlobalAddrs (obj.Link.IsFIPS): the FIPS module's packages
    /// (crypto/internal/fips140 and below, not external tests) avoid relocations in global data, so addresses of
    /// globals, functions, closures, slices, non-empty strings and interface words are initialized by code.
    /// </summary>
    public bool DisableGlobalAddrs => _info.Package.Path is var path && !path.EndsWith("_test", StringComparison.Ordinal)
        && (path == "crypto/internal/fips140" || path.StartsWith("crypto/internal/fips140/", StringComparison.Ordinal));

    /// <summary>A composite literal staticinit lays out in place, assigning only its dynamic elements (arrays and
    /// structs; slices too unless global addresses are disabled); maps always need code.</summary>
    private bool IsLaidOutLit(Syn.CompositeLit cl)
        => !IsMapLit(cl) && !(DisableGlobalAddrs && _info.TypeOf(cl)?.Underlying() is GoEscape.Types.Slice);

    /// <summary>Whether staticinit can initialize the value without code (simplified models staticinit.StaticAssign).</summary>
    private bool IsStatic(Syn.Expr e0)
    {
        var e = Unparen(e0);
        if (_info.ValueOf(e) is { } cv)
            return !DisableGlobalAddrs || cv.Kind != GoConstKind.String || CConst.StringVal(cv).Length == 0;
        if (DisableGlobalAddrs)
            return e switch
            {
                Syn.Name n => _info.ObjectOf(n) is Nil,
                Syn.CompositeLit cl => IsLaidOutLit(cl) && cl.ElemList.All(el => IsStatic(el is Syn.KeyValueExpr kv ? kv.Value : el)),
                _ => false,
            };
        switch (e)
        {
            case Syn.Name n:
                return _info.ObjectOf(n) is GoFunc or Nil or Var { Kind: VarKind.PackageVar } || _info.ObjectOf(n) is Var v2 && v2.Parent == v2.Pkg?.Scope;
            case Syn.SelectorExpr s when _info.SelectionOf(s) == null:
                return _info.ObjectOf(s.Sel) is GoFunc or Var;
            case Syn.FuncLit: return true;
            case Syn.CompositeLit cl:
                if (IsMapLit(cl)) return false;
                foreach (var el in cl.ElemList)
                    if (!IsStatic(el is Syn.KeyValueExpr kv ? kv.Value : el)) return false;
                return true;
            case Syn.Operation { Op: Syn.Operator.And, Y: null } a:
                return Unparen(a.X) is Syn.CompositeLit c2 ? IsStatic(c2) : Unparen(a.X) is Syn.Name;
            case Syn.CallExpr call when _info.IsType(Unparen(call.Fun)) && call.ArgList.Count == 1:
            {
                // conversions of static values; to an interface (staticinit's OCONVIFACE case) the itab and data
                // words are laid out statically from a concrete value (from an interface value only nil is static)
                var dt = _info.TypeOf(call);
                if (dt == null) return false;
                if (dt.Underlying() is Interface)
                {
                    var at = _info.TypeOf(Unparen(call.ArgList[0]));
                    if (at != null && at.Underlying() is Interface) return Unparen(call.ArgList[0]) is Syn.Name an && _info.ObjectOf(an) is Nil;
                }
                return IsStatic(call.ArgList[0]);
            }
        }
        return false;
    }
}
