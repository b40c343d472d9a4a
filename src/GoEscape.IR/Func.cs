namespace GoEscape.IR;

/// <summary>Function pragmas that matter after typecheck (subset of ir.PragmaFlag).</summary>
[Flags]
public enum Pragma : ushort
{
    None = 0,
    Nointerface = 1 << 0,
    Noescape = 1 << 1,        // //go:noescape (bodyless funcs)
    Norace = 1 << 2,
    Nosplit = 1 << 3,
    Noinline = 1 << 4,
    NoCheckPtr = 1 << 5,
    CgoUnsafeArgs = 1 << 6,
    UintptrKeepAlive = 1 << 7, // pointers converted to uintptr must be kept alive (set for bodyless funcs too)
    UintptrEscapes = 1 << 8,   // //go:uintptrescapes
    Nowritebarrier = 1 << 9,
    Yeswritebarrierrec = 1 << 10,
    Systemstack = 1 << 11,
}

/// <summary>Escape analysis progress of a function (escape.escFunc*).</summary>
public enum EscFuncState : byte { Unknown, Planned, Started, Tagged }

/// <summary>
/// A function or function literal (ir.Func). Parameters and results are the first entries of <see cref="Dcl"/>
/// (receiver, params, results, in order), and are also the Nname of the signature's fields.
/// </summary>
public sealed class Func : Node
{
    /// <param name="local">A function compiled in this package: its name's Defn is the function (gc's
    /// Name.Defn). Imported functions (with export data tags only) pass false.</param>
    public Func(XPos pos, Name nname, bool local = true) : base(Op.ODCLFUNC, pos)
    {
        Nname = nname;
        nname.Func = this;
        nname.Class = Class.PFUNC;
        if (local) nname.Defn = this;
        else EscState = EscFuncState.Tagged;
    }

    /// <summary>The function's name (class PFUNC); its Type is the signature and its Sym the linker-ish name ("main", "(*T).M", "main.func1").</summary>
    public Name Nname { get; }
    public List<Node> Body { get; } = [];
    /// <summary>Declared variables: params and results first, then locals in declaration order (incl. autotmps).</summary>
    public List<Name> Dcl { get; } = [];
    /// <summary>For closures: the closure variables (IsClosureVar names, Outer = variable in the enclosing function).</summary>
    public List<Name> ClosureVars { get; } = [];
    /// <summary>The OCLOSURE expression for function literals.</summary>
    public ClosureExpr? OClosure { get; set; }
    /// <summary>Immediately enclosing function of a function literal.</summary>
    public Func? ClosureParent { get; set; }
    public Pragma Pragma { get; set; }
    /// <summary>Compiler-generated wrapper (go/defer wrappers, method wrappers): no -m diagnostics for its params or allocation.</summary>
    public bool Wrapper { get; set; }
    public bool Dupok { get; set; }
    /// <summary>Function has no body in Go (assembly / linkname); Body empty and <see cref="HasBody"/> false.</summary>
    public bool HasBody { get; set; } = true;
    public bool IsPackageInit { get; set; }
    public bool ClosureResultsLost { get; set; }
    public EscFuncState EscState { get; set; }

    public IrType Signature => Nname.Type!;
    public IrSym Sym => Nname.Sym;

    /// <summary>Models ir.Func.IsClosure: a function literal that captures variables.</summary>
    public bool IsClosure => OClosure != null && ClosureVars.Count > 0;

    /// <summary>Models ir.FuncName.</summary>
    public static string FuncName(Func? f) => f == null ? "<nil>" : f.Sym.Name;

    /// <summary>Models ir.ContainsClosure: whether c is a closure nested (at any depth) in f.</summary>
    public static bool ContainsClosure(Func f, Func c)
    {
        if (f == c || c.OClosure == null) return false;
        for (var p = c.ClosureParent; p != null; p = p.ClosureParent)
            if (p == f) return true;
        return false;
    }
}
