using GoEscape.Syntax;
using GoEscape.Types.Constant;
using K = GoEscape.Types.Constant.Const;

namespace GoEscape.Types;

// Calls, selectors, conversions (models types2 call.go, conversions.go).
public sealed partial class Checker
{
    /// <summary>models types2.(*Checker).funcInst (explicit instantiation f[T]).</summary>
    private void FuncInst(Target? T, Pos pos, Operand x, IndexExpr inst, bool infer)
    {
        var xlist = UnpackList(inst.Index);
        var targs = TypeList(xlist);
        if (targs == null) { x.Mode = OperandMode.Invalid; return; }
        var sig = (Signature)x.Type;
        int got = targs.Length, want = sig.TypeParams.Len;
        if (got > want)
        {
            Error(xlist[want], $"got {got} type arguments but {ExprString(x.Expr!)} has {want} type parameters");
            x.Mode = OperandMode.Invalid;
            return;
        }
        if (got < want)
        {
            if (!infer) return;
            // types2 funcInst: rename the type parameters, so that a recursive partial instantiation (f[P] inside
            // f[P *Q, Q any]) does not unify f's type parameters with themselves
            var (tparams2, _) = Inference.RenameTParams(sig.TypeParams.List, Tuple.Empty, _ctxt);
            var all = InferTypeArgs(inst.Pos, tparams2, new List<GoType?>(targs), null, new List<Operand>(), false);
            if (all == null)
            {
                Error(inst, $"in call to {ExprString(x.Expr!)}, cannot infer {sig.TypeParams.At(got).Obj.Name}");
                x.Mode = OperandMode.Invalid;
                return;
            }
            targs = all;
        }
        var isig = (Signature)InstantiateSignature(x.Pos(), x.Expr!, sig, targs, xlist);
        x.Type = isig;
        x.Mode = OperandMode.Value;
    }

    private GoType InstantiateSignature(Pos pos, Expr expr, Signature typ, GoType[] targs, List<Expr>? xlist)
    {
        var inst = (Signature)GoTypes.InstanceOf(typ, targs, _ctxt);
        RecordInstance(expr, targs, inst);
        var tparams = typ.TypeParams.List;
        Later(() =>
        {
            var (i, err) = GoTypes.Verify(tparams, targs, _ctxt, Qf);
            if (i >= 0)
            {
                var p = pos;
                if (xlist != null && i < xlist.Count) p = AtPos(xlist[i]);
                SoftError(p, $"{err}");
            }
            else MonoRecordInstance(pos, tparams, targs, xlist);
        });
        return inst;
    }

    /// <summary>models types2.(*Checker).callExpr</summary>
    private ExprKind CallExprCheck(Operand x, CallExpr call)
    {
        List<Expr>? xlist = null;
        GoType[]? targs = null;
        if (call.Fun is IndexExpr iexpr)
        {
            // could be a generic function instantiation or a type conversion with an instantiated type
            if (IndexExprCheck(x, iexpr))
            {
                xlist = UnpackList(iexpr.Index);
                targs = TypeList(xlist);
                if (targs == null)
                {
                    Use(call.ArgList.ToArray());
                    x.Mode = OperandMode.Invalid;
                    x.Expr = call;
                    return ExprKind.Statement;
                }
                var sig0 = (Signature)x.Type;
                if (targs.Length > sig0.TypeParams.Len)
                {
                    Error(xlist[sig0.TypeParams.Len], $"got {targs.Length} type arguments but {ExprString(iexpr.X)} has {sig0.TypeParams.Len} type parameters");
                    Use(call.ArgList.ToArray());
                    x.Mode = OperandMode.Invalid;
                    x.Expr = call;
                    return ExprKind.Statement;
                }
                // fall through to call with explicit targs; record the IndexExpr as a value of generic type
            }
            else
            {
                x.Expr = iexpr;
                Record(x);
            }
        }
        else ExprOrType(x, call.Fun, true);

        switch (x.Mode)
        {
            case OperandMode.Invalid:
                Use(call.ArgList.ToArray());
                x.Expr = call;
                return ExprKind.Statement;
            case OperandMode.TypeExpr:
                {
                    var T = x.Type;
                    x.Mode = OperandMode.Invalid;
                    switch (call.ArgList.Count)
                    {
                        case 0:
                            Error(call, $"missing argument in conversion to {TS(T)}");
                            break;
                        case 1:
                            EvalExpr(null, x, call.ArgList[0]);
                            if (x.Mode != OperandMode.Invalid)
                            {
                                if (call.HasDots) { Error(call.ArgList[0], $"invalid use of ... in conversion to {TS(T)}"); break; }
                                if (!IsComplete(T)) { x.Mode = OperandMode.Invalid; break; }
                                if (T.Underlying() is Interface it && !IsTypeParam(T))
                                {
                                    if (!it.IsMethodSet()) { Error(call, $"cannot use interface {TS(T)} in conversion (contains specific type constraints or is comparable)"); break; }
                                }
                                Conversion(x, T);
                            }
                            break;
                        default:
                            Use(call.ArgList.ToArray());
                            Error(call.ArgList[^1], $"too many arguments in conversion to {TS(T)}");
                            break;
                    }
                    x.Expr = call;
                    return ExprKind.Conversion;
                }
            case OperandMode.Builtin:
                {
                    var id = x.Id;
                    if (!BuiltinCall(x, call, id)) x.Mode = OperandMode.Invalid;
                    x.Expr = call;
                    if (x.Mode != OperandMode.Invalid && x.Mode != OperandMode.Constant) _env.HasCallOrRecv = true;
                    if (x.Mode != OperandMode.Invalid && x.Mode == OperandMode.Constant) { }
                    return Universe.BuiltinInfo(id).Statement ? ExprKind.Statement : ExprKind.Expression;
                }
        }

        // ordinary function/method call
        var (u, err) = CommonUnder(x.Type, (t, uu) =>
        {
            if (uu != null && uu is not Signature) return $"{TS(t!)} is not a function";
            return null;
        });
        var sig = u as Signature;
        if (sig == null)
        {
            // models types2 callExpr: "cannot call %s: %s"
            Error(x, $"{InvalidOp}cannot call {OpString(x)}: {err ?? "no specific type"}");
            x.Mode = OperandMode.Invalid;
            x.Expr = call;
            return ExprKind.Statement;
        }
        var wasGeneric = sig.TypeParams.Len > 0;

        var args = GenericExprList(call.ArgList);
        sig = Arguments(call, sig, targs, xlist, args);

        if (wasGeneric && sig.TypeParams.Len == 0)
        {
            // update the recorded type of call.Fun to the instantiated signature
            RecordTypeAndValue(call.Fun, ExprMode.Value, sig, null);
        }

        switch (sig.Results.Len)
        {
            case 0:
                x.Mode = OperandMode.NoValue;
                break;
            case 1:
                x.Mode = OperandMode.Value;
                x.Type = sig.Results.At(0).Type!;
                // types2 callExpr: we cannot return a value of an incomplete type
                if (!IsComplete(x.Type))
                {
                    x.Mode = OperandMode.Invalid;
                    x.Expr = call;
                    return ExprKind.Statement;
                }
                break;
            default:
                x.Mode = OperandMode.Value;
                x.Type = sig.Results;
                break;
        }
        x.Expr = call;
        _env.HasCallOrRecv = true;
        if (x.Mode == OperandMode.Value && sig.TypeParams.Len > 0) { }
        return ExprKind.Statement;
    }

    /// <summary>models types2.(*Checker).genericExprList: evaluates arguments, allowing generic functions.</summary>
    private List<Operand> GenericExprList(List<Expr> elist)
    {
        var res = new List<Operand>(elist.Count);
        if (elist.Count == 1)
        {
            var e = elist[0];
            var x = new Operand();
            if (e is IndexExpr ie && IndexExprIsGenericFunc(x, ie)) { res.Add(x); return res; }
            RawExpr(null, x, e, null, true);
            Exclude(x, ExcludeNoValue | ExcludeBuiltin | ExcludeType);
            if (x.Type is Tuple t && x.Mode == OperandMode.Value)
            {
                for (int i = 0; i < t.Len; i++) res.Add(new Operand { Mode = OperandMode.Value, Expr = e, Type = t.At(i).Type! });
                return res;
            }
            res.Add(x);
            return res;
        }
        foreach (var e in elist)
        {
            var x = new Operand();
            if (e is IndexExpr ie && IndexExprIsGenericFunc(x, ie)) { res.Add(x); continue; }
            GenericExpr(x, e);
            res.Add(x);
        }
        return res;
    }

    private bool IndexExprIsGenericFunc(Operand x, IndexExpr ie)
    {
        // partial instantiation f[T] used as argument: evaluate the instantiation without inference
        var tmp = new Operand();
        if (IndexExprCheck(tmp, ie))
        {
            FuncInst(null, ie.Pos, tmp, ie, false);
            if (tmp.Mode != OperandMode.Invalid)
            {
                x.CopyFrom(tmp);
                x.Expr = ie;
                Record(x);
            }
            else x.CopyFrom(tmp);
            return true;
        }
        x.CopyFrom(tmp);
        x.Expr = ie;
        Record(x);
        return true;
    }

    /// <summary>models types2.(*Checker).arguments: checks argument passing, infers type arguments; returns the
    /// (instantiated) signature.</summary>
    private Signature Arguments(CallExpr call, Signature sig, GoType[]? targs, List<Expr>? xlist, List<Operand> args)
    {
        int nargs = args.Count;
        int npars = sig.Params.Len;
        bool ddd = call.HasDots;

        // collect parameter types, adjusting for variadic calls
        var sigParams = sig.Params;
        bool adjusted = false;
        if (sig.Variadic)
        {
            if (ddd)
            {
                if (call.ArgList.Count == 1 && nargs > 1)
                {
                    Error(call, $"cannot use ... with {nargs}-valued {ExprString(call.ArgList[0])}");
                    return sig;
                }
            }
            else
            {
                if (nargs >= npars - 1)
                {
                    var vars = new List<Var>(nargs);
                    for (int i = 0; i < npars - 1; i++) vars.Add(sigParams.At(i));
                    var last = sigParams.At(npars - 1);
                    var typ = ((Slice)CoreTypeOrSlice(last.Type!)).Elem;
                    for (int i = npars - 1; i < nargs; i++) vars.Add(new Var(VarKind.ParamVar, last.Pos, last.Pkg, last.Name, typ));
                    sigParams = new Tuple(vars);
                    adjusted = true;
                    npars = nargs;
                }
                else npars--; // variadic parameter may be empty
            }
        }
        else
        {
            if (ddd)
            {
                Error(call, $"cannot use ... in call to non-variadic {ExprString(call.Fun)}");
                return sig;
            }
        }

        if (nargs != npars)
        {
            Node at = call;
            string qualifier = "not enough";
            if (nargs > npars) { at = args[npars].Expr!; qualifier = "too many"; }
            else if (nargs > 0) at = args[nargs - 1].Expr!;
            var msg = $"{qualifier} arguments in call to {ExprString(call.Fun)}\n\thave {TupleTypesOf(args)}\n\twant {TupleString(sig.Params, sig.Variadic)}";
            Error(at, msg);
            return sig;
        }

        // infer type arguments (including those of generic function arguments: types2 genericArgs)
        int ntparams = sig.TypeParams.Len;
        var genericArgs = new List<int>();
        var allTParams = new List<TypeParam>();
        var allTArgs = new List<GoType?>();
        TypeParam[]? calleeTParams = null;
        if (ntparams > 0)
        {
            var (tparams2, renamed) = Inference.RenameTParams(sig.TypeParams.List, sigParams, _ctxt);
            calleeTParams = tparams2;
            sigParams = (Tuple)renamed;
            allTParams.AddRange(tparams2);
            if (targs != null) allTArgs.AddRange(targs);
            while (allTArgs.Count < allTParams.Count) allTArgs.Add(null);
        }
        for (int i = 0; i < args.Count; i++)
        {
            if (args[i].Mode != OperandMode.Invalid && args[i].Type is Signature { TypeParams.Len: > 0 } asig)
            {
                var (atparams, tmp) = Inference.RenameTParams(asig.TypeParams.List, asig, _ctxt);
                var ts = (Signature)tmp;
                var nsig = new Signature(null, null, atparams, ts.Params, ts.Results, ts.Variadic);
                _genericArgOrig[nsig] = asig;
                args[i].Type = nsig;
                allTParams.AddRange(atparams);
                while (allTArgs.Count < allTParams.Count) allTArgs.Add(null);
                genericArgs.Add(i);
            }
        }
        if (allTParams.Count > 0)
        {
            var inferred = InferTypeArgs(call.Pos, allTParams, allTArgs, sigParams, args, true, ExprString(call.Fun));
            if (inferred == null) return sig;
            if (ntparams > 0)
            {
                var ctargs = inferred[..ntparams];
                var isig = (Signature)InstantiateSignature(call.Pos, call.Fun, sig, ctargs, xlist);
                if (adjusted)
                {
                    var smap = new SubstMap(calleeTParams!, ctargs);
                    sigParams = (Tuple)GoTypes.Subst(sigParams, smap, _ctxt);
                }
                else sigParams = isig.Params;
                sig = isig;
            }
            int j = ntparams;
            foreach (var i in genericArgs)
            {
                var arg = args[i];
                var asig = (Signature)arg.Type;
                int k = j + asig.TypeParams.Len;
                var orig = _genericArgOrig[asig];
                var inst = InstantiateSignature(call.Pos, arg.Expr!, orig, inferred[j..k], null);
                arg.Type = inst;
                Record(arg);
                j = k;
            }
        }

        // check arguments
        if (nargs > 0)
        {
            string context = $"argument to {ExprString(call.Fun)}";
            for (int i = 0; i < nargs; i++)
            {
                var a = args[i];
                var ptype = sigParams.At(i).Type!;
                if (ddd && i == nargs - 1 && sig.Variadic)
                {
                    // last argument of the form x...: must be assignable to the slice type (or string for append special case)
                }
                Assignment(a, ptype, context);
            }
        }
        return sig;
    }

    private readonly Dictionary<Signature, Signature> _genericArgOrig = new(ReferenceEqualityComparer.Instance);

    private GoType CoreTypeOrSlice(GoType t)
    {
        if (t.Underlying() is Slice s) return s;
        var ct = CoreType(t);
        if (ct is Slice) return ct;
        if (ct != null && IsString(ct)) return new Slice(Universe.ByteType);
        return new Slice(Universe.Invalid);
    }

    private string TupleTypesOf(List<Operand> args)
    {
        var parts = new List<string>();
        foreach (var a in args)
        {
            if (a.Mode == OperandMode.Invalid) parts.Add("invalid type");
            else if (IsUntyped(a.Type) && a.Mode == OperandMode.Constant) parts.Add("number");
            else parts.Add(TS(a.Type));
        }
        return "(" + string.Join(", ", parts) + ")";
    }

    private string TupleString(Tuple t, bool variadic)
    {
        var parts = new List<string>();
        for (int i = 0; i < t.Len; i++)
        {
            var typ = t.At(i).Type!;
            if (variadic && i == t.Len - 1 && typ is Slice s) parts.Add("..." + TS(s.Elem));
            else parts.Add(TS(typ));
        }
        return "(" + string.Join(", ", parts) + ")";
    }

    // ------------------------------------------------------------------------------------------------
    // Selectors

    /// <summary>models types2.(*Checker).selector</summary>
    internal void SelectorCheck(Operand x, SelectorExpr e, bool wantType)
    {
        var sel = e.Sel.Value;
        if (e.X is Name ident)
        {
            var (scope, obj) = _env.LookupScope(ident.Value);
            if (obj is PkgName pname)
            {
                RecordUse(ident, pname);
                _usedPkgNames.Add(pname);
                var pkg = pname.Imported;
                GoObject? exp = null;
                if (pkg.Fake)
                {
                    x.Mode = OperandMode.Invalid;
                    x.Expr = e;
                    return;
                }
                exp = pkg.Scope.Lookup(sel);
                // gc imports packages from export data, which holds no unexported package-level objects: such a
                // name is undefined there (types2 would otherwise say "name %s not exported by package %s")
                if (exp != null && !exp.Exported && !ReferenceEquals(exp.Pkg, _pkg)) exp = null;
                if (exp == null)
                {
                    if (!pkg.Fake)
                    {
                        GoObject? but = null;
                        foreach (var n in pkg.Scope.Names())
                        {
                            var o = pkg.Scope.Lookup(n);
                            if (o != null && o.Exported && string.Equals(n, sel, StringComparison.OrdinalIgnoreCase)) { but = o; break; }
                        }
                        Error(e.Sel, but != null ? $"undefined: {ExprString(e)} (but have {but.Name})" : $"undefined: {ExprString(e)}");
                    }
                    goto Err;
                }
                if (!exp.Exported)
                {
                    Error(e.Sel, $"name {sel} not exported by package {pkg.Name}");
                    goto Err;
                }
                RecordUse(e.Sel, exp);
                switch (exp)
                {
                    case Const c:
                        x.Mode = OperandMode.Constant;
                        x.Type = c.Type!;
                        x.Val = c.Val;
                        break;
                    case TypeName tn:
                        x.Mode = OperandMode.TypeExpr;
                        x.Type = tn.Type!;
                        break;
                    case Var v:
                        x.Mode = OperandMode.Variable;
                        x.Type = v.Type!;
                        break;
                    case Func f:
                        x.Mode = OperandMode.Value;
                        x.Type = f.Type!;
                        break;
                    case Builtin b:
                        x.Mode = OperandMode.Builtin;
                        x.Type = Universe.Invalid;
                        x.Id = b.Kind;
                        break;
                }
                x.Expr = e;
                return;
            }
        }

        ExprOrType(x, e.X, false);
        switch (x.Mode)
        {
            case OperandMode.Builtin:
                Error(e.Pos, $"invalid use of {OpString(x)} in selector expression");
                goto Err;
            case OperandMode.Invalid:
                goto Err;
        }
        if (x.Mode == OperandMode.NoValue)
        {
            Error(x, $"{OpString(x)} used as value or type");
            goto Err;
        }
        // types2 1.27 selector: we cannot select on an incomplete type; all paths below yield a value, so a wanted
        // type is an error (go.dev/issue/57522); selecting through a pointer needs a complete base type
        if (!IsComplete(x.Type)) goto Err;
        if (wantType)
        {
            Error(e.Sel, $"{ExprString(e)} is not a type");
            goto Err;
        }
        if (x.Type.Underlying() is Pointer xp && !IsComplete(xp.Elem)) goto Err;
        var (obj2, index, indirect) = LookupUtil.LookupFieldOrMethod(x.Type, x.Mode == OperandMode.Variable, _pkg, sel, false);
        if (obj2 == null)
        {
            if (!IsValidType(x.Type.Underlying())) goto Err;
            if (index != null)
            {
                Error(e.Sel, $"ambiguous selector {ExprString(e)}");
                goto Err;
            }
            if (indirect)
            {
                if (x.Mode == OperandMode.TypeExpr)
                    Error(e.Sel, $"invalid method expression {TS(x.Type)}.{sel} (needs pointer receiver (*{TS(x.Type)}).{sel})");
                else
                    Error(e.Sel, $"cannot call pointer method {sel} on {TS(x.Type)}");
                goto Err;
            }
            string why;
            if (IsInterfacePtr(x.Type)) why = InterfacePtrError(x.Type);
            else
            {
                var alt = LookupUtil.LookupFieldOrMethod(x.Type, x.Mode == OperandMode.Variable, _pkg, sel, true).Obj;
                why = LookupErrorCause(x.Type, sel, alt);
            }
            Error(e.Sel, $"{ExprString(e)} undefined ({why})");
            goto Err;
        }

        if (obj2 is Func fm) ObjDecl(fm);

        if (x.Mode == OperandMode.TypeExpr)
        {
            // method expression
            if (obj2 is not Func m)
            {
                Error(e.Sel, $"{ExprString(e)} undefined (type {TS(x.Type)} has no method {sel})");
                goto Err;
            }
            RecordSelection(e, SelectionKind.MethodExpr, x.Type, m, index!, indirect);
            // types2 guards funcDecl with an empty signature; ours leaves Type null until the signature is known
            if (m.Type is not Signature { Recv: not null } msig)
            {
                Error(e, "illegal cycle in method declaration");
                goto Err;
            }
            // the receiver type becomes the type of the first function argument
            var parms = new List<Var>();
            var recvT = x.Type;
            // be consistent about named/unnamed parameters (types2 selector)
            string rname = "";
            if (msig.Params.Len > 0 && msig.Params.At(0).Name != "") rname = msig.Recv.Name == "" ? "_" : msig.Recv.Name;
            parms.Add(new Var(VarKind.ParamVar, msig.Recv.Pos, msig.Recv.Pkg, rname, recvT));
            parms.AddRange(msig.Params.Variables);
            x.Mode = OperandMode.Value;
            x.Type = new Signature(null, null, msig.TypeParams.Len > 0 ? msig.TypeParams.List : null, new Tuple(parms), msig.Results, msig.Variadic);
            AddDeclDep(m);
        }
        else
        {
            switch (obj2)
            {
                case Var f:
                    RecordSelection(e, SelectionKind.FieldVal, x.Type, f, index!, indirect);
                    if (x.Mode == OperandMode.Variable || indirect) x.Mode = OperandMode.Variable;
                    else x.Mode = OperandMode.Value;
                    x.Type = f.Type!;
                    break;
                case Func m:
                    RecordSelection(e, SelectionKind.MethodVal, x.Type, m, index!, indirect);
                    if (m.Type is not Signature sig)
                    {
                        Error(e, "illegal cycle in method declaration");
                        goto Err;
                    }
                    x.Mode = OperandMode.Value;
                    x.Type = new Signature(null, null, sig.TypeParams.Len > 0 ? sig.TypeParams.List : null, sig.Params, sig.Results, sig.Variadic);
                    AddDeclDep(m);
                    break;
            }
        }
        x.Expr = e;
        return;
    Err:
        x.Mode = OperandMode.Invalid;
        x.Expr = e;
    }

    /// <summary>models types2.(*Checker).lookupError</summary>
    private string LookupErrorCause(GoType typ, string sel, GoObject? obj, bool structLit = false)
    {
        const int missing = 1, misspelled = 2, unexported = 3, inaccessible = 4;
        static bool IsExp(string n) => n.Length > 0 && char.IsUpper(n, 0);
        static string Tail(string n) => n.Length > 0 ? n[(char.IsSurrogate(n[0]) ? 2 : 1)..] : n;
        int e = missing;
        string alt = "";
        if (obj != null)
        {
            alt = obj.Name;
            if (ReferenceEquals(obj.Pkg, _pkg)) e = misspelled;
            else if (IsExp(sel))
            {
                if (IsExp(alt)) e = misspelled;
                else if (Tail(sel) == Tail(alt)) e = unexported;
            }
            else if (IsExp(alt))
            {
                if (Tail(sel) == Tail(alt)) e = misspelled;
            }
            else if (sel == alt) e = inaccessible;
        }
        if (structLit)
        {
            return e switch
            {
                misspelled => $"unknown field {sel} in struct literal of type {TS(typ)}, but does have {alt}",
                unexported => $"unknown field {sel} in struct literal of type {TS(typ)}, but does have unexported {alt}",
                inaccessible => $"cannot refer to unexported field {alt} in struct literal of type {TS(typ)}",
                _ => $"unknown field {sel} in struct literal of type {TS(typ)}",
            };
        }
        string what = obj switch { Var => "field", Func => "method", _ => "object" };
        return e switch
        {
            misspelled => $"type {TS(typ)} has no field or method {sel}, but does have {what} {alt}",
            unexported => $"type {TS(typ)} has no field or method {sel}, but does have unexported {what} {alt}",
            inaccessible => $"cannot refer to unexported {what} {alt}",
            _ => $"type {TS(typ)} has no field or method {sel}",
        };
    }

    // ------------------------------------------------------------------------------------------------
    // Conversions (models types2 conversions.go)

    internal void Conversion(Operand x, GoType T)
    {
        bool constArg = x.Mode == OperandMode.Constant;
        bool ok;
        string? cause = null;
        bool ConstConvertibleTo(GoType TT, out ConstValue? val)
        {
            val = null;
            switch (TT.Underlying())
            {
                case Basic t when IsConstType(t) || t.Kind == BasicKind.Invalid:
                    if (RepresentableConst(x.Val!, t, out var v)) { val = v; return true; }
                    if (IsInteger(x.Type) && IsString(t))
                    {
                        var codepoint = 0xFFFD;
                        var (i, exact) = K.Int64Val(x.Val!);
                        if (exact && i >= 0 && i <= 0x10FFFF && !(i >= 0xD800 && i <= 0xDFFF)) codepoint = (int)i;
                        val = K.MakeString(char.ConvertFromUtf32(codepoint));
                        return true;
                    }
                    return false;
            }
            return false;
        }
        ConstValue? newVal = null;
        if (constArg && IsConstType(T))
        {
            ok = ConstConvertibleTo(T, out newVal);
            if (!ok && IsInteger(x.Type) && IsInteger(T))
            {
                // types2 conversion: a concise error for integer overflow (go.dev/issue/63563)
                Error(x, $"constant {x.Val!.String()} overflows {TS(T)}");
                x.Mode = OperandMode.Invalid;
                return;
            }
        }
        else if (constArg && IsTypeParam(T))
        {
            ok = TypeParamTypeset((TypeParam)Unalias(T), (_, u) =>
            {
                if (u == null) { cause = $"{TS(T)} does not contain specific types"; return false; }
                if (IsString(x.Type) && IsBytesOrRunes(u)) return true; // types2 conversion: isBytesOrRunes
                if (!ConstConvertibleTo(u, out ConstValue? _))
                {
                    if (IsInteger(x.Type) && IsInteger(u)) cause = $"constant {x.Val} overflows {TS(u)} (in {TS(T)})";
                    else cause = $"cannot convert {OpString(x)} to type {TS(u)} (in {TS(T)})";
                    return false;
                }
                return true;
            });
            x.Mode = OperandMode.Value;
        }
        else
        {
            ok = ConvertibleTo(x, T, ref cause);
            if (ok) x.Mode = OperandMode.Value;
        }
        if (!ok)
        {
            if (cause != null && cause != "") Error(x, $"cannot convert {OpString(x)} to type {TS(T)}: {cause}");
            else Error(x, $"cannot convert {OpString(x)} to type {TS(T)}");
            x.Mode = OperandMode.Invalid;
            return;
        }
        if (constArg && IsConstType(T))
        {
            x.Val = newVal;
            x.Mode = OperandMode.Constant;
        }
        if (IsUntyped(x.Type))
        {
            var final = T;
            if (IsNonTypeParamInterface(T) || (constArg && !IsConstType(T)) || !IsTypesTyped(x)) final = Default(x.Type);
            else if (x.Mode == OperandMode.Constant && IsInteger(x.Type) && AllString(T)) final = x.Type;
            UpdateExprType(x.Expr!, final, true);
        }
        x.Type = T;
    }

    private static bool IsTypesTyped(Operand x) => true;

    /// <summary>models types2.(*operand).convertibleTo</summary>
    private bool ConvertibleTo(Operand x, GoType T, ref string? cause)
    {
        // types2 passes the caller's cause: an assignability failure's reason stays when no later rule applies
        if (AssignableTo(x, T, ref cause)) return true;
        var origT = T;
        var V = Unalias(x.Type);
        T = Unalias(T);
        var Vu = V.Underlying();
        var Tu = T.Underlying();
        var Vp = V as TypeParam;
        var Tp = T as TypeParam;
        if (GoTypes.IdenticalIgnoreTags(Vu, Tu) && Vp == null && Tp == null) return true;
        if (V is Pointer vp && T is Pointer tp)
        {
            if (GoTypes.IdenticalIgnoreTags(vp.Elem.Underlying(), tp.Elem.Underlying()) && !IsTypeParam(vp.Elem) && !IsTypeParam(tp.Elem)) return true;
        }
        if (IsIntegerOrFloat(Vu) && IsIntegerOrFloat(Tu)) return true;
        if (IsComplex(Vu) && IsComplex(Tu)) return true;
        if ((IsInteger(Vu) || IsBytesOrRunes(Vu)) && IsString(Tu)) return true;
        if (IsString(Vu) && IsBytesOrRunes(Tu)) return true;
        if ((Vu is Pointer || IsUintptr(Vu)) && IsUnsafePointer(Tu)) return true;
        if (IsUnsafePointer(Vu) && (Tu is Pointer || IsUintptr(Tu))) return true;
        if (Vu is Slice vs)
        {
            switch (Tu)
            {
                case Array a:
                    if (GoTypes.Identical(vs.Elem, a.Elem))
                    {
                        if (!AllowVersion(GoVersions.Go1_20)) { cause = "conversion of slice to array requires go1.20 or later"; return false; }
                        return true;
                    }
                    break;
                case Pointer p when p.Elem.Underlying() is Array pa:
                    if (GoTypes.Identical(vs.Elem, pa.Elem))
                    {
                        if (!AllowVersion(GoVersions.Go1_17)) { cause = "conversion of slice to array pointer requires go1.17 or later"; return false; }
                        return true;
                    }
                    break;
            }
        }
        if (Vp == null && Tp == null) return false;
        string? errCause = cause;
        bool result;
        if (Vp != null && Tp != null)
        {
            var xx = x.Clone();
            result = TypeParamIs(Vp, vt =>
            {
                if (vt == null) return false;
                xx.Type = vt.Type!;
                return TypeParamIs(Tp, tt =>
                {
                    if (tt == null) return false;
                    string? c = null;
                    if (!ConvertibleTo(xx, tt.Type!, ref c)) { errCause = $"cannot convert {TS(vt.Type!)} (in {TS(Vp)}) to type {TS(tt.Type!)} (in {TS(Tp)})"; return false; }
                    return true;
                });
            });
        }
        else if (Vp != null)
        {
            var xx = x.Clone();
            result = TypeParamIs(Vp, vt =>
            {
                if (vt == null) return false;
                xx.Type = vt.Type!;
                string? c = null;
                if (!ConvertibleTo(xx, T, ref c)) { errCause = $"cannot convert {TS(vt.Type!)} (in {TS(Vp)}) to type {TS(origT)}"; return false; }
                return true;
            });
        }
        else
        {
            result = TypeParamIs(Tp!, tt =>
            {
                if (tt == null) return false;
                string? c = null;
                if (!ConvertibleTo(x, tt.Type!, ref c)) { errCause = $"cannot convert {TS(x.Type)} to type {TS(tt.Type!)} (in {TS(Tp!)})"; return false; }
                return true;
            });
        }
        cause = errCause;
        return result;
    }

    private static bool IsUintptr(GoType t) => t.Underlying() is Basic { Kind: BasicKind.Uintptr };
    private static bool IsUnsafePointer(GoType t) => t.Underlying() is Basic { Kind: BasicKind.UnsafePointer };

    private bool IsBytesOrRunes(GoType t)
    {
        if (t.Underlying() is Slice s)
        {
            var e = s.Elem.Underlying();
            return e is Basic { Kind: BasicKind.Uint8 or BasicKind.Int32 };
        }
        return false;
    }
}

internal static class OperandExt
{
    public static Pos Pos(this Operand x) => x.Expr?.Pos ?? default;
}
