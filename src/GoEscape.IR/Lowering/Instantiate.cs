using System.Collections.Concurrent;
using System.Text;
using GoEscape.Types;
using GoEscape.Types.Constant;
using Syn = GoEscape.Syntax;
using GoFunc = GoEscape.Types.Func;

namespace GoEscape.IR.Lowering;

/// <summary>A generic function or method declaration with the check results of its package.</summary>
public sealed record GenericDecl(Syn.FuncDecl Decl, Syn.File File, ICheckResults Info, IReadOnlyList<Syn.File> Files);

/// <summary>
/// The generic function and method declarations of a compilation (every loaded package's syntax and check results),
/// so that each compiled package can instantiate the generic bodies it needs, as gc's unified IR reader does from
/// export data.
/// </summary>
public sealed class GenericIndex
{
    // Filled as packages are checked, read by the lowering of later (importing) packages, possibly concurrently.
    private readonly ConcurrentDictionary<GoObject, GenericDecl> _decls = new(ReferenceEqualityComparer.Instance);

    /// <summary>Registers the generic declarations of a checked package.</summary>
    public void AddPackage(ICheckResults info, IReadOnlyList<Syn.File> files)
    {
        Shapes.NumberLocalTypes(info, files);
        foreach (var file in files)
            foreach (var d in file.DeclList)
            {
                if (d is not Syn.FuncDecl { Body: not null } fd || fd.Name.Value == "_") continue;
                if (info.DefOf(fd.Name) is not GoFunc obj || obj.Signature is not { } sig) continue;
                if (sig.TypeParams.Len == 0 && sig.RecvTypeParams.Len == 0) continue;
                _decls[obj] = new GenericDecl(fd, file, info, files);
            }
    }

    public GenericDecl? Find(GoFunc origin) => _decls.GetValueOrDefault(origin);
}

/// <summary>The shaped instantiations one compiled package needs (declared on first use, bodies lowered after the
/// package's own functions, transitively).</summary>
internal sealed class InstanceSet(GenericIndex? index)
{
    public GenericIndex? Index { get; } = index;
    /// <summary>The package's shape types (per compiled package, so that packages can be lowered in parallel).</summary>
    public Shapes Shapes { get; } = new();
    public Dictionary<(GoObject Origin, string Shapes), Name> Names { get; } = [];
    /// <summary>The non-shaped instantiation wrappers made (reader.funcInst's wrapperFn), by origin and type arguments.</summary>
    public Dictionary<(GoObject Origin, string Targs), Name> Wrappers { get; } = [];
    /// <summary>The wrappers in the order they were made (the package appends them, last first: readBodies pops
    /// todoBodies from the end).</summary>
    public List<Func> WrapperFuncs { get; } = [];
    /// <summary>The method wrappers of instantiated types, with the number of function wrappers queued before their
    /// type was read (in type order, so in QueuedAt order).</summary>
    public List<(int QueuedAt, Func Fn)> MethodWrapperFuncs { get; } = [];
    public Queue<(Lowerer Child, Func Fn, GenericDecl Decl)> Pending { get; } = new();
}

/// <summary>Check results of a generic function's package seen through a substitution of its type parameters by
/// shapes: the recorded types of expressions are those of the shaped instantiation.</summary>
internal sealed class SubstResults(ICheckResults inner, Func<GoType, GoType> subst) : ICheckResults
{
    public Package Package => inner.Package;
    public GoType? TypeOf(Syn.Expr e) => inner.TypeOf(e) is { } t ? subst(t) : null;
    public ConstValue? ValueOf(Syn.Expr e) => inner.ValueOf(e);
    public bool IsType(Syn.Expr e) => inner.IsType(e);
    public bool IsBuiltin(Syn.Expr e) => inner.IsBuiltin(e);
    public GoObject? ObjectOf(Syn.Name n) => inner.ObjectOf(n);
    public GoObject? DefOf(Syn.Name n) => inner.DefOf(n);
    public GoObject? ImplicitOf(Syn.Node n) => inner.ImplicitOf(n);
    public Selection? SelectionOf(Syn.SelectorExpr e) => inner.SelectionOf(e);
    public IReadOnlyList<GoType>? TypeArgsOf(Syn.Name n)
    {
        var l = inner.TypeArgsOf(n);
        if (l == null) return null;
        var r = new GoType[l.Count];
        for (int i = 0; i < r.Length; i++) r[i] = subst(l[i]);
        return r;
    }
    public IReadOnlyList<(IReadOnlyList<Var> Lhs, Syn.Expr Rhs)> InitOrder => inner.InitOrder;
    public string FileVersion(Syn.File f) => inner.FileVersion(f);
}

public sealed partial class Lowerer
{
    private readonly InstanceSet _instances;
    /// <summary>Substitution of the generic function's type parameters by shapes (identity outside instantiations).</summary>
    private readonly Func<GoType, GoType> _subst = static t => t;

    /// <summary>A lowerer for the body of one shaped instantiation (models reader.funcBody with a shaped dictionary):
    /// the origin package's check results seen through the substitution, the compiled package's types and symbols
    /// for everything but the instantiation's locals (which keep the origin package: "slices.data").</summary>
    /// <summary>
    /// How many shaped instantiations led to this one (0: the compiled package's own code). types2 rejects an
    /// instantiation cycle (types2.monoGraph: a type parameter instantiated, directly or not, with a type that
    /// contains itself), so in a program gc accepts every chain of instantiations that each make new shapes is
    /// bounded by the number of type parameters. A chain longer than <see cref="MaxInstanceChain"/> is a cycle the
    /// checker missed: it is reported as a failure, never followed without end.
    /// </summary>
    private readonly int _instanceDepth;
    private const int MaxInstanceChain = 1000;

    private Lowerer(Lowerer parent, GenericDecl decl, SubstMap smap)
    {
        _instanceDepth = parent._instanceDepth + 1;
        if (_instanceDepth > MaxInstanceChain)
            throw new InvalidOperationException($"more than {MaxInstanceChain} nested shaped instantiations of {decl.Decl.Name.Value}: an instantiation cycle (which gc rejects) that the type checker did not report");
        var shapes = parent._instances.Shapes;
        var cache = new Dictionary<GoType, GoType>(ReferenceEqualityComparer.Instance);
        _subst = t =>
        {
            if (cache.TryGetValue(t, out var r)) return r;
            r = GoTypes.Subst(t, smap, shapes.Context, ShapifyNamedTargs);
            cache[t] = r;
            return r;
        };
        _info = new SubstResults(decl.Info, _subst);
        _types = new TypeLowering(parent._types, _subst);
        _exports = parent._exports;
        _opts = parent._opts;
        _compiled = parent._compiled;
        _symPkg = _types.Pkg(decl.Info.Package);
        _instances = parent._instances;
        for (int i = 0; i < decl.Files.Count; i++) _fileIndex[decl.Files[i].Base.Filename] = i;
    }

    /// <summary>
    /// noder.objDictIdx: a generic type instantiated inside a shaped body with a type argument that contains a shape
    /// is itself a shaped object, and all its type arguments are shapified (`Slicer[KeyValuePair[K, V]]` in
    /// `Mapper[go.shape.int,go.shape.bool].Slicer` is `Slicer[go.shape.struct { Key go.shape.int; Value go.shape.bool }]`).
    /// </summary>
    private GoType[] ShapifyNamedTargs(Named origin, GoType[] targs)
    {
        if (!targs.Any(Shapes.ContainsShape)) return targs;
        var tparams = origin.TypeParams.List;
        if (tparams.Count != targs.Length) return targs;
        var res = new GoType[targs.Length];
        for (int i = 0; i < targs.Length; i++)
        {
            bool basic = tparams[i].Underlying() is Interface it && it.IsMethodSet();
            res[i] = _instances.Shapes.Shapify(targs[i], basic);
        }
        return res;
    }

    /// <summary>
    /// The shaped instantiation of a generic function or method (a method of a generic type: <paramref name="targs"/>
    /// are the receiver type's arguments) that a call in this package needs, declared now and lowered later; null if
    /// the generic declaration is unknown (then the call targets an untagged stub). Models reader.funcInst /
    /// methodExpr with objIdx(..., shaped=true): gc's call passes the dictionary as an extra argument, which escape
    /// analysis cannot observe (the address of a global), so it is left out here.
    /// </summary>
    private Name? Instance(GoFunc f, IReadOnlyList<GoType> targs)
    {
        var origin = f.Origin;
        if (_instances.Index?.Find(origin) is not { } decl) return null;
        var sig = origin.Signature!;
        // the receiver type's parameters, then the method's own (a generic method of a generic type)
        var tparams = new List<TypeParam>(sig.RecvTypeParams.List);
        tparams.AddRange(sig.TypeParams.List);
        int nrecv = sig.RecvTypeParams.Len;
        if (tparams.Count != targs.Count) return null;
        var shapes = new GoType[targs.Count];
        var shapeNames = new string[targs.Count];
        for (int i = 0; i < shapes.Length; i++)
        {
            bool basic = tparams[i].Underlying() is Interface it && it.IsMethodSet();
            shapes[i] = _instances.Shapes.Shapify(_subst(targs[i]), basic);
            shapeNames[i] = ((Named)shapes[i]).Obj.Name.Length == 0 ? "?" : "go.shape." + ((Named)shapes[i]).Obj.Name;
        }
        var shapeList = string.Join(',', shapeNames);
        if (_instances.Names.TryGetValue((origin, shapeList), out var n)) return n;

        var child = new Lowerer(this, decl, new SubstMap(tparams, shapes));
        string name;
        if (sig.Recv is { } recv)
        {
            var (rt, isPtr) = LookupUtil.Deref(recv.Type!);
            var tn = GoTypes.AsNamed(rt)?.Obj.Name ?? rt.ToString();
            // (a shape's name may itself hold commas: go.shape.func(string, string))
            if (nrecv > 0) tn += $"[{string.Join(',', shapeNames[..nrecv])}]";
            var mn = sig.TypeParams.Len > 0 ? $"{origin.Name}[{string.Join(',', shapeNames[nrecv..])}]" : origin.Name;
            name = isPtr ? $"(*{tn}).{mn}" : $"{tn}.{mn}";
        }
        else name = $"{origin.Name}[{shapeList}]";
        var fn = child.DeclareFunc(decl.Decl, origin, _types.Sym(origin.Pkg, name));
        child.AddDictParam(fn);
        n = fn.Nname;
        _instances.Names[(origin, shapeList)] = n;
        _instances.Pending.Enqueue((child, fn, decl));
        return n;
    }

    /// <summary>
    /// The non-shaped instantiation of a generic function used with a static dictionary (models reader.funcInst's
    /// <c>objIdx(..., shaped=false)</c>, whose body reader.syntheticBody / callShaped makes): a Dupok wrapper
    /// <c>F[int]</c> with the concrete signature and the generic declaration's pragmas, whose body tail-calls the
    /// shaped function with the static dictionary, <c>return F[go.shape.int](&amp;pkg..dict.F[int], params...)</c>
    /// (reader.syntheticTailCall). gc compiles it in each package that references the instantiation (readBodies puts
    /// it in Target.Funcs), so CanInline reports it; escape analysis reports nothing for it (Dupok, no allocation).
    /// </summary>
    private Name? InstanceWrapper(GoFunc f, IReadOnlyList<GoType> targs, Name shaped)
    {
        var origin = f.Origin;
        var sig = origin.Signature!;
        if (sig.Recv != null || sig.TypeParams.Len != targs.Count) return null;
        if (_instances.Index?.Find(origin) is not { } decl) return null;
        var concrete = new GoType[targs.Count];
        var key = new StringBuilder();
        for (int i = 0; i < concrete.Length; i++)
        {
            concrete[i] = _subst(targs[i]);
            if (Shapes.ContainsTypeParam(concrete[i]) || Shapes.ContainsShape(concrete[i])) return null;
            if (i > 0) key.Append(',');
            key.Append(Shapes.LinkString(concrete[i]));
        }
        if (_instances.Wrappers.TryGetValue((origin, key.ToString()), out var known)) return known;
        var child = new Lowerer(this, decl, new SubstMap(sig.TypeParams.List, concrete));
        var fn = child.DeclareFunc(decl.Decl, origin, _types.Sym(origin.Pkg, $"{origin.Name}[{key}]"));
        fn.Wrapper = true;
        _instances.Wrappers[(origin, key.ToString())] = fn.Nname;
        var pos = fn.Pos;
        var args = new List<Node> { DictArg(pos, f, targs) };
        args.AddRange(SyntheticArgs(fn));
        var instSig = (Signature)GoTypes.Subst(sig, new SubstMap(sig.TypeParams.List, concrete), _instances.Shapes.Context);
        var resT = instSig.Results.Len switch { 0 => null, 1 => child.T(instSig.Results.At(0).Type!), _ => child.T(instSig.Results) };
        var call = new CallExpr(Op.OCALLFUNC, pos, shaped, args) { IsDDD = sig.Variadic, Type = resT };
        child.AddWrapperBody(fn, call, instSig, pos);
        _instances.WrapperFuncs.Add(fn);
        return fn.Nname;
    }

    /// <summary>
    /// The method of a non-shaped instantiated type (models reader.method for a type read with concrete arguments,
    /// whose body reader.syntheticBody / callShaped makes): a Dupok wrapper <c>(*Pointer[int]).Load</c> with the
    /// concrete receiver and signature and the method's pragmas, tail-calling the shaped method expression with the
    /// receiver, then the type's static dictionary, then the parameters:
    /// <c>return (*Pointer[go.shape.int]).Load(p, &amp;pkg..dict.Pointer[int])</c>. Generic methods get none (gc's
    /// methodExpr: "TODO(mark): Emit wrapper functions for generic methods").
    /// </summary>
    private void MethodWrapper(GoFunc m, IReadOnlyList<GoType> targs, Name shaped, int queuedAt)
    {
        var origin = m.Origin;
        var sig = origin.Signature!;
        if (sig.Recv is not { } recv || sig.TypeParams.Len != 0 || sig.RecvTypeParams.Len != targs.Count) return;
        if (_instances.Index?.Find(origin) is not { } decl || decl.Decl.Recv == null) return;
        var concrete = new GoType[targs.Count];
        var key = new StringBuilder();
        for (int i = 0; i < concrete.Length; i++)
        {
            concrete[i] = _subst(targs[i]);
            if (Shapes.ContainsTypeParam(concrete[i]) || Shapes.ContainsShape(concrete[i])) return;
            if (i > 0) key.Append(',');
            key.Append(Shapes.LinkString(concrete[i]));
        }
        if (_instances.Wrappers.ContainsKey((origin, key.ToString()))) return;
        var (rt, isPtr) = LookupUtil.Deref(recv.Type!);
        var tn = $"{GoTypes.AsNamed(rt)?.Obj.Name ?? rt.ToString()}[{key}]";
        var name = isPtr ? $"(*{tn}).{origin.Name}" : $"{tn}.{origin.Name}";
        var smap = new SubstMap(sig.RecvTypeParams.List, concrete);
        var child = new Lowerer(this, decl, smap);
        var fn = child.DeclareFunc(decl.Decl, origin, _types.Sym(origin.Pkg, name));
        fn.Wrapper = true;
        _instances.Wrappers[(origin, key.ToString())] = fn.Nname;
        // reader.funcBody's syntheticBody(fn.Pos()): the ir.Func position of a method read from export data is its
        // declaration's (syntax.FuncDecl: the receiver's "("), not its name's
        var pos = fn.DeclPos;
        var args = new List<Node> { fn.Nname.Type!.Recv!.Nname!, DictArg(pos, m, targs) };
        args.AddRange(SyntheticArgs(fn));
        var instSig = (Signature)GoTypes.Subst(sig, smap, _instances.Shapes.Context);
        var resT = instSig.Results.Len switch { 0 => null, 1 => child.T(instSig.Results.At(0).Type!), _ => child.T(instSig.Results) };
        var fun = MethodExpr(pos, shaped.Type!.Recv!.Type, m, shaped);
        var call = new CallExpr(Op.OCALLFUNC, pos, fun, args) { IsDDD = sig.Variadic, Type = resT };
        child.AddWrapperBody(fn, call, instSig, pos);
        _instances.MethodWrapperFuncs.Add((queuedAt, fn));
    }

    /// <summary>
    /// gc reads every package-level declaration of the compiled package, so the instantiated types their types mention
    /// (a global <c>isync.HashTrieMap[*abi.Type, any]</c>) get their methods compiled even if only generic code uses
    /// them: convert the types of package-level variables and of non-generic type declarations.
    /// </summary>
    private void ReadPackageLevelTypes(IReadOnlyList<Syn.File> files)
    {
        foreach (var file in files)
            foreach (var d in file.DeclList)
            {
                switch (d)
                {
                    case Syn.VarDecl vd:
                        foreach (var nm in vd.NameList)
                            if (_info.DefOf(nm) is Var { Type: { } vt } && !Shapes.ContainsTypeParam(vt)) _types.Type(vt);
                        // the initializers' types too (var _ Word = Ptr[void]{})
                        if (vd.Values != null)
                            foreach (var v in vd.Values is Syn.ListExpr le ? le.ElemList : [vd.Values])
                                if (_info.TypeOf(v) is { } it && it is not GoEscape.Types.Tuple && !Shapes.ContainsTypeParam(it)) _types.Type(it);
                        break;
                    case Syn.TypeDecl { TParamList: null } td:
                        if (_info.DefOf(td.Name) is TypeName { Type: { } tt } && !Shapes.ContainsTypeParam(tt.Underlying())) _types.Type(tt);
                        break;
                }
            }
    }

    /// <summary>Lowers the bodies of the instantiations the package needs, including those their bodies need.</summary>
    private void LowerInstances()
    {
        int typesDone = 0;
        var types = _types.InstantiatedTypes;
        while (true)
        {
            for (; typesDone < types.Count; typesDone++)
            {
                var nt = types[typesDone];
                if (nt.TypeArgs.List.Any(Shapes.ContainsTypeParam)) continue;
                foreach (var m in nt.Origin.Methods)
                    if (m.Signature is { } ms && ms.TypeParams.Len == 0 && Instance(m, nt.TypeArgs.List) is { } inst)
                        MethodWrapper(m, nt.TypeArgs.List, inst, _types.InstantiatedAt[typesDone]);
            }
            if (!_instances.Pending.TryDequeue(out var p)) break;
            var (child, fn, decl) = p;
            child._fileVersion = decl.Info.FileVersion(decl.File);
            int start = child._funcs.Count;
            child._funcs.Add(fn);
            try
            {
                child._fn = fn;
                child._outermost = fn;
                fn.Body.AddRange(child.Block(decl.Decl.Body!.List));
            }
            catch (Exception e)
            {
                throw Failure(fn.Sym.Name, e);
            }
            for (int i = start; i < child._funcs.Count; i++) _funcs.Add(child._funcs[i]);
        }
        // readBodies appends the instantiations to Target.Funcs as it pops todoBodies from the end
        // (a type's method wrappers were queued when the type was read: before the function wrappers made after it)
        var queue = new List<Func>();
        var methods = _instances.MethodWrapperFuncs;
        int mi = 0;
        for (int i = 0; i <= _instances.WrapperFuncs.Count; i++)
        {
            while (mi < methods.Count && methods[mi].QueuedAt <= i) queue.Add(methods[mi++].Fn);
            if (i < _instances.WrapperFuncs.Count) queue.Add(_instances.WrapperFuncs[i]);
        }
        while (mi < methods.Count) queue.Add(methods[mi++].Fn);
        for (int i = queue.Count - 1; i >= 0; i--) _funcs.Add(queue[i]);
    }

    /// <summary>A generic function used as a value (f[int] or an implicitly instantiated f): gc's reader.expr takes
    /// funcInst's non-shaped wrapper (a stub name if there is none: a derived instantiation in a shaped body).</summary>
    private Node GenericFuncValue(XPos pos, GoFunc f, IReadOnlyList<GoType> targs, GoType instT)
    {
        if (Instance(f, targs) is { } inst && InstanceWrapper(f, targs, inst) is { } w) return w;
        return GenericStub(f, null, (Signature)instT.Underlying(), pos);
    }

    /// <summary>Whether a method selection on a value of type <paramref name="recvT"/> goes through the dictionary:
    /// a method of a type parameter's constraint called on a (non-interface) shape value.</summary>
    private static bool IsShapeMethodCall(GoType recvT)
    {
        var t = GoTypes.Unalias(recvT);
        if (t is Pointer p) t = GoTypes.Unalias(p.Elem);
        // (a shape of an interface type too: gc then warns "imprecise interface call", not modeled)
        return Shapes.IsShape(t);
    }

    /// <summary>
    /// A method call on a type-parameter value in a shaped body (models reader.methodExpr's "type parameter method
    /// expression"): the method's entry point is a dictionary word, so the call is an indirect call
    /// <c>(func(recv, params) results)(&amp;pkg..dict[N])(recv, args)</c> of an unknown function.
    /// </summary>
    private Node DictMethodCallee(XPos pos, IrType recvT, GoFunc m)
    {
        var msig = T(m.Type!);
        var recvField = new Field(null, recvT);
        var ft = IrType.NewSignature(null, [recvField, .. msig.Params], msig.Results);
        var dict = DictWords(pos);
        var word = new IndexExpr(Op.OINDEX, pos, dict, new BasicLit(pos, IrType.Int, IrConst.OfInt(0))) { Type = IrType.Uintptr };
        var addr = new AddrExpr(Op.OADDR, pos, word) { Type = IrType.NewPtr(IrType.Uintptr) };
        return new ConvExpr(Op.OCONVNOP, pos, ft, addr);
    }

    /// <summary>
    /// A method expression on a shaped receiver type (models reader.methodExprWrap): no statically generated wrapper
    /// exists for it, so it is a wrapper closure <c>func(~p0 recv, params) results { return method(~p0.implicits,
    /// dict, params) }</c> whose receiver is the written type: its embedded-field steps, implicit * or &amp; are
    /// applied inside, and the call passes the shaped method its dictionary, evaluated where the expression is.
    /// </summary>
    private Node MethodExprWrap(Syn.SelectorExpr s, Selection sel, GoFunc m, GoType recvT)
    {
        var pos = Pos(s);
        // writer.methExpr: the implicit field steps, then a deref or an addr to reach the method's receiver type
        var typ = recvT;
        var idx = sel.Index;
        for (int i = 0; i < idx.Count - 1; i++)
        {
            var u = GoTypes.Unalias(typ).Underlying();
            if (u is Pointer p) u = p.Elem.Underlying();
            typ = ((Struct)u).Field(idx[i]).Type!;
        }
        var declRecv = _subst(m.Signature!.Recv!.Type!);
        bool deref = false, addr = false;
        if (IsPtrTo(typ, declRecv)) { deref = true; typ = declRecv; }
        else if (IsPtrTo(declRecv, typ)) { addr = true; typ = declRecv; }

        var (method, dictPtr) = ShapedMethod(pos, s, m, typ);
        var msig = T(m.Type!);
        // syntheticSig of the method: the receiver (unnamed in a method expression's type: ~p0) retyped to the
        // written type, the dictionary parameter left out
        var pars = new List<Field> { new(null, T(recvT)) };
        pars.AddRange(msig.Params);
        List<Node> captures = [method];
        if (dictPtr != null) captures.Add(dictPtr);
        return SyntheticClosure(pos, pars, msig.Results, captures, false, (fn, captured) =>
        {
            var args = SyntheticArgs(fn);
            var cur = recvT;
            for (int i = 0; i < idx.Count - 1; i++)
                args[0] = DotField(pos, args[0], ref cur, idx[i], true);
            if (deref) args[0] = new StarExpr(pos, args[0]) { Type = T(declRecv), Implicit = true };
            else if (addr) args[0] = Addr(pos, args[0], true);
            if (dictPtr != null) args.Insert(1, captured[1]);
            SyntheticTailCall(fn, pos, captured[0], args, (Signature)m.Type!);
        });
    }

    /// <summary>
    /// A method value on a receiver whose method needs its dictionary (a method of a type parameter's constraint, a
    /// method of a generic type with shaped type arguments; models reader.curry): a wrapper closure
    /// <c>func(params) results { return method(recv, dict, params) }</c> capturing the receiver (and the dictionary
    /// entry or argument), evaluated where the method value is. Null when gc selects an OMETHVALUE instead.
    /// </summary>
    private Node? MethodValueCurry(Syn.SelectorExpr s, GoFunc m, Node recv, GoType recvT)
    {
        if (GoTypes.IsInterface(recvT) || !Shapes.ContainsShape(recvT)) return null;
        var pos = Pos(s);
        Node method;
        Node? dictPtr = null;
        if (IsShapeMethodCall(recvT) && !IsGenericRecv(m.Origin))
            // reader.methodExpr's "type parameter method expression": the dictionary word punned as a func value
            method = DictMethodCallee(pos, recv.Type!, m);
        else if (IsGenericRecv(m.Origin))
            (method, dictPtr) = ShapedMethod(pos, s, m, recvT);
        else return null;
        var msig = T(m.Type!);
        List<Node> captures = [method, recv];
        if (dictPtr != null) captures.Add(dictPtr);
        return SyntheticClosure(pos, [.. msig.Params], msig.Results, captures, true, (fn, captured) =>
        {
            var args = new List<Node>(captured.Count - 1 + msig.Params.Count);
            for (int i = 1; i < captured.Count; i++) args.Add(captured[i]);
            args.AddRange(SyntheticArgs(fn));
            SyntheticTailCall(fn, pos, captured[0], args, (Signature)m.Type!);
        });
    }

    /// <summary>
    /// The method a wrapper calls (reader.methodExpr's baseFn and dictPtr) for method <paramref name="m"/> of
    /// receiver type <paramref name="typ"/> (the method's own receiver type): an interface's method expression (an
    /// unknown function), a generic type's or generic method's shaped instantiation with the address of its
    /// dictionary (or a subdictionary word), or the declared method.
    /// </summary>
    private (Node Method, Node? DictPtr) ShapedMethod(XPos pos, Syn.SelectorExpr s, GoFunc m, GoType typ)
    {
        var msig = T(m.Type!);
        if (GoTypes.IsInterface(typ))
            return (new SelectorExpr(Op.OMETHEXPR, pos, new TypeNode(pos, T(typ)), _types.Sym(m.Pkg, m.Name))
            {
                Type = IrType.NewSignature(null, [new Field(null, T(typ)), .. msig.Params], msig.Results),
                Selection = new Field(_types.Sym(m.Pkg, m.Name), msig),
            }, null);
        if (!IsGenericRecv(m.Origin)) return (MethodExpr(pos, T(typ), m, FuncName(m)), null);
        var targs = new List<GoType>();
        if (GoTypes.AsNamed(LookupUtil.Deref(typ).Item1) is { } named) targs.AddRange(named.TypeArgs.List);
        if (m.Origin.Signature!.TypeParams.Len > 0 && _info.TypeArgsOf(s.Sel) is { } mtargs) targs.AddRange(mtargs);
        if (Instance(m, targs) is { } inst)
            return (MethodExpr(pos, inst.Type!.Recv!.Type, m, inst), DictArg(pos, m, targs));
        // unknown generic body: an untagged stub (every argument leaks)
        return (GenericStub(m, new Field(new IrSym(null, "r"), T(typ)), (Signature)m.Type!, pos), null);
    }

    /// <summary>
    /// Models reader.syntheticClosure: a wrapper function literal with the given parameters and results (declared as
    /// ir.Func.DeclareParams does, at autogenerated positions), whose captures are evaluated where the literal is:
    /// each but the wrappee function itself (a PFUNC name or an OMETHEXPR, referenced directly) is copied to an
    /// autotmp (in the literal's init) and captured; with <paramref name="ifaceHack"/>, an interface receiver
    /// (captures[1]) is nil-checked there. <paramref name="addBody"/> gets the function and the captured values.
    /// </summary>
    private ClosureExpr SyntheticClosure(XPos pos, IReadOnlyList<Field> pars, IReadOnlyList<Field> results,
        List<Node> captures, bool ifaceHack, Action<Func, List<Node>> addBody)
    {
        var nname = new Name(pos, new IrSym(_symPkg, ClosureName("func")), null, Class.PFUNC);
        var fn = new Func(pos, nname) { ClosureParent = _fn, Dupok = _fn.Dupok, Wrapper = true };
        Field Param(Field f, Class cls, int index)
        {
            bool anon = f.Sym == null || f.Sym.Name.Length == 0 || f.Sym.Name == "_";
            var name = anon ? (cls == Class.PPARAMOUT ? "~r" : "~p") + index.ToString(System.Globalization.CultureInfo.InvariantCulture) : f.Sym!.Name;
            var n = new Name(AutogeneratedPos, new IrSym(_symPkg, name), f.Type, cls) { Curfn = fn };
            fn.Dcl.Add(n);
            return new Field(f.Sym, f.Type, AutogeneratedPos) { Nname = n, IsDDD = f.IsDDD };
        }
        var ps = new List<Field>(pars.Count);
        for (int i = 0; i < pars.Count; i++) ps.Add(Param(pars[i], Class.PPARAM, i));
        var rs = new List<Field>(results.Count);
        for (int i = 0; i < results.Count; i++) rs.Add(Param(results[i], Class.PPARAMOUT, i));
        nname.Type = IrType.NewSignature(null, ps, rs);
        _resultTypes[fn] = [];
        var clo = new ClosureExpr(pos, fn) { Type = nname.Type };
        fn.OClosure = clo;
        _funcs.Add(fn);

        var captured = new List<Node>(captures.Count);
        for (int i = 0; i < captures.Count; i++)
        {
            var n = captures[i];
            if (n is Name { Class: Class.PFUNC } or SelectorExpr { Op: Op.OMETHEXPR })
            {
                captured.Add(n);
                continue;
            }
            // reader.tempCopy
            var tmp = Temp(pos, n.Type!);
            var asn = new AssignStmt(pos, tmp, n) { Def = true };
            tmp.Defn = asn;
            clo.Init.Add(new Decl(pos, tmp));
            clo.Init.Add(asn);
            var cv = new Name(pos, tmp.Sym, tmp.Type, Class.PAUTOHEAP) { Curfn = fn, IsClosureVar = true, Defn = tmp, Outer = tmp };
            fn.ClosureVars.Add(cv);
            captured.Add(cv);
            // the interface receiver of a method value is nil-checked where the value is made
            if (ifaceHack && i == 1 && n.Type!.IsInterface)
                clo.Init.Add(new UnaryExpr(Op.OCHECKNIL, pos, new UnaryExpr(Op.OITAB, pos, tmp) { Type = IrType.NewPtr(IrType.Uint8) }));
        }
        addBody(fn, captured);
        return clo;
    }

    /// <summary>reader.syntheticArgs: the wrapper's parameters, as arguments.</summary>
    private static List<Node> SyntheticArgs(Func fn)
    {
        var l = new List<Node>();
        foreach (var p in fn.Nname.Type!.Params) l.Add(p.Nname!);
        return l;
    }

    /// <summary>reader.syntheticTailCall: the call of <paramref name="fun"/> with <paramref name="args"/>, returned
    /// if the method has results (sig: the method's signature).</summary>
    private void SyntheticTailCall(Func fn, XPos pos, Node fun, List<Node> args, Signature sig)
    {
        var resT = sig.Results.Len switch { 0 => null, 1 => T(sig.Results.At(0).Type!), _ => T(sig.Results) };
        var call = new CallExpr(Op.OCALLFUNC, pos, fun, args) { IsDDD = sig.Variadic, Type = resT };
        AddWrapperBody(fn, call, sig, pos);
    }

    private Name? _dictParam;
    private static readonly IrType DictPtrType = IrType.NewPtr(IrType.NewArray(IrType.Uintptr, 1));

    /// <summary>The shaped function's dictionary parameter ".dict" (first after the receiver: models the reader's
    /// shapeSig), a pointer to the dictionary's words.</summary>
    private void AddDictParam(Func fn)
    {
        var sig = fn.Nname.Type!;
        var dict = new Name(fn.Pos, new IrSym(_symPkg, ".dict"), DictPtrType, Class.PPARAM) { Curfn = fn };
        fn.Dcl.Insert(sig.Recv != null ? 1 : 0, dict);
        var pars = new List<Field>(sig.Params.Count + 1) { new(new IrSym(null, ".dict"), DictPtrType, fn.Pos) { Nname = dict } };
        pars.AddRange(sig.Params);
        fn.Nname.Type = IrType.NewSignature(sig.Recv, pars, [.. sig.Results]);
        _dictParam = dict;
    }

    /// <summary>The dictionary's words as an array: *.dict (implicit deref of the parameter).</summary>
    private Node DictWords(XPos pos)
    {
        var d = _dictParam ?? throw new InvalidOperationException("dictionary outside a shaped function");
        return new StarExpr(pos, d) { Type = DictPtrType.Elem, Implicit = true };
    }

    /// <summary>
    /// The dictionary argument of a call of a shaped instantiation (models reader.funcInst / methodExpr): the address
    /// of the static dictionary <c>&amp;pkg..dict.F[int]</c> (a method uses its type's: <c>.dict.T[int]</c>), or in a
    /// shaped body a subdictionary word of its own dictionary.
    /// </summary>
    private Node DictArg(XPos pos, GoFunc f, IReadOnlyList<GoType> targs)
    {
        var concrete = new GoType[targs.Count];
        bool shaped = false;
        for (int i = 0; i < concrete.Length; i++)
        {
            concrete[i] = _subst(targs[i]);
            shaped |= Shapes.ContainsShape(concrete[i]);
        }
        if (shaped && _dictParam != null)
        {
            var word = new IndexExpr(Op.OINDEX, pos, DictWords(pos), new BasicLit(pos, IrType.Int, IrConst.OfInt(0))) { Type = IrType.Uintptr };
            return new ConvExpr(Op.OCONVNOP, pos, DictPtrType, word);
        }
        var origin = f.Origin;
        string baseName = origin.Name;
        if (origin.Signature?.Recv is { } recv)
        {
            var (rt, _) = LookupUtil.Deref(recv.Type!);
            baseName = GoTypes.AsNamed(rt)?.Obj.Name ?? baseName;
        }
        var sb = new StringBuilder(".dict.").Append(baseName).Append('[');
        for (int i = 0; i < concrete.Length; i++)
        {
            if (i > 0) sb.Append(',');
            sb.Append(Shapes.LinkString(concrete[i]));
        }
        sb.Append(']');
        var g = new Name(default, _types.Sym(origin.Pkg, sb.ToString()), IrType.NewArray(IrType.Uintptr, 1), Class.PEXTERN);
        return new AddrExpr(Op.OADDR, pos, g) { Type = DictPtrType };
    }
}
