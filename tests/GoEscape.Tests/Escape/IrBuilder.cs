using GoEscape.IR;
using Func = GoEscape.IR.Func;

namespace GoEscape.Tests.Escape;

/// <summary>
/// A small DSL to build gc-shaped IR by hand (what the lowering will produce): positions are given as
/// (line, col) in one file, as gc reports them.
/// </summary>
internal sealed class IrBuilder
{
    public readonly IrPkg Pkg;
    public readonly string File;
    public readonly List<Func> Funcs = [];

    public IrBuilder(string file = "./a.go", string pkgName = "main")
    {
        File = file;
        Pkg = new IrPkg(pkgName == "main" ? "main" : "x/" + pkgName, pkgName) { IsLocal = true };
    }

    public XPos P(int line, int col) => new(File, line, col);

    /// <summary>gc's ir.BlankNode: the "_" name (class Pxxx, no type).</summary>
    public static readonly Name Blank = new(default, new IrSym(null, "_"), null, Class.Pxxx);

    // ---- types ----
    public static IrType Ptr(IrType t) => IrType.NewPtr(t);
    public static IrType SliceOf(IrType t) => IrType.NewSlice(t);
    public static IrType ArrayOf(IrType t, long n) => IrType.NewArray(t, n);
    public static IrType MapOf(IrType k, IrType v) => IrType.NewMap(k, v);

    public IrType Named(string name, IrType underlying, IrPkg? pkg = null)
        => IrType.NewNamed(new IrSym(pkg ?? Pkg, name)).SetUnderlying(underlying);

    public IrType Struct(params (string Name, IrType Type)[] fields)
        => IrType.NewStruct(fields.Select(f => new Field(new IrSym(Pkg, f.Name), f.Type)).ToList());

    public static IrType Sig(IrType[] pars, IrType[] results)
        => IrType.NewSignature(null, pars.Select(p => new Field(null, p)).ToList(), results.Select(r => new Field(null, r)).ToList());

    public static readonly IrType Error = IrType.NewNamed(new IrSym(IrPkg.Builtin, "error"))
        .SetUnderlying(IrType.NewInterface([new Field(new IrSym(null, "Error"), Sig([], [IrType.String]))]));

    // ---- functions ----
    public sealed record P_(string Name, IrType Type, int Line, int Col, bool DDD = false);

    public static P_ Par(string name, IrType t, int line, int col, bool ddd = false) => new(name, t, line, col, ddd);

    /// <summary>Declares a function (or method, if recv given) compiled in this package.</summary>
    public FuncB Func(string name, int line, int col, P_? recv, P_[] pars, P_[] results, bool closure = false)
    {
        var nname = new Name(P(line, col), new IrSym(Pkg, name), null, Class.PFUNC);
        var fn = new Func(P(line, col), nname);
        Field MkField(P_ p, Class cls)
        {
            var n = new Name(P(p.Line, p.Col), new IrSym(Pkg, p.Name), p.Type, cls) { Curfn = fn };
            fn.Dcl.Add(n);
            return new Field(new IrSym(Pkg, p.Name), p.Type, P(p.Line, p.Col)) { Nname = n, IsDDD = p.DDD };
        }
        var r = recv == null ? null : MkField(recv, Class.PPARAM);
        var ps = pars.Select(p => MkField(p, Class.PPARAM)).ToList();
        var rs = results.Select(p => MkField(p, Class.PPARAMOUT)).ToList();
        nname.Type = IrType.NewSignature(r, ps, rs);
        if (!closure) Funcs.Add(fn);
        return new FuncB(this, fn);
    }

    /// <summary>An imported function or method known only by its signature and param tags (export data).</summary>
    public static Name Imported(IrPkg pkg, string name, Field? recv, Field[] pars, Field[] results, Pragma pragma = Pragma.None)
    {
        var nname = new Name(default, new IrSym(pkg, name), IrType.NewSignature(recv, pars, results), Class.PFUNC);
        _ = new Func(default, nname, local: false) { Pragma = pragma };
        return nname;
    }

    public static Field Param(string name, IrType t, string note = "") => new(new IrSym(null, name), t) { Note = note };

    // ---- expressions ----
    public BasicLit Int(long v, int line, int col, IrType? t = null) => new(P(line, col), t ?? IrType.Int, IrConst.OfInt(v));
    public BasicLit Str(string s, int line, int col) => new(P(line, col), IrType.String, IrConst.OfString(s));
    public NilExpr Nil(IrType t, int line, int col) => new(P(line, col), t);
    public AddrExpr AddrOf(Node x, int line, int col) => new(Op.OADDR, P(line, col), x) { Type = Ptr(x.Type!) };
    public StarExpr Deref(Node x, int line, int col) => new(P(line, col), x) { Type = x.Type!.Elem };
    public SelectorExpr Dot(Node x, string field, IrType t, int line, int col)
        => new(Op.ODOT, P(line, col), x, new IrSym(Pkg, field)) { Type = t };
    public SelectorExpr DotPtr(Node x, string field, IrType t, int line, int col)
        => new(Op.ODOTPTR, P(line, col), x, new IrSym(Pkg, field)) { Type = t };
    public MakeExpr MakeSlice(IrType t, Node len, Node? cap, int line, int col) => new(Op.OMAKESLICE, P(line, col), len, cap) { Type = t };
    public UnaryExpr New(IrType elem, int line, int col) => new(Op.ONEW, P(line, col), new TypeNode(P(line, col), elem)) { Type = Ptr(elem) };
    public AddrExpr PtrLit(CompLitExpr lit, int line, int col) => new(Op.OPTRLIT, P(line, col), lit) { Type = Ptr(lit.Type!) };
    public CompLitExpr StructLit(IrType t, int line, int col, params (string Field, Node Value)[] elts)
        => new(Op.OSTRUCTLIT, P(line, col), elts.Select(e => (Node)new StructKeyExpr(e.Value.Pos, new IrSym(Pkg, e.Field), e.Value)).ToList()) { Type = t };
    public CompLitExpr SliceLit(IrType t, int line, int col, params Node[] elts)
        => new(Op.OSLICELIT, P(line, col), elts.ToList()) { Type = t, Len = elts.Length };
    public ConvExpr ConvIface(Node x, IrType iface, int line, int col, bool @implicit = true)
        => new(Op.OCONVIFACE, P(line, col), iface, x) { Implicit = @implicit };

    public CallExpr Call(Node fun, int line, int col, params Node[] args)
        => new(Op.OCALLFUNC, P(line, col), fun, args.ToList()) { Type = ResultType(fun.Type!) };

    /// <summary>A method call as gc's typecheck.FixMethodCall leaves it: (T).M(recv, args...).</summary>
    public CallExpr MethodCall(Name method, IrType recvType, Node recv, int line, int col, params Node[] args)
    {
        var sig = method.Type!;
        var fn = new SelectorExpr(Op.OMETHEXPR, P(line, col), new TypeNode(P(line, col), recvType), method.Sym.Name.Contains('.') ? new IrSym(method.Sym.Pkg, method.Sym.Name[(method.Sym.Name.LastIndexOf('.') + 1)..]) : method.Sym)
        {
            Selection = new Field(method.Sym, sig) { Nname = method },
            Type = IrType.NewSignature(null, [sig.Recv!, .. sig.Params], sig.Results),
        };
        var all = new List<Node> { recv };
        all.AddRange(args);
        return new CallExpr(Op.OCALLFUNC, P(line, col), fn, all) { Type = ResultType(sig) };
    }

    private static IrType? ResultType(IrType sig) => sig.Results.Count switch
    {
        0 => null,
        1 => sig.Results[0].Type,
        _ => IrType.NewStruct(sig.Results.ToList()),
    };
}

/// <summary>Builder for one function's body.</summary>
internal sealed class FuncB(IrBuilder b, Func fn)
{
    public readonly Func Fn = fn;
    public Name Param(int i) => Fn.Dcl[i];
    public Name this[string name] => Fn.Dcl.First(n => n.Sym.Name == name);

    public Name Local(string name, IrType t, int line, int col)
        => Temps.NewLocal(b.P(line, col), Fn, new IrSym(b.Pkg, name), t);

    public FuncB Body(params Node[] stmts)
    {
        Fn.Body.AddRange(stmts);
        return this;
    }

    /// <summary>"x := v": ODCL x; OAS x = v (Def), with x.Defn set.</summary>
    public BlockStmt Define(Name x, Node v, int line, int col)
    {
        var a = new AssignStmt(b.P(line, col), x, v) { Def = true };
        x.Defn = a;
        // gc keeps the ODCL and the OAS as two statements; a block keeps our statement lists flat enough.
        return new BlockStmt(b.P(line, col), [new Decl(x.Pos, x), a]);
    }

    /// <summary>"var x T" : ODCL x; OAS x = nil-value (Y null).</summary>
    public BlockStmt Var(Name x, int line, int col)
        => new(b.P(line, col), [new Decl(x.Pos, x), new AssignStmt(b.P(line, col), x, null)]);

    public AssignStmt Assign(Node x, Node v, int line, int col) => new(b.P(line, col), x, v);
    public ReturnStmt Return(int line, int col, params Node[] results) => new(b.P(line, col), results.ToList());

    /// <summary>A function literal nested in this function; captured are (outer variable, position of first use in the literal).</summary>
    public (ClosureExpr Clo, FuncB Inner) Closure(string name, int line, int col, IrBuilder.P_[] pars, IrBuilder.P_[] results, params (Name Outer, int Line, int Col)[] captured)
    {
        var inner = b.Func(name, line, col, null, pars, results, closure: true);
        var f = inner.Fn;
        f.ClosureParent = Fn;
        foreach (var (outer, l, c) in captured)
        {
            var cv = new Name(b.P(l, c), outer.Sym, outer.Type, Class.PAUTOHEAP)
            {
                Curfn = f, IsClosureVar = true, Defn = outer.Canonical(), Outer = outer,
            };
            f.ClosureVars.Add(cv);
        }
        var clo = new ClosureExpr(b.P(line, col), f) { Type = f.Signature };
        f.OClosure = clo;
        b.Funcs.Add(f);
        return (clo, inner);
    }

    public Name CV(string name) => Fn.ClosureVars.First(n => n.Sym.Name == name);
}
