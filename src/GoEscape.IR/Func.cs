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

/// <summary>
/// What the inliner keeps of an inlinable function (models ir.Inline): its cost against the budget, the locals
/// its body uses (pruneUnusedAutos), and whether inlined calls may declare the results only at the return.
/// </summary>
public sealed class InlineInfo
{
    public int Cost { get; init; }
    public List<Name> Dcl { get; init; } = [];
    public bool CanDelayResults { get; init; }
    /// <summary>The function's body as CanInline saw it, before any inlining into it, devirtualization or escape
    /// analysis (gc re-reads it from export data for each inlined call): a deep copy with its own names, set when
    /// call-site inlining is on; null otherwise. <see cref="PristineDcl"/> are its params, results and locals.</summary>
    public List<Node>? PristineBody { get; set; }
    public List<Name>? PristineDcl { get; set; }
    /// <summary>The function whose body was kept (the Curfn of the pristine names): the declaring package's Func,
    /// which an importer's bodyless name for the same function shares this info with.</summary>
    public Func? PristineOwner { get; set; }
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
    /// <summary>Made by gc after its inlining pass (method wrappers, package init, map init functions): CanInline never
    /// sees it.</summary>
    public bool GeneratedAfterInlining { get; set; }
    /// <summary>A method wrapper of noder.MakeWrappers: made after the package's inlining pass, whose calls are
    /// inlined on their own by reader.finishWrapperFunc (interleaved.DevirtualizeAndInlineFunc). Package init and
    /// map init functions are in gc's Target.Funcs from the start: the package pass inlines their calls.</summary>
    public bool IsMethodWrapper { get; set; }
    /// <summary>gc's fn.Pos() for a declared function: the token after "func" (the name, or a method's receiver "(");
    /// unknown for others (then <see cref="Node.Pos"/> is the position gc uses).</summary>
    public XPos DeclPos { get; set; }
    public bool ClosureResultsLost { get; set; }
    public EscFuncState EscState { get; set; }

    /// <summary>Inlinability (ir.Func.Inl): set by the inliner's CanInline when the function can be inlined; shared
    /// with importers' copies of the name, as gc's export data carries it.</summary>
    public InlineInfo? Inl { get; set; }
    /// <summary>CanInline has looked at this function (ir.Func.InlinabilityChecked).</summary>
    public bool InlinabilityChecked { get; set; }

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
