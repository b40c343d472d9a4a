using GoEscape.Syntax;
using K = GoEscape.Types.Constant.Const;
using GoEscape.Types.Constant;

namespace GoEscape.Types;

// Declarations (models types2 decl.go).
public sealed partial class Checker
{
    private bool _inTParamList;

    /// <summary>models types2.(*Checker).objDecl</summary>
    internal void ObjDecl(GoObject obj)
    {
        // the lazy hook of a method (set when methods are collected) is this call: once here, it is spent, so that
        // nothing reaches the checker through the object after checking
        if (obj is Func fn) fn.Resolver = null;
        if (_objPathIdx.ContainsKey(obj))
        {
            switch (obj)
            {
                case Const or Var:
                    if (!ValidCycle(obj) || obj.Type == null) obj.Type = Universe.Invalid;
                    break;
                case TypeName:
                    if (!ValidCycle(obj)) obj.Type = Universe.Invalid;
                    break;
                case Func:
                    ValidCycle(obj);
                    break;
            }
            return;
        }
        if (obj.Type != null) return;
        if (!_objMap.TryGetValue(obj, out var d)) return;

        Push(obj);
        var saved = _env;
        _env = new Env { Scope = d.FileScope, Version = d.Version };
        try
        {
            switch (obj)
            {
                case Const c:
                    _env.Decl = d;
                    ConstDeclCheck(c, d.VType, d.Init, d.Inherited);
                    break;
                case Var v:
                    _env.Decl = d;
                    VarDeclCheck(v, d.Lhs, d.VType, d.Init);
                    break;
                case TypeName t:
                    TypeDeclCheck(t, d.TDecl!);
                    CollectMethods(t);
                    break;
                case Func f:
                    FuncDeclCheck(f, d);
                    break;
            }
        }
        finally
        {
            _env = saved;
            Pop();
        }
    }

    /// <summary>models types2.(*Checker).validCycle</summary>
    private bool ValidCycle(GoObject obj)
    {
        int start = _objPathIdx[obj];
        var cycle = _objPath.GetRange(start, _objPath.Count - start);
        int nval = 0, ndef = 0;
        foreach (var o in cycle)
        {
            switch (o)
            {
                case Const or Var: nval++; break;
                case TypeName tn:
                    if (_inTParamList && tn.Type != null && IsGeneric(tn.Type)) return true;
                    if (!IsAliasDecl(tn)) ndef++;
                    break;
            }
        }
        if (nval == cycle.Count) return true;
        if (nval == 0 && ndef > 0) return true;
        CycleError(cycle, FirstInSrc(cycle));
        return false;
    }

    private bool IsAliasDecl(TypeName tn)
    {
        if (_objMap.TryGetValue(tn, out var d) && d.TDecl != null) return d.TDecl.Alias;
        return tn.IsAlias;
    }

    private void CycleError(List<GoObject> cycle, int start)
    {
        string NameOf(GoObject o)
        {
            if (o.Type is Named { IsInstance: true } n) return TS(n);
            string pfx = o.Pkg != null && !ReferenceEquals(o.Pkg, _pkg) ? Qf(o.Pkg) + "." : "";
            return pfx + o.Name;
        }
        var obj = cycle[start];
        var tname = obj as TypeName;
        if (tname?.Type is Alias a) a.SetRhs(Universe.Invalid);
        var pos = PosOfObj(obj);
        if (cycle.Count == 1)
        {
            if (tname != null) Error(pos, $"invalid recursive type: {NameOf(obj)} refers to itself");
            else Error(pos, $"invalid cycle in declaration: {NameOf(obj)} refers to itself");
            return;
        }
        var sb = new System.Text.StringBuilder();
        sb.Append(tname != null ? $"invalid recursive type {NameOf(obj)}" : $"invalid cycle in declaration of {NameOf(obj)}");
        for (int i = 0; i < cycle.Count; i++)
        {
            var next = cycle[(start + i + 1) % cycle.Count];
            sb.Append($"\n\t{PosOfObj(obj).Format()}: {NameOf(obj)} refers to {NameOf(next)}");
            obj = next;
        }
        Error(pos, sb.ToString());
    }

    private int FirstInSrc(List<GoObject> path)
    {
        int fst = 0;
        var pos = PosOfObj(path[0]);
        for (int i = 1; i < path.Count; i++)
        {
            var p = PosOfObj(path[i]);
            if (p.CompareTo(pos) < 0) { fst = i; pos = p; }
        }
        return fst;
    }

    /// <summary>models types2.(*Checker).constDecl</summary>
    private void ConstDeclCheck(Const obj, Expr? typ, Expr? init, bool inherited)
    {
        var savedIota = _env.Iota;
        var savedErrPos = _env.ErrPos;
        _env.Iota = obj.Val;
        _env.ErrPos = default;
        try
        {
            obj.Val = K.MakeUnknown();
            if (typ != null)
            {
                var t = Typ(typ);
                if (!IsConstType(t))
                {
                    if (IsValidType(t.Underlying())) Error(typ, $"invalid constant type {TS(t)}");
                    obj.Type = Universe.Invalid;
                    return;
                }
                obj.Type = t;
            }
            var x = new Operand();
            if (init != null)
            {
                if (inherited) _env.ErrPos = PosOfObj(obj);
                EvalExpr(null, x, init);
            }
            InitConst(obj, x);
        }
        finally
        {
            _env.Iota = savedIota;
            _env.ErrPos = savedErrPos;
        }
    }

    /// <summary>models types2.(*Checker).varDecl</summary>
    private void VarDeclCheck(Var obj, Var[]? lhs, Expr? typ, Expr? init)
    {
        if (typ != null) obj.Type = VarType(typ);
        if (init == null)
        {
            if (typ == null) obj.Type = Universe.Invalid;
            return;
        }
        if (lhs == null || lhs.Length == 1)
        {
            var x = new Operand();
            EvalExpr(obj.Type != null ? new Target(obj.Type, obj.Name) : null, x, init);
            InitVar(obj, x, "variable declaration");
            return;
        }
        if (typ != null) foreach (var l in lhs) l.Type = obj.Type;
        InitVars(lhs, new List<Expr> { init }, null);
    }

    private bool IsImportedConstraint(GoType? typ)
    {
        if (typ == null || Unalias(typ) is not Named named || ReferenceEquals(named.Obj.Pkg, _pkg) || named.Obj.Pkg == null) return false;
        return named.Underlying() is Interface u && !u.IsMethodSet();
    }

    /// <summary>models types2.(*Checker).typeDecl</summary>
    private void TypeDeclCheck(TypeName obj, TypeDecl tdecl)
    {
        bool versionErr = false;
        GoType? rhs = null;
        Later(() =>
        {
            if (Unalias(obj.Type ?? Universe.Invalid) is Named t) ValidType(t);
            if (!versionErr && IsImportedConstraint(rhs)) VerifyVersion(tdecl.Type, GoVersions.Go1_18, $"using type constraint {TS(rhs!)}");
        });
        var tparam0 = tdecl.TParamList is { Count: > 0 } ? tdecl.TParamList[0] : null;
        if (tdecl.Alias)
        {
            if (tparam0 != null && !VerifyVersion(tparam0, GoVersions.Go1_23, "generic type alias")) versionErr = true;
            if (!versionErr && !VerifyVersion(tdecl, GoVersions.Go1_9, "type alias")) versionErr = true;
            var alias = new Alias(obj, null);
            obj.Type = alias;
            _brokenAliases.Add(obj);
            Scope? saved = null;
            try
            {
                if (tparam0 != null)
                {
                    saved = OpenScope(tdecl, "type parameters");
                    CollectTypeParams(tdecl.TParamList!, alias.SetTypeParams);
                }
                rhs = DeclaredType(tdecl.Type, obj);
                alias.SetRhs(rhs);
                if (rhs is TypeParam tpar && alias.TypeParams.Len > 0 && alias.TypeParams.List.Contains(tpar))
                {
                    Error(tdecl.Type, "cannot use type parameter declared in alias declaration as RHS");
                    alias.SetRhs(Universe.Invalid);
                }
            }
            finally
            {
                if (alias.Rhs == null) alias.SetRhs(Universe.Invalid);
                _brokenAliases.Remove(obj);
                if (saved != null) CloseScope(saved);
            }
            return;
        }

        if (tparam0 != null && !VerifyVersion(tparam0, GoVersions.Go1_18, "type parameter")) versionErr = true;
        var named = new Named(obj, null);
        obj.Type = named;
        Scope? saved2 = null;
        try
        {
            if (tdecl.TParamList != null && tdecl.TParamList.Count > 0)
            {
                saved2 = OpenScope(tdecl, "type parameters");
                CollectTypeParams(tdecl.TParamList, named.SetTypeParams);
            }
            rhs = DeclaredType(tdecl.Type, obj);
            named.SetUnderlying(rhs);
            if (IsTypeParam(rhs))
            {
                Error(tdecl.Type, "cannot use a type parameter as RHS in type declaration");
                named.SetUnderlying(Universe.Invalid);
            }
        }
        finally
        {
            if (saved2 != null) CloseScope(saved2);
        }
    }

    /// <summary>models types2.(*Checker).collectTypeParams</summary>
    /// <param name="bind">sets the declared type parameters on the generic type before the constraints are
    /// collected, which may use that type (types2: go.dev/issue/47887, type T[P T[P]] interface{})</param>
    private List<TypeParam> CollectTypeParams(List<Field> list, Action<List<TypeParam>>? bind = null)
    {
        var tparams = new List<TypeParam>(list.Count);
        if (list.Count > 0)
        {
            var scopePos = list[0].Pos;
            foreach (var f in list) tparams.Add(DeclareTypeParam(f.Name!, scopePos));
        }
        bind?.Invoke(tparams);
        bool savedIn = _inTParamList;
        _inTParamList = true;
        try
        {
            GoType bound = Universe.Invalid;
            for (int i = 0; i < list.Count; i++)
            {
                var f = list[i];
                if (i == 0 || !ReferenceEquals(f.Type, list[i - 1].Type))
                {
                    bound = Bound(f.Type);
                    if (IsTypeParam(bound))
                    {
                        Error(f.Type, "cannot use a type parameter as constraint");
                        bound = Universe.Invalid;
                    }
                }
                // types2 TypeParam.iface: a non-interface constraint is wrapped into an implicit interface
                var b = bound;
                if (IsValidType(b) && b.Underlying() is not Interface)
                {
                    var it = new Interface(System.Array.Empty<Func>(), new[] { b });
                    it.MarkImplicit();
                    b = it;
                }
                tparams[i].SetConstraint(b);
            }
        }
        finally { _inTParamList = savedIn; }
        return tparams;
    }

    private GoType Bound(Expr x)
    {
        if (x is Operation { Op: Operator.Tilde or Operator.Or })
        {
            // types2.bound: the synthesized interface has no position (go/ast: its End is the term list's end)
            var it = new InterfaceType { End = x.End };
            it.MethodList.Add(new Field { Type = x, Pos = x.Pos });
            var t = Typ(it);
            if (t is Interface i) i.MarkImplicit();
            return t;
        }
        return Typ(x);
    }

    private TypeParam DeclareTypeParam(Name name, Pos scopePos)
    {
        var tname = new TypeName(ToSourcePos(name.Pos), _pkg, name.Value, null);
        var tpar = new TypeParam(tname, Universe.Invalid);
        Declare(_env.Scope!, name, tname, scopePos);
        return tpar;
    }

    /// <summary>models types2.(*Checker).collectMethods</summary>
    private void CollectMethods(TypeName obj)
    {
        if (!_methods.TryGetValue(obj, out var methods)) return;
        _methods.Remove(obj);
        var bse = obj.Type as Named;
        var mset = new Dictionary<string, GoObject>();
        if (bse != null)
        {
            Later(() => CheckFieldUniqueness(bse));
            for (int i = 0; i < bse.NumMethods; i++) { var m = bse.Method(i); mset[m.Id] = m; }
        }
        foreach (var m in methods)
        {
            if (mset.TryGetValue(m.Id, out var alt))
            {
                var ap = PosOfObj(alt);
                if (ap.IsKnown) Error(PosOfObj(m), $"method {obj.Name}.{m.Name} already declared at {ap.Format()}");
                else Error(PosOfObj(m), $"method {obj.Name}.{m.Name} already declared");
                continue;
            }
            mset[m.Id] = m;
            bse?.AddMethod(m);
        }
    }

    private void CheckFieldUniqueness(Named bse)
    {
        if (bse.Underlying() is not Struct t) return;
        var mset = new Dictionary<string, GoObject>();
        for (int i = 0; i < bse.NumMethods; i++) { var m = bse.Method(i); mset[m.Id] = m; }
        foreach (var fld in t.Fields)
        {
            if (fld.Name == "_") continue;
            if (mset.TryGetValue(fld.Id, out var alt))
            {
                string msg = $"field and method with the same name {fld.Name}";
                if (_objPos.TryGetValue(fld, out var fp)) msg += $"\n\t{fp.Format()}: other declaration of {fld.Name}";
                Error(PosOfObj(alt), msg);
            }
        }
    }

    /// <summary>models types2.(*Checker).funcDecl</summary>
    private void FuncDeclCheck(Func obj, DeclInfo decl)
    {
        var fdecl = decl.FDecl!;
        _objPos[obj] = fdecl.Name.Pos;
        // types2 funcDecl: an empty signature guards against cycles; a use of the function inside its own
        // signature (func f(x [unsafe.Sizeof(f)]int)) sees a function, and a method expression of a method
        // being declared sees no receiver ("illegal cycle in method declaration")
        obj.Type = new Signature(null, null, null, null, null, false);
        var sig = FuncTypeCheck(fdecl.Recv, fdecl.TParamList, fdecl.Type, obj);
        obj.Type = sig;
        var sigScope = _sigScopes[sig];
        if (fdecl.TParamList is { Count: > 0 } && fdecl.Body == null)
            SoftError(fdecl, "generic function is missing function body");
        if (!_conf.IgnoreFuncBodies && fdecl.Body != null)
            Later(() => FuncBody(decl, obj.Name, sig, sigScope, fdecl.Body, null));
    }

    /// <summary>Function scope of each signature created by FuncType (types2 keeps it in Signature.scope).</summary>
    private readonly Dictionary<Signature, Scope> _sigScopes = new(ReferenceEqualityComparer.Instance);

    /// <summary>models types2.(*Checker).declStmt</summary>
    private void DeclStmtCheck(List<Decl> list)
    {
        var pkg = _pkg;
        int first = -1;
        ConstDecl? last = null;
        for (int index = 0; index < list.Count; index++)
        {
            var decl = list[index];
            if (decl is not Syntax.ConstDecl) first = -1;
            switch (decl)
            {
                case Syntax.ConstDecl s:
                    {
                        int top = _delayed.Count;
                        if (first < 0 || s.Group == null || (list[index - 1] as Syntax.ConstDecl)?.Group != s.Group)
                        {
                            first = index;
                            last = null;
                        }
                        var iota = K.MakeInt64(index - first);
                        bool inherited = true;
                        if (s.Type != null || s.Values != null) { last = s; inherited = false; }
                        else if (last == null) { last = new Syntax.ConstDecl(); inherited = false; }
                        var lhs = new Const[s.NameList.Count];
                        var values = UnpackList(last.Values);
                        for (int i = 0; i < s.NameList.Count; i++)
                        {
                            var name = s.NameList[i];
                            var obj = new Const(ToSourcePos(name.Pos), pkg, name.Value, null, iota);
                            _objPos[obj] = name.Pos;
                            lhs[i] = obj;
                            ConstDeclCheck(obj, last.Type, i < values.Count ? values[i] : null, inherited);
                        }
                        Arity(s.Pos, s.NameList, values, true, inherited);
                        ProcessDelayed(top);
                        var scopePos = EndOf(s);
                        for (int i = 0; i < s.NameList.Count; i++) Declare(_env.Scope!, s.NameList[i], lhs[i], scopePos);
                        break;
                    }
                case Syntax.VarDecl s:
                    {
                        int top = _delayed.Count;
                        var lhs0 = new Var[s.NameList.Count];
                        for (int i = 0; i < s.NameList.Count; i++)
                        {
                            lhs0[i] = new Var(VarKind.LocalVar, ToSourcePos(s.NameList[i].Pos), pkg, s.NameList[i].Value, null);
                            _objPos[lhs0[i]] = s.NameList[i].Pos;
                        }
                        var values = UnpackList(s.Values);
                        for (int i = 0; i < lhs0.Length; i++)
                        {
                            Var[]? lhs = null;
                            Expr? init = null;
                            if (values.Count == s.NameList.Count) init = values[i];
                            else if (values.Count == 1) { lhs = lhs0; init = values[0]; }
                            else if (i < values.Count) init = values[i];
                            VarDeclCheck(lhs0[i], lhs, s.Type, init);
                            if (values.Count == 1) break;
                        }
                        if (s.Type == null || values.Count > 0) Arity(s.Pos, s.NameList, values, false, false);
                        ProcessDelayed(top);
                        var scopePos = EndOf(s);
                        for (int i = 0; i < s.NameList.Count; i++) Declare(_env.Scope!, s.NameList[i], lhs0[i], scopePos);
                        break;
                    }
                case Syntax.TypeDecl s:
                    {
                        var obj = new TypeName(ToSourcePos(s.Name.Pos), pkg, s.Name.Value, null);
                        Declare(_env.Scope!, s.Name, obj, s.Name.Pos);
                        Push(obj);
                        try { TypeDeclCheck(obj, s); } finally { Pop(); }
                        break;
                    }
            }
        }
    }

    /// <summary>gc's syntax.EndPos (used for scope positions).</summary>
    internal static Pos EndOf(Node n) => Positions.EndPos(n);
}
