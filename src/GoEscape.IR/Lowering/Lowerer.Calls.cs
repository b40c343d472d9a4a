using GoEscape.Types;
using Tuple = GoEscape.Types.Tuple;
using GoArray = GoEscape.Types.Array;
using GoSlice = GoEscape.Types.Slice;
using CConst = GoEscape.Types.Constant.Const;
using Syn = GoEscape.Syntax;
using GoFunc = GoEscape.Types.Func;

namespace GoEscape.IR.Lowering;

public sealed partial class Lowerer
{
    private IrType? ResultType(IrType sig) => sig.Results.Count switch
    {
        0 => null,
        1 => sig.Results[0].Type,
        _ => IrType.NewStruct([.. sig.Results]),
    };

    /// <summary>Lowers a call, conversion or builtin call (models writer's CallExpr case and typecheck.Call).</summary>
    private Node Call(Syn.CallExpr call, List<Node>? init)
    {
        var fun = Unparen(call.Fun);
        if (_info.IsType(fun))
        {
            var arg = call.ArgList[0];
            var x = Expr(arg);
            var src = TypeOf(Unparen(arg));
            var dst = TypeOf(call);
            // T(nil): the nil is typed T by types2, then converted explicitly (an OCONVNOP printed as (T)(nil))
            if (x is NilExpr nil) { nil.Type = T(dst); src = dst; }
            var c = Conv(Pos(arg), x, src, dst, false);
            return c;
        }
        if (_info.IsBuiltin(fun)) return Builtin(call, fun);

        Node fn;
        List<Node> args = [];
        Op op = Op.OCALLFUNC;
        var sigT = TypeOf(fun).Underlying() as Signature ?? throw new NotSupportedException("call of non-signature");
        // x.m(...) or, for a generic method, x.m[T](...) (writeFunExpr looks through the index expression)
        var msel = fun as Syn.SelectorExpr ?? (fun is Syn.IndexExpr fix ? Unparen(fix.X) as Syn.SelectorExpr : null);
        if (msel is { } se && _info.SelectionOf(se) is { Kind: SelectionKind.MethodVal } sel)
        {
            var m = (GoFunc)sel.Obj;
            var (recv, recvT) = RecvExpr(se, sel);
            if (m.Origin.Signature is { TypeParams.Len: > 0 } && !GoTypes.IsInterface(recvT))
            {
                // a generic method (models reader.methodExpr's static/dynamic dictionary case for a generic method:
                // no wrapper, the shaped method itself as an OMETHEXPR, receiver then dictionary first); its shaped
                // object instantiates the receiver type's arguments followed by the method's (writer.methodExpr)
                var recvNamed = GoTypes.AsNamed(LookupUtil.Deref(recvT).Item1);
                var mtargs = _info.TypeArgsOf(se.Sel);
                var targs = new List<GoType>();
                if (recvNamed != null) targs.AddRange(recvNamed.TypeArgs.List);
                if (mtargs != null) targs.AddRange(mtargs);
                if (mtargs != null && Instance(m, targs) is { } inst)
                {
                    fn = MethodExpr(Pos(se), inst.Type!.Recv!.Type, m, inst);
                    args.Add(recv);
                    args.Add(DictArg(Pos(se), m, targs));
                }
                else
                {
                    var rf = new Field(new IrSym(null, "r"), recv.Type!);
                    fn = GenericStub(m, rf, sigT, Pos(se));
                    args.Add(recv);
                }
            }
            else if (IsShapeMethodCall(recvT) && !IsGenericRecv(m.Origin))
            {
                // a method of a type parameter's constraint in a shaped body: an indirect call through the dictionary
                fn = DictMethodCallee(Pos(se), recv.Type!, m);
                args.Add(recv);
            }
            else if (IsGenericRecv(m.Origin) && !GoTypes.IsInterface(recvT))
            {
                // a method of an instantiated generic type: its shaped instantiation, receiver first
                var recvNamed = GoTypes.AsNamed(LookupUtil.Deref(recvT).Item1);
                if (recvNamed != null && Instance(m, recvNamed.TypeArgs.List) is { } inst)
                {
                    // the shaped method, the receiver and the dictionary first: (*T[go.shape.int]).M(x, &.dict.T[int], ...)
                    fn = MethodExpr(Pos(se), inst.Type!.Recv!.Type, m, inst);
                    args.Add(recv);
                    args.Add(DictArg(Pos(se), m, recvNamed.TypeArgs.List));
                }
                else
                {
                    // unknown generic body: an untagged stub (every argument leaks)
                    var rf = new Field(new IrSym(null, "r"), recv.Type!);
                    fn = GenericStub(m, rf, sigT, Pos(se));
                    args.Add(recv);
                }
            }
            else if (GoTypes.IsInterface(recvT))
            {
                op = Op.OCALLINTER;
                fn = new SelectorExpr(Op.ODOTINTER, Pos(se), recv, _types.Sym(m.Pkg, m.Name))
                {
                    Type = T(m.Type!),
                    Selection = new Field(_types.Sym(m.Pkg, m.Name), T(m.Type!)),
                };
            }
            else
            {
                var mn = FuncName(m);
                fn = MethodExpr(Pos(se), T(recvT), m, mn);
                args.Add(recv);
            }
        }
        else
        {
            if (IsGenericFuncInstance(fun))
            {
                var gname = fun is Syn.IndexExpr ix ? Unparen(ix.X) : fun;
                var gn = gname is Syn.SelectorExpr gs ? gs.Sel : (Syn.Name)gname;
                if (_info.ObjectOf(gn) is not GoFunc gf) throw new NotSupportedException("call of generic function value");
                if (_info.TypeArgsOf(gn) is { } targs && Instance(gf, targs) is { } inst)
                {
                    fn = inst; // the shaped function with the dictionary first: F[go.shape.int](&.dict.F[int], ...)
                    args.Add(DictArg(Pos(gname), gf, targs));
                    InstanceWrapper(gf, targs, inst);
                }
                else fn = GenericStub(gf, null, sigT, Pos(gname));
            }
            else fn = Expr(fun);
        }

        args.AddRange(CallArgs(call, sigT, out bool ddd));
        var res = new CallExpr(op, Pos(call), fn, args) { IsDDD = ddd };
        RewriteNonNameCall(res);
        res.Type = sigT.Results.Len switch
        {
            0 => null,
            1 => T(sigT.Results.At(0).Type!),
            _ => T(sigT.Results),
        };
        // typecheck.tcCall: runtime.getg() is emitted directly (OGETG), not called
        if (res is { Op: Op.OCALLFUNC, Fun: Name { Class: Class.PFUNC } getgName } && sigT.Results.Len == 1
            && getgName.Sym.Name == "getg" && getgName.Sym.Pkg?.Path == "runtime")
            res.Op = Op.OGETG;
        return res;
    }

    /// <summary>
    /// An explicit or inferred instantiation of a generic function (f[T](x), pkg.F(x) with inferred type arguments);
    /// not an index expression whose operand is a slice, array or map of func values (tab[i](x)).
    /// </summary>
    private bool IsGenericFuncInstance(Syn.Expr fun)
    {
        var gname = fun is Syn.IndexExpr ix ? Unparen(ix.X) : fun;
        var gn = gname switch { Syn.SelectorExpr gs => gs.Sel, Syn.Name n => n, _ => null };
        if (gn == null) return false;
        if (_info.TypeArgsOf(gn) != null) return true;
        return fun is Syn.IndexExpr && _info.ObjectOf(gn) is GoFunc;
    }

    /// <summary>
    /// Models typecheck.RewriteNonNameCall: a callee expression (or the receiver of a method or interface call) with
    /// calls or channel operations in it is evaluated into an autotmp first: f()(x) becomes t := f(); t(x).
    /// </summary>
    /// (Static method calls are already OMETHEXPR calls with the receiver as an argument when this runs in gc's reader,
    /// so only interface receivers and plain callee expressions are spilled.)
    private void RewriteNonNameCall(CallExpr call)
    {
        Node target;
        Action<Node> set;
        if (call.Op == Op.OCALLINTER && call.Fun is SelectorExpr dot) { target = dot.X; set = v => dot.X = v; }
        else { target = call.Fun!; set = v => call.Fun = v; }
        if (target is ClosureExpr || !Walk.Any(target, n => n.Op != Op.ONEW && CallOrChan(n.Op))) return;
        var tmp = Temp(call.Pos, target.Type!);
        var asn = new AssignStmt(call.Pos, tmp, target);
        asn.Init.Add(new Decl(call.Pos, tmp));
        set(tmp);
        call.Init.Add(asn);
    }

    private static bool CallOrChan(Op op) => op is Op.OAPPEND or Op.OCALL or Op.OCALLFUNC or Op.OCALLINTER or Op.OCALLMETH
        or Op.OCAP or Op.OCLEAR or Op.OCLOSE or Op.OCOMPLEX or Op.OCOPY or Op.ODELETE or Op.OIMAG or Op.OLEN or Op.OMAKE
        or Op.OMAX or Op.OMIN or Op.ONEW or Op.OPANIC or Op.OPRINT or Op.OPRINTLN or Op.OREAL or Op.ORECOVER or Op.ORECV
        or Op.OUNSAFEADD or Op.OUNSAFESLICE or Op.OUNSAFESLICEDATA or Op.OUNSAFESTRING or Op.OUNSAFESTRINGDATA;

    /// <summary>
    /// A call target for an instantiated generic function or method: a bodyless name with the instantiated signature
    /// (receiver as first parameter) and no tags, so its arguments conservatively leak to the heap.
    /// </summary>
    private Name GenericStub(GoFunc f, Field? recvParam, Signature inst, XPos pos)
    {
        var t = _types.SignatureType(inst, null);
        if (recvParam != null) t = IrType.NewSignature(null, [recvParam, .. t.Params], t.Results);
        // Tags of a generic body exported under the origin object (by its package, before its importers), if any.
        if (_exports.TryGetFunc(f.Origin, out var gen) && gen.Type is { } gt && !ReferenceEquals(f.Origin.Pkg, _info.Package))
        {
            var src = new List<Field>();
            if (gt.Recv != null) src.Add(gt.Recv);
            src.AddRange(gt.Params);
            if (src.Count == t.Params.Count)
                for (int i = 0; i < src.Count; i++) t.Params[i].Note = src[i].Note;
        }
        var n = new Name(pos, QualifiedSym(f.Origin, f.Name), t, Class.PFUNC);
        _ = new Func(pos, n, local: false);
        return n;
    }

    /// <summary>
    /// Arguments converted to the parameter types (writer.multiExpr), a multi-value argument spilled to autotmps,
    /// and variadic extras packed into an implicit "... argument" slice (typecheck.FixVariadicCall).
    /// </summary>
    private List<Node> CallArgs(Syn.CallExpr call, Signature sig, out bool ddd)
    {
        var ps = sig.Params;
        GoType? ParamType(int i)
        {
            if (sig.Variadic && !call.HasDots && i >= ps.Len - 1)
                return ((GoSlice)ps.At(ps.Len - 1).Type!.Underlying()).Elem;
            return i < ps.Len ? ps.At(i).Type : null;
        }
        var args = MultiExpr(Pos(call), ParamType, call.ArgList);
        ddd = call.HasDots;
        if (sig.Variadic && !call.HasDots)
        {
            int vi = ps.Len - 1;
            var vt = T(ps.At(vi).Type!);
            var extra = args.GetRange(vi, args.Count - vi);
            args.RemoveRange(vi, args.Count - vi);
            Node slice = extra.Count == 0
                ? new NilExpr(Pos(call), vt)
                : new CompLitExpr(Op.OSLICELIT, Pos(call), extra) { Type = vt, Len = extra.Count, Implicit = true };
            args.Add(slice);
            ddd = true;
        }
        return args;
    }

    /// <summary>Models writer/reader multiExpr: N:N converts each expression; N:1 assigns the tuple to autotmps first.</summary>
    private List<Node> MultiExpr(XPos pos, Func<int, GoType?> dstType, List<Syn.Expr> exprs, int want = 0)
    {
        var res = new List<Node>();
        var tuple = exprs.Count == 1 ? TupleOf(exprs[0]) : null;
        if (tuple == null && exprs.Count == 1 && want == 2)
        {
            // comma-ok form (v, ok := m[k] / x.(T) / <-c): types2 records it as the tuple (T, untyped bool)
            tuple = [TypeOf(Unparen(exprs[0])), Universe.Typ[(int)BasicKind.UntypedBool]];
        }
        if (tuple != null)
        {
            var inner = Expr(exprs[0]);
            var asn = new AssignListStmt(Op.OAS2, pos, [], [inner]) { Def = true };
            for (int i = 0; i < tuple.Count; i++)
            {
                var tmp = Temp(pos, T(tuple[i]));
                tmp.Defn = asn;
                asn.Init.Add(new Decl(pos, tmp));
                asn.Lhs.Add(tmp);
                Node r = tmp;
                var dst = dstType(i);
                if (dst != null && !GoTypes.Identical(tuple[i], dst))
                    r = Conv(pos, tmp, tuple[i], dst, true);
                res.Add(r);
            }
            SetAs2Op(asn);
            // ir.InitExpr: a name may be shared, so an OCONVNOP holds the init statement
            var holder = new ConvExpr(Op.OCONVNOP, pos, res[0].Type!, res[0]);
            holder.Init.Add(asn);
            res[0] = holder;
            return res;
        }
        for (int i = 0; i < exprs.Count; i++) res.Add(ConvTo(dstType(i), exprs[i]));
        return res;
    }

    /// <summary>The result types of a multi-valued expression (a call with several results, or a comma-ok form); null otherwise.</summary>
    private List<GoType>? TupleOf(Syn.Expr e)
    {
        var t = _info.TypeOf(Unparen(e));
        if (t is Tuple tu && tu.Len > 1)
        {
            var l = new List<GoType>();
            foreach (var v in tu.Variables) l.Add(v.Type!);
            return l;
        }
        return null;
    }

    /// <summary>typecheck.tcAssignList: OAS2 with a single call/index/recv/assert becomes OAS2FUNC/OAS2MAPR/OAS2RECV/OAS2DOTTYPE.</summary>
    private static void SetAs2Op(AssignListStmt asn)
    {
        if (asn.Rhs.Count != 1 || asn.Lhs.Count < 2) return;
        var r = asn.Rhs[0];
        switch (r.Op)
        {
            case Op.OCALLFUNC or Op.OCALLINTER: asn.Op = Op.OAS2FUNC; break;
            case Op.OINDEXMAP: asn.Op = Op.OAS2MAPR; break;
            case Op.ORECV: asn.Op = Op.OAS2RECV; break;
            case Op.ODOTTYPE: asn.Op = Op.OAS2DOTTYPE; r.Op = Op.ODOTTYPE2; break;
        }
    }

    // ---------------------------------------------------------------- builtins

    private Node Builtin(Syn.CallExpr call, Syn.Expr fun)
    {
        var name = fun is Syn.Name n ? n.Value : ((Syn.SelectorExpr)fun).Sel.Value;
        var pos = Pos(call);
        var a = call.ArgList;
        var rt = _info.TypeOf(call);
        IrType? RT() => rt == null || rt is Tuple { Len: 0 } ? null : T(rt);
        // f(g()) with a multi-valued g (copy(g()), delete(g()), complex(g()), println(g()), ...): the writer's
        // multiExpr N:1 form, as for any call (writer's CallExpr case: a builtin's arguments go through
        // w.multiExpr with the builtin's recorded signature): the results are assigned to autotmps first and each is
        // converted to the recorded parameter type.
        List<Node>? spread = null;
        if (a.Count == 1 && TupleOf(a[0]) != null)
        {
            var bsig = _info.TypeOf(fun)?.Underlying() as Signature;
            GoType? ParamType(int i)
            {
                // writer's paramType: append(f()) has the variadic signature func(S, ...E) S
                if (bsig == null) return null;
                var ps = bsig.Params;
                if (bsig.Variadic && !call.HasDots && i >= ps.Len - 1)
                    return ((GoSlice)ps.At(ps.Len - 1).Type!.Underlying()).Elem;
                return i < ps.Len ? ps.At(i).Type : null;
            }
            spread = MultiExpr(pos, ParamType, a);
        }
        int nargs = spread?.Count ?? a.Count;
        Node Arg(int i) => spread != null ? spread[i] : Expr(a[i]);
        Node ArgTo(GoType? dst, int i) => spread != null ? spread[i] : ConvTo(dst, a[i]);
        switch (name)
        {
            case "append":
            {
                var st = TypeOf(call);
                var elem = ((GoSlice)(GoTypes.CoreType(st) ?? st.Underlying())).Elem;
                var args = new List<Node> { ArgTo(st, 0) };
                if (call.HasDots) args.Add(Arg(1));
                else for (int i = 1; i < nargs; i++) args.Add(ArgTo(elem, i));
                return new CallExpr(Op.OAPPEND, pos, null, args) { Type = T(st), IsDDD = call.HasDots };
            }
            case "len": return new UnaryExpr(Op.OLEN, pos, Expr(a[0])) { Type = IrType.Int };
            case "cap": return new UnaryExpr(Op.OCAP, pos, Expr(a[0])) { Type = IrType.Int };
            case "make":
            {
                var t = TypeOf(call);
                var u = GoTypes.CoreType(t) ?? t.Underlying();
                Node? len = a.Count > 1 ? Expr(a[1]) : null;
                Node? cap = a.Count > 2 ? Expr(a[2]) : null;
                var op = u switch { GoSlice => Op.OMAKESLICE, Map => Op.OMAKEMAP, Chan => Op.OMAKECHAN, _ => throw new NotSupportedException("make") };
                if (op != Op.OMAKESLICE && len == null) len = new BasicLit(pos, IrType.UntypedInt, IrConst.OfInt(0));
                return new MakeExpr(op, pos, len, cap) { Type = T(t) };
            }
            case "new":
            {
                if (!_info.IsType(a[0]))
                {
                    // new(expr), go1.26: tmp := expr; &tmp (reader's exprNew via tempCopy)
                    var x = Expr(a[0]);
                    var tmp = Temp(pos, x.Type!);
                    var asn = new AssignStmt(pos, tmp, x) { Def = true };
                    tmp.Defn = asn;
                    var addr = Addr(pos, tmp, false);
                    addr.Init.Add(new Decl(pos, tmp));
                    addr.Init.Add(asn);
                    return addr;
                }
                var et = T(TypeOf(a[0]));
                return new UnaryExpr(Op.ONEW, pos, new TypeNode(pos, et)) { Type = IrType.NewPtr(et) };
            }
            case "copy":
                return new BinaryExpr(Op.OCOPY, pos, Arg(0), Arg(1)) { Type = IrType.Int };
            case "delete":
            {
                var m0 = Arg(0);
                var mt = spread != null ? TupleOf(a[0])![0] : TypeOf(a[0]);
                var m = (Map)(GoTypes.CoreType(mt) ?? mt.Underlying());
                return new CallExpr(Op.ODELETE, pos, null, [m0, ArgTo(m.Key, 1)]);
            }
            case "panic":
                return new UnaryExpr(Op.OPANIC, pos, ConvTo(Interface.Empty, a[0]));
            case "print" or "println":
            {
                var args = new List<Node>();
                for (int i = 0; i < nargs; i++) args.Add(Arg(i));
                return new CallExpr(name == "print" ? Op.OPRINT : Op.OPRINTLN, pos, null, args);
            }
            case "recover":
                return new CallExpr(Op.ORECOVER, pos, null, []) { Type = IrType.EmptyInterface };
            case "close": return new UnaryExpr(Op.OCLOSE, pos, Expr(a[0]));
            case "clear": return new UnaryExpr(Op.OCLEAR, pos, Expr(a[0]));
            case "real": return new UnaryExpr(Op.OREAL, pos, Expr(a[0])) { Type = RT() };
            case "imag": return new UnaryExpr(Op.OIMAG, pos, Expr(a[0])) { Type = RT() };
            case "complex": return new BinaryExpr(Op.OCOMPLEX, pos, Arg(0), Arg(1)) { Type = RT() };
            case "min" or "max":
            {
                var args = new List<Node>();
                for (int i = 0; i < nargs; i++) args.Add(ArgTo(rt, i));
                return new CallExpr(name == "min" ? Op.OMIN : Op.OMAX, pos, null, args) { Type = RT() };
            }
            case "Sizeof" or "Alignof" or "Offsetof":
                // not constant only in generic bodies (shape-dependent): any uintptr value will do for escape analysis
                return new BasicLit(pos, IrType.Uintptr, IrConst.OfInt(8));
            case "Add": return new BinaryExpr(Op.OUNSAFEADD, pos, Arg(0), Arg(1)) { Type = RT() };
            case "Slice": return new BinaryExpr(Op.OUNSAFESLICE, pos, Arg(0), Arg(1)) { Type = RT() };
            case "String": return new BinaryExpr(Op.OUNSAFESTRING, pos, Arg(0), Arg(1)) { Type = RT() };
            case "SliceData": return new UnaryExpr(Op.OUNSAFESLICEDATA, pos, Expr(a[0])) { Type = RT() };
            case "StringData": return new UnaryExpr(Op.OUNSAFESTRINGDATA, pos, Expr(a[0])) { Type = RT() };
        }
        throw new NotSupportedException("builtin " + name);
    }

    // ---------------------------------------------------------------- closures

    private string ClosureName(string kind)
    {
        // gc: "F.func1" for literals in F, "F.func1.1" for literals nested in F.func1, "F.gowrap1"/"F.deferwrap1",
        // "F-range1"; ir.closureName counts literals (funcLitGen), range bodies (rangeLitGen) and go/defer wrappers
        // (goDeferGen) separately.
        var parent = _fn;
        int counter = kind switch { "func" => 0, "-range" => 1, _ => 2 };
        _closureCount.TryGetValue((parent, counter), out int k);
        _closureCount[(parent, counter)] = ++k;
        if (parent.OClosure != null) return parent.Sym.Name + "." + k;
        return parent.Sym.Name + "." + kind + k;
    }

    /// <summary>Models reader.funcLit: a closure function with its own params and captured variables (added as used).</summary>
    private Node Closure(Syn.FuncLit fl)
    {
        var sig = (Signature)TypeOf(fl);
        var pos = Pos(fl);
        var nname = new Name(pos, new IrSym(_symPkg, ClosureName("func")), null, Class.PFUNC);
        var fn = new Func(pos, nname) { ClosureParent = _fn, Dupok = _fn.Dupok };
        var pars = DeclareParams(fn, sig.Params, fl.Type.ParamList, Class.PPARAM, sig.Variadic);
        var res = DeclareParams(fn, sig.Results, fl.Type.ResultList, Class.PPARAMOUT, false);
        nname.Type = IrType.NewSignature(null, pars, res);
        SetResultTypes(fn, sig);
        var clo = new ClosureExpr(pos, fn) { Type = nname.Type };
        fn.OClosure = clo;
        _funcs.Add(fn);
        var saved = _fn;
        _fn = fn;
        try
        {
            fn.Body.AddRange(Block(fl.Body.List));
        }
        finally { _fn = saved; }
        return clo;
    }

    /// <summary>
    /// Models typecheck.normalizeGoDeferCall: go/defer of anything but a call of a parameterless, resultless function
    /// becomes a call of a wrapper closure, with the call's operands spilled to autotmps captured by the wrapper.
    /// </summary>
    private Node NormalizeGoDefer(XPos pos, Op op, Node call, List<Node> init)
    {
        init.AddRange(call.Init);
        call.Init.Clear();
        if (call is CallExpr { Op: Op.OCALLFUNC } c0 && c0.Fun!.Type is { } st && st.NumParams + st.NumResults == 0)
            return call;

        var nname = new Name(pos, new IrSym(_symPkg, ClosureName(op == Op.OGO ? "gowrap" : "deferwrap")), IrType.NewSignature(null, [], []), Class.PFUNC);
        var wrapper = new Func(pos, nname) { ClosureParent = _fn, Wrapper = true };
        var clo = new ClosureExpr(pos, wrapper) { Type = nname.Type };
        wrapper.OClosure = clo;
        _funcs.Add(wrapper);

        var spills = new List<(Action<Node> Set, Node Arg)>();
        void Visit(Node? arg, Action<Node> set)
        {
            if (arg == null) return;
            switch (arg)
            {
                case BasicLit or NilExpr: return;
                case SelectorExpr { Op: Op.OMETHEXPR }: return;
                case UnaryExpr { Op: Op.ONEW }: return;
                case Name { Class: Class.PFUNC }: return;
                case ConvExpr { Op: Op.OCONVNOP } cv when cv.Type!.IsUintptr && cv.X.Type!.IsUnsafePtr:
                    Visit(cv.X, v => cv.X = v);
                    return;
                case CompLitExpr { Op: Op.OARRAYLIT or Op.OSLICELIT or Op.OSTRUCTLIT } cl:
                    for (int i = 0; i < cl.List.Count; i++)
                    {
                        int j = i;
                        switch (cl.List[i])
                        {
                            case KeyExpr k: Visit(k.Value, v => k.Value = v); break;
                            case StructKeyExpr sk: Visit(sk.Value, v => sk.Value = v); break;
                            default: Visit(cl.List[i], v => cl.List[j] = v); break;
                        }
                    }
                    return;
            }
            spills.Add((set, arg));
        }
        void VisitList(List<Node> l)
        {
            for (int i = 0; i < l.Count; i++) { int j = i; Visit(l[i], v => l[j] = v); }
        }
        switch (call)
        {
            case CallExpr { Op: Op.OCALLFUNC } c:
                Visit(c.Fun, v => c.Fun = v);
                VisitList(c.Args);
                break;
            case CallExpr { Op: Op.OCALLINTER } c:
            {
                var dot = (SelectorExpr)c.Fun!;
                spills.Add((v => dot.X = v, dot.X));
                VisitList(c.Args);
                break;
            }
            case CallExpr c: VisitList(c.Args); break;
            case BinaryExpr b: Visit(b.X, v => b.X = v); Visit(b.Y, v => b.Y = v); break;
            case UnaryExpr u: Visit(u.X, v => u.X = v); break;
        }
        if (spills.Count != 0)
        {
            var asn = new AssignListStmt(Op.OAS2, pos, [], []);
            foreach (var (set, arg) in spills)
            {
                var p = IrUtil.HasUniquePos(arg) ? arg.Pos : pos;
                var tmp = Temp(p, arg.Type!);
                init.Add(new Decl(p, tmp));
                tmp.Defn = asn;
                asn.Lhs.Add(tmp);
                asn.Rhs.Add(arg);
                var cv = new Name(p, tmp.Sym, tmp.Type, Class.PAUTOHEAP)
                {
                    Curfn = wrapper, IsClosureVar = true, Defn = tmp, Outer = tmp,
                };
                wrapper.ClosureVars.Add(cv);
                set(cv);
            }
            init.Add(asn);
        }
        wrapper.Body.Add(call);
        return new CallExpr(Op.OCALLFUNC, call.Pos, clo, []);
    }
}
