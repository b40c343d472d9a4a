using GoEscape.Syntax;
using K = GoEscape.Types.Constant.Const;
using GoEscape.Types.Constant;

namespace GoEscape.Types;

// Type expressions, signatures, structs, interfaces, unions (models types2 typexpr.go, signature.go, struct.go,
// interface.go, union.go).
public sealed partial class Checker
{
    internal Scope OpenScope(Node node, string comment)
    {
        var saved = _env.Scope!;
        var scope = new Scope(saved, ToSourcePos(AtPos(node)), ToSourcePos(EndOf(node)), comment);
        RecordScope(node, scope);
        _env.Scope = scope;
        return saved;
    }

    internal void CloseScope(Scope saved) => _env.Scope = saved;

    /// <summary>models types2.(*Checker).ident</summary>
    internal void IdentCheck(Operand x, Name e, bool wantType)
    {
        x.Invalidate();
        x.Expr = e;
        var (scope, obj) = _env.LookupScope(e.Value);
        if (obj == null)
        {
            if (e.Value == "_") Error(e, "cannot use _ as value or type");
            else Error(e, $"undefined: {e.Value}");
            return;
        }
        if (ReferenceEquals(obj, Universe.AnyObj) || ReferenceEquals(obj, Universe.Comparable.Obj))
        {
            if (!VerifyVersion(e, GoVersions.Go1_18, $"predeclared {e.Value}")) return;
        }
        RecordUse(e, obj);
        bool gotType = obj is TypeName;
        if (!gotType && wantType)
        {
            Error(e, $"{obj.Name} ({ObjectKind(obj)}) is not a type");
            if (obj is Var v0 && ReferenceEquals(v0.Pkg, _pkg)) _usedVars.Add(v0);
            return;
        }
        var typ = obj.Type;
        if (typ == null || (gotType && wantType && ReferenceEquals(obj.Pkg, _pkg)))
        {
            ObjDecl(obj);
            typ = obj.Type ?? Universe.Invalid;
        }
        if (scope != null && _dotImportMap.TryGetValue((scope, obj.Name), out var pkgName)) _usedPkgNames.Add(pkgName);
        switch (obj)
        {
            case PkgName pn:
                Error(e, $"use of package {pn.Name} not in selector");
                return;
            case Const c:
                AddDeclDep(c);
                if (!IsValidType(typ)) return;
                if (ReferenceEquals(c, Universe.Iota))
                {
                    if (_env.Iota == null) { Error(e, "cannot use iota outside constant declaration"); return; }
                    x.Val = _env.Iota;
                }
                else x.Val = c.Val;
                x.Mode = OperandMode.Constant;
                break;
            case TypeName:
                x.Mode = OperandMode.TypeExpr;
                break;
            case Var v:
                if (ReferenceEquals(v.Pkg, _pkg)) _usedVars.Add(v);
                AddDeclDep(v);
                if (!IsValidType(typ)) return;
                x.Mode = OperandMode.Variable;
                break;
            case Func f:
                AddDeclDep(f);
                x.Mode = OperandMode.Value;
                break;
            case Builtin b:
                x.Id = b.Kind;
                x.Mode = OperandMode.Builtin;
                break;
            case Nil:
                x.Mode = OperandMode.NilValue;
                break;
        }
        x.Type = typ;
    }

    /// <summary>models types2.objectKind</summary>
    internal static string ObjectKind(GoObject obj) => obj switch
    {
        PkgName => "package name",
        Const => "constant",
        TypeName tn => tn.IsAlias ? "type alias" : tn.Type is TypeParam ? "type parameter" : "defined type",
        Var v => v.Kind switch
        {
            VarKind.PackageVar => "package-level variable",
            VarKind.LocalVar => "local variable",
            VarKind.RecvVar => "receiver",
            VarKind.ParamVar => "parameter",
            VarKind.ResultVar => "result variable",
            VarKind.FieldVar => "struct field",
            _ => "variable",
        },
        Func f => f.Type is Signature { Recv: not null } ? "method" : "function",
        Label => "label",
        Builtin => "built-in function",
        Nil => "untyped nil",
        _ => "object",
    };

    internal GoType Typ(Expr e) => DeclaredType(e, null);

    internal GoType VarType(Expr e)
    {
        var typ = DeclaredType(e, null);
        ValidVarType(e, typ);
        return typ;
    }

    private void ValidVarType(Expr e, GoType typ)
    {
        if (IsTypeParam(typ)) return;
        Later(() =>
        {
            if (typ.Underlying() is Interface t)
            {
                var tset = t.TypeSet();
                if (!tset.IsMethodSet)
                {
                    if (tset.Comparable) SoftError(e, $"cannot use type {TS(typ)} outside a type constraint: interface is (or embeds) comparable");
                    else SoftError(e, $"cannot use type {TS(typ)} outside a type constraint: interface contains type constraints");
                }
            }
        });
    }

    internal GoType DeclaredType(Expr e, TypeName? def)
    {
        var typ = TypInternal(e, def);
        if (IsGeneric(typ))
        {
            Error(e, $"cannot use generic type {TS(typ)} without instantiation");
            typ = Universe.Invalid;
        }
        RecordTypeAndValue(e, ExprMode.TypeExpr, typ, null);
        return typ;
    }

    internal GoType GenericType(Expr e, ref string? cause)
    {
        var typ = TypInternal(e, null);
        if (IsValidType(typ) && !IsGeneric(typ))
        {
            cause = $"{TS(typ)} is not a generic type";
            typ = Universe.Invalid;
        }
        RecordTypeAndValue(e, ExprMode.TypeExpr, typ, null);
        return typ;
    }

    /// <summary>models types2.(*Checker).typInternal</summary>
    internal GoType TypInternal(Expr e0, TypeName? def)
    {
        switch (e0)
        {
            case BadExpr:
                break;
            case Name e:
                {
                    var x = new Operand();
                    IdentCheck(x, e, true);
                    switch (x.Mode)
                    {
                        case OperandMode.TypeExpr: return x.Type;
                        case OperandMode.Invalid: break;
                        case OperandMode.NoValue: Error(x, $"{OpString(x)} used as type"); break;
                        default: Error(x, $"{OpString(x)} is not a type"); break;
                    }
                    break;
                }
            case SelectorExpr e:
                {
                    var x = new Operand();
                    SelectorCheck(x, e, true);
                    switch (x.Mode)
                    {
                        case OperandMode.TypeExpr: return x.Type;
                        case OperandMode.Invalid: break;
                        case OperandMode.NoValue: Error(x, $"{OpString(x)} used as type"); break;
                        default: Error(x, $"{OpString(x)} is not a type"); break;
                    }
                    break;
                }
            case IndexExpr e:
                VerifyVersion(e, GoVersions.Go1_18, "type instantiation");
                return InstantiatedType(e.X, UnpackList(e.Index));
            case ParenExpr e:
                return DeclaredType(e.X, def);
            case ArrayType e:
                {
                    long len;
                    if (e.Len != null) len = ArrayLength(e.Len);
                    else
                    {
                        Error(e, "invalid use of [...] array (outside a composite literal)");
                        len = -1;
                    }
                    var elem = VarType(e.Elem);
                    if (len >= 0) return new Array(elem, len);
                    break;
                }
            case SliceType e:
                return new Slice(VarType(e.Elem));
            case DotsType e:
                Error(e, "invalid use of ...");
                break;
            case StructType e:
                return StructTypeCheck(e);
            case Operation e:
                if (e.Op == Operator.Mul && e.Y == null)
                {
                    var p = new Pointer(Universe.Invalid);
                    p.Elem = VarType(e.X);
                    if (!IsValidType(p.Elem)) return Universe.Invalid;
                    return p;
                }
                Error(e0, $"{ExprString(e0)} is not a type");
                Use(e0);
                break;
            case FuncType e:
                return FuncTypeCheck(null, null, e, null);
            case InterfaceType e:
                return InterfaceTypeCheck(e, def);
            case MapType e:
                {
                    var key = VarType(e.Key);
                    var elem = VarType(e.Value);
                    var typ = new Map(key, elem);
                    Later(() =>
                    {
                        if (!Comparable(typ.Key))
                        {
                            string why = IsTypeParam(typ.Key) ? " (missing comparable constraint)" : "";
                            Error(e.Key, $"invalid map key type {TS(typ.Key)}{why}");
                        }
                    });
                    return typ;
                }
            case ChanType e:
                {
                    var dir = e.Dir switch { Syntax.ChanDir.SendOnly => ChanDir.SendOnly, Syntax.ChanDir.RecvOnly => ChanDir.RecvOnly, _ => ChanDir.SendRecv };
                    return new Chan(dir, VarType(e.Elem));
                }
            default:
                Error(e0, $"{ExprString(e0)} is not a type");
                Use(e0);
                break;
        }
        return Universe.Invalid;
    }

    /// <summary>models types2.(*Checker).instantiatedType</summary>
    private GoType InstantiatedType(Expr x, List<Expr> xlist)
    {
        string? cause = "";
        var typ = GenericType(x, ref cause);
        if (!string.IsNullOrEmpty(cause))
            Error(x, $"{InvalidOp}{ExprString(x)}[{string.Join(", ", xlist.ConvertAll(ExprString))}] ({cause})");
        if (!IsValidType(typ)) return typ;
        var targs = TypeList(xlist);
        if (targs == null) return Universe.Invalid;
        var inst = Instance(x.Pos, typ, targs);
        if (inst is not (Named or Alias)) return Universe.Invalid;
        Later(() =>
        {
            RecordInstance(x, targs, inst);
            var (name, tparams) = inst switch
            {
                Named n => (n.Obj.Name, n.TypeParams.List),
                Alias a => (a.Obj.Name, a.Origin.TypeParams.List),
                _ => ("", (IReadOnlyList<TypeParam>)System.Array.Empty<TypeParam>()),
            };
            if (ValidateTArgLen(x.Pos, name, tparams.Count, targs.Length))
            {
                var (i, err) = GoTypes.Verify(tparams, targs, _ctxt, Qf);
                if (i >= 0)
                {
                    var pos = i < xlist.Count ? AtPos(xlist[i]) : x.Pos;
                    SoftError(pos, err);
                }
                else MonoRecordInstance(x.Pos, tparams, targs, xlist);
            }
        });
        return inst;
    }

    /// <summary>models types2.(*Checker).instance (validation is done by the caller).</summary>
    internal GoType Instance(Pos pos, GoType orig, GoType[] targs)
    {
        int want = orig switch
        {
            Named n => n.TypeParams.Len,
            Alias a => a.TypeParams.Len,
            Signature s => s.TypeParams.Len,
            _ => 0,
        };
        if (want != targs.Length)
        {
            if (orig is Signature) return Universe.Invalid;
            // types2 creates an instance anyway and reports the count error in the delayed verification
            if (orig is Named) return WithInstancePos(GoTypes.InstanceOf(orig, targs, _ctxt));
            return Universe.Invalid;
        }
        return WithInstancePos(GoTypes.InstanceOf(orig, targs, _ctxt));

        // types2 newNamedInstance: an instance's type name is positioned where it was first instantiated
        GoType WithInstancePos(GoType inst)
        {
            if (inst is Named { IsInstance: true } n && pos.IsKnown) _objPos.TryAdd(n.Obj, pos);
            return inst;
        }
    }

    internal bool ValidateTArgLen(Pos pos, string name, int want, int got)
    {
        string msg;
        if (got < want) msg = "not enough type arguments for type %s: have %d, want %d";
        else if (got > want) msg = "too many type arguments for type %s: have %d, want %d";
        else return true;
        msg = msg.Replace("%s", name).Replace("have %d", $"have {got}").Replace("want %d", $"want {want}");
        Error(pos, msg);
        return false;
    }

    /// <summary>models types2.(*Checker).arrayLength</summary>
    private long ArrayLength(Expr e)
    {
        if (e is Name name)
        {
            var obj = _env.LookupScope(name.Value).Obj;
            if (obj == null) { Error(name, $"undefined array length {name.Value} or missing type constraint"); return -1; }
            if (obj is not Const) { Error(name, $"invalid array length {name.Value}"); return -1; }
        }
        var x = new Operand();
        EvalExpr(null, x, e);
        if (x.Mode != OperandMode.Constant)
        {
            if (x.IsValid) Error(x, $"array length {OpString(x)} must be constant");
            return -1;
        }
        if (IsUntyped(x.Type) || IsInteger(x.Type))
        {
            var val = K.ToInt(x.Val!);
            if (val.Kind == ConstKind.Int && RepresentableConst(val, Universe.Typ[(int)BasicKind.Int], out _))
            {
                if (K.Int64Val(val) is (long n, true) && n >= 0) return n;
            }
        }
        if (IsInteger(x.Type)) Error(x, $"invalid array length {OpString(x)}");
        else Error(x, $"array length {OpString(x)} must be integer");
        return -1;
    }

    internal GoType[]? TypeList(List<Expr> list)
    {
        var res = new GoType[list.Count];
        bool ok = true;
        for (int i = 0; i < list.Count; i++)
        {
            var t = VarType(list[i]);
            if (!IsValidType(t)) ok = false;
            res[i] = t;
        }
        return ok ? res : null;
    }

    // ------------------------------------------------------------------------------------------------
    // Signatures

    /// <summary>models types2.(*Checker).funcType; returns the new signature (its scope is in _sigScopes).</summary>
    internal Signature FuncTypeCheck(Field? recvPar, List<Field>? tparams, FuncType ftyp, Func? obj)
    {
        var saved = OpenScope(ftyp, "function");
        var scope = _env.Scope!;
        scope.IsFunc = true;
        try
        {
            Var? recv = null;
            List<TypeParam>? rparams = null;
            if (recvPar != null) (recv, rparams) = CollectRecv(recvPar, ftyp.Pos);
            List<TypeParam>? tps = null;
            if (tparams != null && tparams.Count > 0) tps = CollectTypeParams(tparams);
            var (pnames, pars, variadic) = CollectParams(VarKind.ParamVar, ftyp.ParamList);
            var (rnames, results, _) = CollectParams(VarKind.ResultVar, ftyp.ResultList);
            var scopePos = EndOf(ftyp);
            if (recv != null && recv.Name != "") Declare(scope, recvPar!.Name, recv, scopePos);
            DeclareParams(pnames, pars, scopePos);
            DeclareParams(rnames, results, scopePos);
            Signature sig;
            if (recv != null && tps != null)
            {
                // generic method (go1.27): receiver and own type parameters
                sig = new Signature(null, null, tps, new Tuple(pars), new Tuple(results), variadic);
                sig.Recv = recv;
                if (rparams is { Count: > 0 }) sig.RecvTypeParams = TypeParamList.Bind(rparams);
            }
            else sig = new Signature(recv, rparams, tps, new Tuple(pars), new Tuple(results), variadic);
            _sigScopes[sig] = scope;
            return sig;
        }
        finally
        {
            CloseScope(saved);
        }
    }

    private (Var, List<TypeParam>?) CollectRecv(Field rparam, Pos scopePos)
    {
        var (rptr, rbase, rtparams) = UnpackRecv(rparam.Type, true);
        GoType recvType = Universe.Invalid;
        List<TypeParam>? recvTParams = null;
        if (rtparams == null)
        {
            recvType = VarType(rparam.Type);
            var a = Unpointer(recvType) as Alias;
            while (a != null)
            {
                var baseType = Unpointer(a.Rhs ?? Universe.Invalid);
                if (baseType is Named { TypeParams.Len: > 0 } g && !g.IsInstance || baseType is Named { IsInstance: true })
                {
                    Error(rbase, $"cannot define new methods on instantiated type {TS(baseType)}");
                    recvType = Universe.Invalid;
                    break;
                }
                a = baseType as Alias;
            }
        }
        else
        {
            Named? baseType = null;
            string? cause = "";
            var t = GenericType(rbase, ref cause);
            if (IsValidType(t))
            {
                if (t is Named n) baseType = n;
                else if (t is Alias) Error(rbase, $"cannot define new methods on generic alias type {TS(t)}");
            }
            else if (!string.IsNullOrEmpty(cause)) Error(rbase, cause);
            recvTParams = new List<TypeParam>();
            foreach (var rp in rtparams)
            {
                var tpar = DeclareTypeParam(rp, scopePos);
                recvTParams.Add(tpar);
                RecordUse(rp, tpar.Obj);
                RecordTypeAndValue(rp, ExprMode.TypeExpr, tpar, null);
            }
            TypeParamList.Bind(recvTParams);
            if (baseType != null)
            {
                var baseTParams = baseType.TypeParams.List;
                if (recvTParams.Count == baseTParams.Count)
                {
                    var smap = new SubstMap(baseTParams, recvTParams.ToArray());
                    for (int i = 0; i < recvTParams.Count; i++)
                    {
                        recvTParams[i].MonoCanon = baseTParams[i];
                        var bound = baseTParams[i].Constraint ?? Universe.Invalid;
                        recvTParams[i].SetConstraint(GoTypes.Subst(bound, smap, _ctxt));
                    }
                }
                else
                {
                    string got = recvTParams.Count == 1 ? "1 type parameter" : $"{recvTParams.Count} type parameters";
                    Error(rbase, $"receiver declares {got}, but receiver base type declares {baseTParams.Count}");
                }
                var targs = recvTParams.ConvertAll(tp => (GoType)tp).ToArray();
                recvType = Instance(rparam.Type.Pos, baseType, targs);
                RecordInstance(rbase, targs, recvType);
                if (rptr && IsValidType(recvType)) recvType = new Pointer(recvType);
                // recordParenthesizedRecvTypes
                Expr expr = rparam.Type;
                var typ = recvType;
                for (; ; )
                {
                    RecordTypeAndValue(expr, ExprMode.TypeExpr, typ, null);
                    if (expr is ParenExpr pe) { expr = pe.X; continue; }
                    if (expr is Operation { Op: Operator.Mul, Y: null } op && typ is Pointer ptr) { expr = op.X; typ = ptr.Elem; continue; }
                    break;
                }
            }
        }
        Var recv;
        if (rparam.Name is { } rname && rname.Value != "")
            recv = new Var(VarKind.RecvVar, ToSourcePos(rname.Pos), _pkg, rname.Value, recvType);
        else
        {
            recv = new Var(VarKind.RecvVar, ToSourcePos(rparam.Pos), _pkg, "", recvType);
            RecordImplicit(rparam, recv);
        }
        Later(() => ValidRecv(rbase, recv));
        return (recv, recvTParams);
    }

    private static GoType Unpointer(GoType t)
    {
        while (t is Pointer p) t = p.Elem;
        return t;
    }

    private void ValidRecv(Expr pos, Var recv)
    {
        var (rtyp, _) = Deref(recv.Type!);
        var atyp = Unalias(rtyp);
        if (!IsValidType(atyp)) return;
        switch (atyp)
        {
            case Named T:
                if (!ReferenceEquals(T.Obj.Pkg, _pkg)) { Error(pos, $"cannot define new methods on non-local type {TS(rtyp)}"); break; }
                string cause = T.Underlying() switch
                {
                    Basic { Kind: BasicKind.UnsafePointer } => "unsafe.Pointer",
                    Pointer or Interface => "pointer or interface type",
                    _ => "",
                };
                if (cause != "") Error(pos, $"invalid receiver type {TS(rtyp)} ({cause})");
                break;
            case Basic:
                Error(pos, $"cannot define new methods on non-local type {TS(rtyp)}");
                break;
            default:
                Error(pos, $"invalid receiver type {TS(recv.Type!)}");
                break;
        }
    }

    private (List<Name?>, List<Var>, bool) CollectParams(VarKind kind, List<Field> list)
    {
        var names = new List<Name?>();
        var pars = new List<Var>();
        bool variadic = false;
        GoType typ = Universe.Invalid;
        Expr? prev = null;
        for (int i = 0; i < list.Count; i++)
        {
            var field = list[i];
            var ftype = field.Type;
            if (!ReferenceEquals(ftype, prev))
            {
                prev = ftype;
                if (ftype is DotsType t)
                {
                    ftype = t.Elem;
                    if (kind == VarKind.ParamVar && i == list.Count - 1) variadic = true;
                    else Error(t, "invalid use of ...");
                }
                typ = VarType(ftype);
            }
            if (field.Name != null)
            {
                var par = new Var(kind, ToSourcePos(field.Name.Pos), _pkg, field.Name.Value, typ);
                names.Add(field.Name);
                pars.Add(par);
            }
            else
            {
                var par = new Var(kind, ToSourcePos(field.Pos), _pkg, "", typ);
                RecordImplicit(field, par);
                names.Add(null);
                pars.Add(par);
            }
        }
        if (variadic)
        {
            var last = pars[^1];
            last.Type = new Slice(last.Type!);
            RecordTypeAndValue(list[^1].Type, ExprMode.TypeExpr, last.Type, null);
        }
        return (names, pars, variadic);
    }

    private void DeclareParams(List<Name?> names, List<Var> pars, Pos scopePos)
    {
        for (int i = 0; i < names.Count; i++)
        {
            var name = names[i];
            if (name != null && name.Value != "") Declare(_env.Scope!, name, pars[i], scopePos);
        }
    }

    // ------------------------------------------------------------------------------------------------
    // Structs

    private GoType StructTypeCheck(StructType e)
    {
        var fields = new List<Var>();
        List<string>? tags = null;
        var fset = new Dictionary<string, Var>();
        GoType typ = Universe.Invalid;
        string tag = "";
        void Add(Name ident, bool embedded)
        {
            if (tag != "" && tags == null) tags = new List<string>(new string[fields.Count]);
            tags?.Add(tag);
            var fld = new Var(VarKind.FieldVar, ToSourcePos(ident.Pos), _pkg, ident.Value, typ, embedded);
            if (ident.Value == "_" || DeclareInSet(fset, ident.Pos, fld))
            {
                fields.Add(fld);
                RecordDef(ident, fld);
                _objPos[fld] = ident.Pos;
            }
            else if (tags != null) tags.RemoveAt(tags.Count - 1);
        }
        Expr? prev = null;
        for (int i = 0; i < e.FieldList.Count; i++)
        {
            var f = e.FieldList[i];
            if (i == 0 || !ReferenceEquals(f.Type, prev))
            {
                typ = VarType(f.Type);
                prev = f.Type;
            }
            tag = "";
            if (i < e.TagList.Count) tag = Tag(e.TagList[i]);
            if (f.Name != null) Add(f.Name, false);
            else
            {
                var pos = AtPos(f.Type);
                var name = EmbeddedFieldIdent(f.Type);
                if (name == null)
                {
                    Error(pos, $"invalid embedded field type {ExprString(f.Type)}");
                    typ = Universe.Invalid;
                    tag = "";
                    Add(new Name(pos, "_"), true);
                    continue;
                }
                Add(name, true);
                var embeddedTyp = typ;
                Later(() =>
                {
                    var (t, isPtr) = Deref(embeddedTyp);
                    switch (t.Underlying())
                    {
                        case Basic u:
                            if (!IsValidType(t)) return;
                            if (u.Kind == BasicKind.UnsafePointer) Error(pos, "embedded field type cannot be unsafe.Pointer");
                            break;
                        case Pointer:
                            Error(pos, "embedded field type cannot be a pointer");
                            break;
                        case Interface:
                            if (IsTypeParam(t)) { Error(pos, "embedded field type cannot be a (pointer to a) type parameter"); break; }
                            if (isPtr) Error(pos, "embedded field type cannot be a pointer to an interface");
                            break;
                    }
                });
            }
        }
        return new Struct(fields, tags);
    }

    private static Name? EmbeddedFieldIdent(Expr e)
    {
        switch (e)
        {
            case Name n: return n;
            case Operation { Op: Operator.Mul, Y: null } op:
                if (op.X is not Operation { Op: Operator.Mul, Y: null }) return EmbeddedFieldIdent(op.X);
                return null;
            case SelectorExpr s: return s.Sel;
            case IndexExpr ix: return EmbeddedFieldIdent(ix.X);
        }
        return null;
    }

    private bool DeclareInSet(Dictionary<string, Var> set, Pos pos, Var obj)
    {
        if (set.TryGetValue(obj.Id, out var alt))
        {
            string msg = $"{obj.Name} redeclared";
            if (_objPos.TryGetValue(alt, out var ap)) msg += $"\n\t{ap.Format()}: other declaration of {obj.Name}";
            Error(pos, msg);
            return false;
        }
        set[obj.Id] = obj;
        return true;
    }

    private string Tag(BasicLit? t)
    {
        if (t != null && !t.Bad)
        {
            if (t.LitKind == LitKind.StringLit)
            {
                try { return GoStringLit.Unquote(t.Value); } catch (FormatException) { }
            }
            Error(t, $"incorrect tag syntax: {Quote(t.Value)}");
        }
        return "";
    }

    // ------------------------------------------------------------------------------------------------
    // Interfaces and unions

    private Interface InterfaceTypeCheck(InterfaceType iface, TypeName? def)
    {
        var ityp = Interface.NewIncomplete();
        var addEmbedded = new List<(GoType, Pos)>();
        foreach (var f in iface.MethodList)
        {
            if (f.Name == null)
            {
                var t = ParseUnion(f.Type);
                addEmbedded.Add((t, AtPos(f.Type)));
                continue;
            }
            var name = f.Name;
            if (name.Value == "_") { Error(name, "methods must have a unique non-blank name"); continue; }
            var ftyp = Typ(f.Type);
            if (ftyp is not Signature sig)
            {
                if (IsValidType(ftyp)) Error(f.Type, $"{TS(ftyp)} is not a method signature");
                continue;
            }
            // types2: the receiver is the interface (or the defined type def)
            GoType recvTyp = ityp;
            if (def?.Type is Named dn) recvTyp = dn;
            sig.Recv = new Var(VarKind.RecvVar, ToSourcePos(name.Pos), _pkg, "", recvTyp);
            var m = new Func(ToSourcePos(name.Pos), _pkg, name.Value, sig);
            RecordDef(name, m);
            _objPos[m] = name.Pos;
            ityp.AddMethod(m);
        }
        foreach (var (t, p) in addEmbedded) ityp.AddEmbedded(t, ToSourcePos(p));
        ityp.Complete();
        // check for duplicate methods (types2 computeInterfaceTypeSet reports them)
        var seen = new Dictionary<string, Func>();
        foreach (var m in ityp.ExplicitMethods)
        {
            if (seen.TryGetValue(m.Id, out var alt))
            {
                string msg = $"duplicate method {m.Name}";
                if (_objPos.TryGetValue(alt, out var ap)) msg += $"\n\t{ap.Format()}: other declaration of method {m.Name}";
                Error(PosOfObj(m), msg);
            }
            else seen[m.Id] = m;
        }
        Later(() => ityp.TypeSet());
        return ityp;
    }

    /// <summary>models types2.parseUnion (and flattenUnion, parseTilde)</summary>
    private GoType ParseUnion(Expr uexpr)
    {
        // flattenUnion: blist[i-1] is the | node joining terms 0..i
        var blist = new List<Expr>();
        var tlist = new List<Expr>();
        Expr cur = uexpr;
        while (cur is Operation { Op: Operator.Or } o && o.Y != null)
        {
            blist.Add(o);
            tlist.Add(o.Y);
            cur = o.X;
        }
        tlist.Add(cur);
        tlist.Reverse();
        blist.Reverse();
        var terms = new List<Term>();
        GoType u = Universe.Invalid;
        for (int i = 0; i < tlist.Count; i++)
        {
            var term = ParseTilde(tlist[i]);
            if (tlist.Count == 1 && !term.Tilde) return term.Type;
            if (terms.Count >= TypeSets.MaxTermCount)
            {
                if (IsValidType(u))
                {
                    Error(tlist[i], $"cannot handle more than {TypeSets.MaxTermCount} union terms (implementation limitation)");
                    u = Universe.Invalid;
                }
            }
            else
            {
                terms.Add(term);
                u = new Union(terms.ToArray());
            }
            if (i > 0) RecordTypeAndValue(blist[i - 1], ExprMode.TypeExpr, u, null);
        }
        if (!IsValidType(u)) return u;
        Later(() =>
        {
            for (int i = 0; i < terms.Count; i++)
            {
                var t = terms[i];
                if (!IsValidType(t.Type)) continue;
                var under = t.Type.Underlying();
                var f = under as Interface;
                if (t.Tilde)
                {
                    if (f != null) { Error(tlist[i], $"invalid use of ~ ({TS(t.Type)} is an interface)"); continue; }
                    if (!GoTypes.Identical(under, t.Type))
                    {
                        Error(tlist[i], $"invalid use of ~ (underlying type of {TS(t.Type)} is {TS(under)})");
                        continue;
                    }
                }
                string ts = (t.Tilde ? "~" : "") + TS(t.Type);
                if (f != null)
                {
                    var tset = f.TypeSet();
                    if (tset.NumMethods != 0) Error(tlist[i], $"cannot use {ts} in union ({ts} contains methods)");
                    else if (ReferenceEquals(t.Type, Universe.Comparable)) Error(tlist[i], "cannot use comparable in union");
                    else if (tset.Comparable) Error(tlist[i], $"cannot use {ts} in union ({ts} embeds comparable)");
                    continue;
                }
                // overlapping (non-disjoint) terms
                var yt = new TypeTerm(t.Tilde, t.Type);
                for (int j = 0; j < i; j++)
                {
                    var x = terms[j];
                    if (GoTypes.IsInterface(x.Type)) continue;
                    if (!new TypeTerm(x.Tilde, x.Type).Disjoint(yt))
                    {
                        SoftError(tlist[i], $"overlapping terms {ts} and {(x.Tilde ? "~" : "") + TS(x.Type)}");
                        break;
                    }
                }
            }
        });
        return u;
    }

    /// <summary>models types2.parseTilde</summary>
    private Term ParseTilde(Expr tx)
    {
        Expr x = tx;
        bool tilde = false;
        if (x is Operation { Op: Operator.Tilde, Y: null } op) { x = op.X; tilde = true; }
        var typ = Typ(x);
        if (IsTypeParam(typ))
        {
            if (tilde) Error(x, $"type in term {ExprString(tx)} cannot be a type parameter");
            else Error(x, "term cannot be a type parameter");
            typ = Universe.Invalid;
        }
        var term = new Term(tilde, typ);
        if (tilde) RecordTypeAndValue(tx, ExprMode.TypeExpr, new Union(new[] { term }), null);
        return term;
    }
}
