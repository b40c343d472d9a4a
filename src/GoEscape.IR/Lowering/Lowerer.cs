using System.Collections.Concurrent;
using System.Globalization;
using GoEscape.Types;
using Tuple = GoEscape.Types.Tuple;
using GoArray = GoEscape.Types.Array;
using GoSlice = GoEscape.Types.Slice;
using CConst = GoEscape.Types.Constant.Const;
using GoEscape.Types.Constant;
using Syn = GoEscape.Syntax;
using GoFunc = GoEscape.Types.Func;

namespace GoEscape.IR.Lowering;

/// <summary>
/// Functions and package variables of every lowered package, by their checker object, so that importers call the
/// very PFUNC names (with the parameter tags escape analysis wrote) of their dependencies: the explicit export-data
/// boundary of the pipeline. Objects of packages that were not lowered get an imported name with no tags (gc's
/// "no export data" conservative case: every parameter leaks to the heap).
/// </summary>
public sealed class ExportTable
{
    // Concurrent: packages without a dependency relation are lowered in parallel (each adds its own functions).
    private readonly ConcurrentDictionary<GoObject, Name> _funcs = new(ReferenceEqualityComparer.Instance);
    private readonly ConcurrentDictionary<GoObject, Name> _globals = new(ReferenceEqualityComparer.Instance);

    public bool TryGetFunc(GoObject f, out Name n) => _funcs.TryGetValue(f, out n!);
    public void AddFunc(GoObject f, Name n) => _funcs[f] = n;
    public bool TryGetGlobal(GoObject v, out Name n) => _globals.TryGetValue(v, out n!);
    public void AddGlobal(GoObject v, Name n) => _globals[v] = n;
}

/// <summary>The IR of one package: every function (declared functions and methods, then function literals after
/// the function enclosing them), in gc's Target.Funcs order.</summary>
public sealed class LoweredPackage(IrPkg pkg, List<Func> funcs)
{
    public IrPkg Pkg { get; } = pkg;
    public List<Func> Funcs { get; } = funcs;
    /// <summary>The loop variables loopvar.ForCapture made per-iteration, in gc's order (for -json's loopvar codes).</summary>
    public IReadOnlyList<VarAndLoop> LoopVarsTransformed { get; init; } = [];
}

/// <summary>Options of the lowering.</summary>
public sealed record LowerOptions
{
    /// <summary>Maps a source file name, of this package or another (instantiated generic bodies, promoted methods'
    /// parameters), to the path gc's diagnostics show while compiling this package (as go build rewrites it, from the
    /// package directory up: "./bufio/bufio.go" in std).</summary>
    public Func<string, string> DisplayPath { get; init; } = s => s;

    /// <summary>Generic function declarations of the compilation (to instantiate them); null: generic calls get
    /// untagged stubs.</summary>
    public GenericIndex? Generics { get; init; }
}

/// <summary>
/// Lowers one type-checked package to gc-shaped IR, as gc's unified IR writer/reader and typecheck build it
/// before escape analysis (models noder.writer + noder.reader + typecheck for the constructs escape analysis
/// observes): implicit conversions, method calls as OCALLFUNC of OMETHEXPR with the receiver first, variadic
/// "... argument" slices, multi-value calls spilled to autotmps, closures with their captured variables, go/defer
/// wrappers, ~r results. A construct it cannot lower is an internal error (<see cref="InternalErrorException"/>) naming
/// the function: it is never skipped.
/// </summary>
public sealed partial class Lowerer
{
    private readonly ICheckResults _info;
    private readonly TypeLowering _types;
    private readonly ExportTable _exports;
    private readonly LowerOptions _opts;
    private readonly List<Func> _funcs = [];
    private readonly Dictionary<string, int> _fileIndex = new(StringComparer.Ordinal);
    /// <summary>Declaring names of local variables (params, results, locals) of the package's functions.</summary>
    private readonly Dictionary<Var, Name> _locals = new(ReferenceEqualityComparer.Instance);
    /// <summary>Closure variables, per closure function and captured variable.</summary>
    private readonly Dictionary<(Func, Var), Name> _closureVars = new();
    /// <summary>Importer-side copies of dependency functions (see FuncName).</summary>
    private readonly Dictionary<Name, Name> _imported = new(ReferenceEqualityComparer.Instance);

    // per-function state
    private Func _fn = null!;
    private Func _outermost = null!;
    private readonly Dictionary<(Func, int), int> _closureCount = new();
    private string _fileVersion = "";

    /// <summary>
    /// TEST-ONLY failure injection: env GOESCAPE_INJECT_FAILURE=IMPORTPATH.FUNC (FUNC as gc names it: F, T.M,
    /// (*T).M) makes the lowering of that one declared function throw, so that tests can prove an internal failure is
    /// reported (one line, exit 3) and never hidden. Not a user feature.
    /// </summary>
    private static readonly string? InjectFailure = Environment.GetEnvironmentVariable("GOESCAPE_INJECT_FAILURE") is { Length: > 0 } v ? v : null;

    /// <summary>Wraps a failure while lowering the named function (or pseudo-function: init, a wrapper).</summary>
    private InternalErrorException Failure(string function, Exception e) => InternalErrorException.Wrap(_compiled.Path, function, e);

    public Lowerer(ICheckResults info, ExportTable exports, LowerOptions? opts = null)
    {
        _info = info;
        _types = new TypeLowering(info.Package);
        _exports = exports;
        _opts = opts ?? new LowerOptions();
        _compiled = info.Package;
        _symPkg = _types.LocalPkg;
        _instances = new InstanceSet(_opts.Generics);
        _types.Clock = () => _instances.WrapperFuncs.Count;
    }

    /// <summary>The package being compiled (for an instantiation's lowering, not the generic function's package).</summary>
    private readonly Package _compiled;
    /// <summary>Package of the symbols of locals, closures and labels: the compiled one, or a generic function's origin.</summary>
    private readonly IrPkg _symPkg;

    public TypeLowering Types => _types;


    /// <summary>Lowers the package's files (in order) to IR.</summary>
    public LoweredPackage Lower(IReadOnlyList<Syn.File> files)
    {
        for (int i = 0; i < files.Count; i++) _fileIndex[files[i].Base.Filename] = i;

        // Declare every function first (calls may refer to later declarations).
        var decls = new List<(Syn.FuncDecl Decl, Func Fn, Syn.File File)>();
        foreach (var file in files)
        {
            foreach (var d in file.DeclList)
            {
                if (d is not Syn.FuncDecl fd) continue;
                if (_info.DefOf(fd.Name) is not GoFunc obj) continue;
                bool generic = fd.TParamList != null || IsGenericRecv(obj);
                if (generic) continue; // generic bodies are lowered per shaped instantiation (Instantiate.cs)
                if (fd.Name.Value == "_" ) continue;
                var fn = DeclareFunc(fd, obj);
                decls.Add((fd, fn, file));
            }
        }
        foreach (var (fd, fn, file) in decls)
        {
            _fileVersion = _info.FileVersion(file);
            _funcs.Add(fn);
            if (fd.Body == null) continue;
            try
            {
                _fn = fn;
                _outermost = fn;
                if (InjectFailure != null && InjectFailure == _compiled.Path + "." + fn.Sym.Name)
                    throw new InvalidOperationException("failure injected by GOESCAPE_INJECT_FAILURE");
                fn.Body.AddRange(Block(fd.Body.List));
            }
            catch (Exception e)
            {
                throw Failure(fn.Sym.Name, e);
            }
        }
        // reader.pkgInit: the package's init function, its closures and outlined map initializers come first
        int initMark = _funcs.Count;
        var init = PackageInit(files);
        var front = _funcs.GetRange(initMark, _funcs.Count - initMark);
        _funcs.RemoveRange(initMark, _funcs.Count - initMark);
        if (init != null) front.Insert(0, init);
        _funcs.InsertRange(0, front);
        ReadPackageLevelTypes(files);
        LowerInstances();
        MakeWrappers(files);
        var transformed = new List<VarAndLoop>();
        foreach (var fn in _funcs) LoopVar.ForCapture(fn, transformed);
        return new LoweredPackage(_types.LocalPkg, _funcs) { LoopVarsTransformed = transformed };
    }

    private static bool IsGenericRecv(GoFunc f)
        => f.Signature is { } s && (s.RecvTypeParams.Len > 0 || s.TypeParams.Len > 0);

    // ---------------------------------------------------------------- positions

    public XPos Pos(Syn.Pos p)
    {
        if (!p.IsKnown) return default;
        var file = p.RelFilename;
        _fileIndex.TryGetValue(p.FileBase?.Filename ?? file, out int idx);
        return new XPos(_opts.DisplayPath(file), (int)p.RelLine, (int)p.RelCol, idx);
    }

    private XPos Pos(Syn.Node n) => Pos(n.Pos);

    // ---------------------------------------------------------------- functions

    /// <summary>The linker-ish symbol name gc gives a function: "F", "T.M", "(*T).M".</summary>
    private static string FuncSymName(GoFunc f)
    {
        var sig = f.Signature;
        if (sig?.Recv is not { } recv) return f.Name;
        var (t, isPtr) = LookupUtil.Deref(recv.Type!);
        var tn = GoTypes.AsNamed(t)?.Obj.Name ?? t.ToString();
        return isPtr ? $"(*{tn}).{f.Name}" : $"{tn}.{f.Name}";
    }

    private int _initGen;

    /// <param name="instSym">For a shaped instantiation: its symbol (the function is Dupok and not exported).</param>
    private Func DeclareFunc(Syn.FuncDecl fd, GoFunc obj, IrSym? instSym = null)
    {
        var symName = FuncSymName(obj);
        // noder.Renameinit: the package's init functions are init.0, init.1, ... in declaration order
        if (instSym == null && symName == "init" && fd.Recv == null) symName = "init." + _initGen++.ToString(CultureInfo.InvariantCulture);
        var nname = new Name(Pos(fd.Name), instSym ?? _types.Sym(obj.Pkg, symName), null, Class.PFUNC);
        var fn = new Func(Pos(fd.Name), nname) { Dupok = instSym != null, DeclPos = Pos(fd.Pos) };
        if (fd.Body == null) fn.HasBody = false;
        fn.Pragma = FuncPragmas(fd.Pragma, fd.Body == null);
        var sig = obj.Signature!;
        Field? recv = null;
        if (sig.Recv is { } rv && fd.Recv != null)
            recv = DeclareParam(fn, rv, fd.Recv, Class.PPARAM, 0, false);
        var pars = DeclareParams(fn, sig.Params, fd.Type.ParamList, Class.PPARAM, sig.Variadic, recv != null ? 1 : 0);
        var res = DeclareParams(fn, sig.Results, fd.Type.ResultList, Class.PPARAMOUT, false);
        nname.Type = IrType.NewSignature(recv, pars, res);
        SetResultTypes(fn, sig);
        if (instSym == null) _exports.AddFunc(obj, nname);
        return fn;
    }

    /// <summary>Function pragmas from the syntax layer's flags (noder's funcPragmas); bodyless functions are
    /// uintptrkeepalive (as gc marks assembly functions).</summary>
    private static Pragma FuncPragmas(Syn.Pragmas? p, bool bodyless)
    {
        var r = Pragma.None;
        if (p != null)
        {
            var f = p.Flags;
            if ((f & Syn.PragmaFlags.Nointerface) != 0) r |= Pragma.Nointerface;
            if ((f & Syn.PragmaFlags.Noescape) != 0) r |= Pragma.Noescape;
            if ((f & Syn.PragmaFlags.Norace) != 0) r |= Pragma.Norace;
            if ((f & Syn.PragmaFlags.Nosplit) != 0) r |= Pragma.Nosplit;
            if ((f & Syn.PragmaFlags.Noinline) != 0) r |= Pragma.Noinline;
            if ((f & Syn.PragmaFlags.NoCheckPtr) != 0) r |= Pragma.NoCheckPtr;
            if ((f & Syn.PragmaFlags.CgoUnsafeArgs) != 0) r |= Pragma.CgoUnsafeArgs;
            if ((f & Syn.PragmaFlags.UintptrKeepAlive) != 0) r |= Pragma.UintptrKeepAlive;
            if ((f & Syn.PragmaFlags.UintptrEscapes) != 0) r |= Pragma.UintptrEscapes;
            if ((f & Syn.PragmaFlags.Systemstack) != 0) r |= Pragma.Systemstack;
        }
        return r;
    }

    private List<Field> DeclareParams(Func fn, Tuple vars, List<Syn.Field> fields, Class cls, bool variadic, int offset = 0)
    {
        var list = new List<Field>(vars.Len);
        for (int i = 0; i < vars.Len; i++)
        {
            var f = i < fields.Count ? fields[i] : null;
            list.Add(DeclareParam(fn, vars.At(i), f, cls, offset + i, variadic && i == vars.Len - 1));
        }
        return list;
    }

    /// <summary>
    /// A parameter or result: its Name in the function's Dcl and its signature Field. Anonymous and blank ones are
    /// declared as ~pN (params, N counting the receiver) and ~rN (results), and keep a nil/blank field symbol, so
    /// escape analysis reports nothing about them (models ir.Func.DeclareParams).
    /// </summary>
    private Field DeclareParam(Func fn, Var v, Syn.Field? f, Class cls, int index, bool ddd)
    {
        var name = v.Name;
        bool anon = name.Length == 0 || name == "_";
        if (anon) name = (cls == Class.PPARAMOUT ? "~r" : "~p") + index.ToString(CultureInfo.InvariantCulture);
        var pos = f != null ? Pos(f.Name?.Pos ?? f.Pos) : default;
        if (f != null && f.Name == null) pos = Pos(Syn.Positions.StartPos(f.Type));
        var t = _types.Type(v.Type!);
        var n = new Name(pos, new IrSym(_symPkg, name), t, cls) { Curfn = fn };
        fn.Dcl.Add(n);
        _locals[v] = n;
        IrSym? fsym = v.Name.Length == 0 ? null : new IrSym(null, v.Name);
        return new Field(fsym, t, pos) { Nname = n, IsDDD = ddd };
    }

    /// <summary>The PFUNC name of a function or method object (declared here, lowered in a dependency, or a stub).</summary>
    private Name FuncName(GoFunc f)
    {
        var origin = f.Origin;
        if (_exports.TryGetFunc(origin, out var n))
        {
            if (n.Defn == null || ReferenceEquals(origin.Pkg, _compiled)) return n;
            // A function compiled in a dependency: importers see it as gc sees export data, a bodyless name whose
            // signature carries the parameter tags (no Defn, so it never joins the importer's analysis batches).
            if (_imported.TryGetValue(n, out var imp)) return imp;
            var st = n.Type!;
            Field CopyField(Field fl) => new(fl.Sym, fl.Type, fl.Pos) { Note = fl.Note, IsDDD = fl.IsDDD, Embedded = fl.Embedded };
            var sigCopy = IrType.NewSignature(st.Recv == null ? null : CopyField(st.Recv), [.. st.Params.Select(CopyField)], [.. st.Results.Select(CopyField)]);
            imp = new Name(n.Pos, QualifiedSym(origin, FuncSymName(origin)), sigCopy, Class.PFUNC);
            _ = new Func(n.Pos, imp, local: false) { Pragma = n.Func?.Pragma ?? Pragma.None, Inl = n.Func?.Inl };
            _imported[n] = imp;
            return imp;
        }
        // Not lowered (another package without IR, or a generic function): an imported name with empty tags, private
        // to this lowering (packages lowered concurrently never share one, so results do not depend on the order).
        if (_stubs.TryGetValue(origin, out n)) return n;
        var sig = origin.Signature!;
        Field? recv = sig.Recv is { } r ? new Field(new IrSym(null, r.Name.Length == 0 ? "~p" : r.Name), _types.Type(r.Type!)) : null;
        var t = _types.SignatureType(sig, recv);
        n = new Name(default, QualifiedSym(origin, FuncSymName(origin)), t, Class.PFUNC);
        _ = new Func(default, n, local: false);
        _stubs[origin] = n;
        return n;
    }

    private readonly Dictionary<GoObject, Name> _stubs = new(ReferenceEqualityComparer.Instance);

    /// <summary>A package-level variable's PEXTERN name (one per lowering: gc prints other packages' names qualified).</summary>
    private Name GlobalName(Var v)
    {
        if (_globals.TryGetValue(v, out var n)) return n;
        n = new Name(default, QualifiedSym(v, v.Name), _types.Type(v.Type!), Class.PEXTERN);
        _globals[v] = n;
        return n;
    }

    private readonly Dictionary<Var, Name> _globals = new(ReferenceEqualityComparer.Instance);

    /// <summary>The symbol of a package-level function or variable: qualified by its package (non-local packages print
    /// qualified, "fmt.Println", as ir's symfmt does).</summary>
    private IrSym QualifiedSym(GoObject o, string name) => _types.Sym(o.Pkg, name);

    // ---------------------------------------------------------------- variables

    /// <summary>Declares a local variable of the current function (models Func.NewLocal via the reader's addLocal).</summary>
    private Name DeclareLocal(Var v, Syn.Pos pos)
    {
        var n = new Name(Pos(pos), new IrSym(_symPkg, v.Name), _types.Type(v.Type!), Class.PAUTO) { Curfn = _fn };
        if (v.Name != "_") _fn.Dcl.Add(n);
        _locals[v] = n;
        return n;
    }

    /// <summary>The name of a local variable as seen from the current function: itself, or a closure variable.</summary>
    private Name LocalRef(Var v, Syn.Pos usePos)
    {
        var decl = _locals[v];
        return Capture(_fn, decl, v, usePos);
    }

    private Name Capture(Func fn, Name decl, Var v, Syn.Pos usePos)
    {
        if (decl.Curfn == fn || decl.Curfn == null) return decl;
        if (_closureVars.TryGetValue((fn, v), out var cv)) return cv;
        var parent = fn.ClosureParent ?? throw new InvalidOperationException("variable of another function: " + v.Name);
        var outer = Capture(parent, decl, v, usePos);
        cv = new Name(Pos(usePos), decl.Sym, decl.Type, Class.PAUTOHEAP)
        {
            Curfn = fn, IsClosureVar = true, Defn = outer.Canonical(), Outer = outer,
        };
        fn.ClosureVars.Add(cv);
        _closureVars[(fn, v)] = cv;
        return cv;
    }

    /// <summary>A new autotmp of the current function.</summary>
    private Name Temp(XPos pos, IrType t) => Temps.TempAt(pos, _fn, t);

    private IrType T(GoType t) => _types.Type(t);

    private GoType TypeOf(Syn.Expr e) => _info.TypeOf(e) ?? throw new InvalidOperationException($"no type for {e}");
}
