using GoEscape.Syntax;
using GoEscape.Types.Constant;

namespace GoEscape.Types;

// The type checker (models cmd/compile/internal/types2). It checks one package at a time over gc-shaped syntax
// trees and records its results in side tables (CheckInfo), never in the trees. Phases, in order (types2's
// checkFiles): initFiles, collectObjects, packageObjects, processDelayed (function bodies), initOrder,
// unusedImports, recordUntyped. Errors go to a sink in types2's words; follow-on errors mentioning
// "invalid operand"/"invalid type" are suppressed after the first error (types2 error_.report).

/// <summary>Configuration of one package check (models types2.Config).</summary>
public sealed class CheckConfig
{
    /// <summary>Language version of the package ("go1.22"); "" means the current version.</summary>
    public string GoVersion { get; init; } = "";
    /// <summary>Resolves an import path (as written) to a checked package; null means "could not import".</summary>
    public Func<string, Package?>? Importer { get; init; }
    /// <summary>Reports why an import failed (for the error message); optional.</summary>
    public Func<string, string?>? ImportError { get; init; }
    public GcSizes? Sizes { get; init; }
    public bool IgnoreFuncBodies { get; init; }
    /// <summary>Checking a standard library package (gc -std); allows some runtime-only constructs.</summary>
    public bool Std { get; init; }
}

/// <summary>One type error (models types2.Error).</summary>
public sealed record CheckError(Pos Pos, string Msg, bool Soft)
{
    public override string ToString() => $"{Pos.Format()}: {Msg}";
}

/// <summary>Mode of a recorded expression (types2 operandMode).</summary>
public enum ExprMode : byte { Invalid, NoValue, Builtin, TypeExpr, Constant, Variable, MapIndex, Value, NilValue, CommaOk, CommaErr }

/// <summary>Type and value of an expression (models types2.TypeAndValue).</summary>
public readonly record struct TypeAndValue(ExprMode Mode, GoType? Type, ConstValue? Value)
{
    public bool IsVoid => Mode == ExprMode.NoValue;
    public bool IsType => Mode == ExprMode.TypeExpr;
    public bool IsBuiltin => Mode == ExprMode.Builtin;
    public bool IsValue => Mode is ExprMode.Constant or ExprMode.Variable or ExprMode.MapIndex or ExprMode.Value or ExprMode.NilValue or ExprMode.CommaOk or ExprMode.CommaErr;
    public bool IsNil => Mode == ExprMode.NilValue || (Mode == ExprMode.Value && Type is Basic { Kind: BasicKind.UntypedNil });
    public bool Addressable => Mode == ExprMode.Variable;
    public bool Assignable => Mode is ExprMode.Variable or ExprMode.MapIndex;
    public bool HasOk => Mode is ExprMode.CommaOk or ExprMode.CommaErr;
}

/// <summary>An instantiation: type arguments and the instantiated type (models types2.Instance).</summary>
public readonly record struct InstanceInfo(TypeList TypeArgs, GoType Type);

/// <summary>A package-level variable initialization (models types2.Initializer).</summary>
public sealed record Initializer(IReadOnlyList<Var> Lhs, Expr Rhs);

/// <summary>Kind of an implicit conversion inserted by the checker.</summary>
public enum ImplicitConversionKind : byte { UntypedToTyped, ToInterface, Other }

/// <summary>
/// Side tables filled by the checker (models types2.Info plus what later stages need). All dictionaries are keyed by
/// node reference.
/// </summary>
public sealed class CheckInfo
{
    public Dictionary<Expr, TypeAndValue> Types { get; } = new(NodeIdentity.Comparer);
    public Dictionary<Name, GoObject?> Defs { get; } = new(NodeIdentity.Comparer);
    public Dictionary<Name, GoObject> Uses { get; } = new(NodeIdentity.Comparer);
    /// <summary>ImportDecl (no rename) -> PkgName; CaseClause (type switch) -> Var; Field (anonymous param) -> Var.</summary>
    public Dictionary<Node, GoObject> Implicits { get; } = new(NodeIdentity.Comparer);
    public Dictionary<SelectorExpr, Selection> Selections { get; } = new(NodeIdentity.Comparer);
    public Dictionary<Name, InstanceInfo> Instances { get; } = new(NodeIdentity.Comparer);
    public Dictionary<Node, Scope> Scopes { get; } = new(NodeIdentity.Comparer);
    public List<Initializer> InitOrder { get; } = new();
    /// <summary>Per-file language version (max(file //go:build version, go1.21) or the package version).</summary>
    public Dictionary<Syntax.File, string> FileVersions { get; } = new(NodeIdentity.Comparer);
    /// <summary>
    /// Implicit conversions of values at assignment-like sites (assignment, call argument, return, send, composite literal
    /// element, map index, ...): expression -> target type. Includes value-to-interface conversions and untyped constants
    /// converted to a typed context.
    /// </summary>
    public Dictionary<Expr, GoType> ImplicitConversions { get; } = new(NodeIdentity.Comparer);
    /// <summary>Pragmas of function declarations (also reachable as Func.Pragma).</summary>
    public Dictionary<Func, Pragmas> FuncPragmas { get; } = new(ReferenceEqualityComparer.Instance);
    /// <summary>Function declarations and literals with their signature objects.</summary>
    public Dictionary<FuncDecl, Func> FuncDecls { get; } = new(NodeIdentity.Comparer);

    public GoType? TypeOf(Expr e)
    {
        if (Types.TryGetValue(e, out var tv)) return tv.Type;
        if (e is Name n)
        {
            var o = ObjectOf(n);
            return o?.Type;
        }
        return null;
    }

    public GoObject? ObjectOf(Name n) => Defs.TryGetValue(n, out var d) && d != null ? d : Uses.GetValueOrDefault(n);
}

/// <summary>Checks one package. Create one per package; call <see cref="CheckFiles"/> once.</summary>
public sealed partial class Checker
{
    private readonly CheckConfig _conf;
    private readonly Package _pkg;
    public CheckInfo Info { get; }
    private readonly List<CheckError> _errors = new();
    private bool _hasErr;
    private readonly Context _ctxt = new();
    internal readonly GcSizes Sizes;

    // package-level state
    private readonly Dictionary<GoObject, DeclInfo> _objMap = new(ReferenceEqualityComparer.Instance);
    private readonly List<GoObject> _objList = new();
    private readonly List<Syntax.File> _files = new();
    private readonly List<PkgName> _imports = new();
    private readonly Dictionary<(Scope, string), PkgName> _dotImportMap = new();
    private readonly Dictionary<TypeName, List<Func>> _methods = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Expr, UntypedInfo> _untyped = new(NodeIdentity.Comparer);
    private readonly List<Action> _delayed = new();
    private readonly List<string> _delayedVersions = new();
    private readonly List<GoObject> _objPath = new();
    private readonly Dictionary<GoObject, int> _objPathIdx = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<Var> _usedVars = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<PkgName> _usedPkgNames = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<TypeName> _brokenAliases = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Union, TypeSet> _unionTypeSets = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Syntax.PosBase, Syntax.File> _fileOfBase = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Syntax.File, string> _versions = new(NodeIdentity.Comparer);

    // environment of the object currently being checked (types2 environment)
    private Env _env = new();

    internal sealed class UntypedInfo
    {
        public bool IsLhs;
        public ExprMode Mode;
        public Basic Type = null!;
        public ConstValue? Val;
    }

    /// <summary>types2 environment: state for the object (function body, declaration) being checked.</summary>
    internal sealed class Env
    {
        public DeclInfo? Decl;
        public Scope? Scope;
        public Pos Pos = default;   // if valid, identifiers are looked up as if at position pos
        public ConstValue? Iota;
        public Pos ErrPos;          // if valid, errors are reported at this position (constant declarations)
        public Signature? Sig;      // function signature if inside a function
        public bool HasLabel;
        public bool HasCallOrRecv;
        public string Version = "";

        public Env Copy() => (Env)MemberwiseClone();

        public (Scope? Scope, GoObject? Obj) LookupScope(string name)
        {
            for (var s = Scope; s != null; s = s.Parent)
            {
                var obj = s.Lookup(name);
                if (obj != null && (!Pos.IsKnown || CmpPos(obj.ScopePos, Pos) <= 0))
                    return (s, obj);
            }
            return (null, null);
        }

        private static int CmpPos(SourcePos a, Pos b)
        {
            if (!a.IsKnown) return -1;
            if (a.Line != b.Line) return a.Line < b.Line ? -1 : 1;
            return a.Col.CompareTo((int)b.Col);
        }
    }

    public Checker(CheckConfig conf, Package pkg, CheckInfo? info = null)
    {
        _conf = conf;
        _pkg = pkg;
        Info = info ?? new CheckInfo();
        Sizes = conf.Sizes ?? GcSizes.Amd64;
    }

    public Package Package => _pkg;
    public IReadOnlyList<CheckError> Errors => _errors;

    /// <summary>Type-checks the package files (models types2.(*Checker).checkFiles).</summary>
    public void CheckFiles(IReadOnlyList<Syntax.File> files)
    {
        try
        {
            InitFiles(files);
            CollectObjects();
            DirectCycles();
            PackageObjects();
            ProcessDelayed(0);
            InitOrder();
            UnusedImports();
            RecordUntyped();
            if (!_hasErr) Monomorph(); // types2: only when there are no errors
            if (!_hasErr) AnonInterfaceCycles(); // noder (irgen.go), after a successful check
            _pkg.GoVersion = _conf.GoVersion;
            _pkg.Complete = true;
        }
        catch (Bailout)
        {
        }
    }

    private sealed class Bailout : Exception { }

    // ------------------------------------------------------------------------------------------------
    // Files and versions

    private void InitFiles(IReadOnlyList<Syntax.File> files)
    {
        foreach (var file in files)
        {
            if (file.Broken || file.PkgName == null) continue;
            string name = file.PkgName.Value;
            if (_pkg.Name == "")
            {
                if (name != "_") _pkg.Name = name;
                else Error(file.PkgName, "invalid package name _");
                _files.Add(file);
            }
            else if (_pkg.Name == name) _files.Add(file);
            else Error(file.PkgName, $"package {name}; expected package {_pkg.Name}");
        }
        foreach (var file in _files)
        {
            string v = _conf.GoVersion;
            var fv = GoVersions.Parse(file.GoVersion);
            if (fv.IsValid) v = GoVersions.Max(fv, GoVersions.Go1_21).ToString();
            _versions[file] = v;
            Info.FileVersions[file] = v;
            if (file.Base != null) _fileOfBase[file.Base] = file;
        }
    }

    /// <summary>The file containing pos (by file base).</summary>
    internal Syntax.File? FileOf(Pos pos)
    {
        var b = pos.FileBase;
        return b != null && _fileOfBase.TryGetValue(b, out var f) ? f : null;
    }

    // ------------------------------------------------------------------------------------------------
    // Delayed actions

    private void Later(Action f)
    {
        _delayed.Add(f);
        _delayedVersions.Add(_env.Version);
    }

    private void ProcessDelayed(int top)
    {
        string saved = _env.Version;
        for (int i = top; i < _delayed.Count; i++)
        {
            _env.Version = _delayedVersions[i];
            _delayed[i]();
        }
        _delayed.RemoveRange(top, _delayed.Count - top);
        _delayedVersions.RemoveRange(top, _delayedVersions.Count - top);
        _env.Version = saved;
    }

    // ------------------------------------------------------------------------------------------------
    // Object path (cycle detection)

    private void Push(GoObject obj)
    {
        _objPathIdx[obj] = _objPath.Count;
        _objPath.Add(obj);
    }

    private void Pop()
    {
        var obj = _objPath[^1];
        _objPath.RemoveAt(_objPath.Count - 1);
        _objPathIdx.Remove(obj);
    }

    // ------------------------------------------------------------------------------------------------
    // Errors (models types2 errors.go)

    internal const string InvalidArg = "invalid argument: ";
    internal const string InvalidOp = "invalid operation: ";

    /// <summary>types2.atPos: gc's syntax.StartPos (which, unlike go/ast, does not descend into slice expressions).</summary>
    internal static Pos AtPos(Node n) => Positions.StartPos(n);

    /// <summary>The start position go/ast gives the corresponding node (used by the go/types dump): like
    /// syntax.StartPos, but also descending into slice expressions, range clauses and send statements.</summary>
    public static Pos StartPos(Node n)
    {
        for (; ; )
        {
            switch (n)
            {
                case SliceExpr s: n = s.X; continue;
                case SelectorExpr s: n = s.X; continue;
                case IndexExpr ix: n = ix.X; continue;
                case AssertExpr a: n = a.X; continue;
                case CallExpr c: n = c.Fun; continue;
                case Operation { Y: not null } o: n = o.X; continue;
                case KeyValueExpr kv: n = kv.Key; continue;
                case CompositeLit { Type: not null } cl: n = cl.Type; continue;
                case TypeSwitchGuard g: n = (Node?)g.Lhs ?? g.X; continue;
                case ListExpr { ElemList.Count: > 0 } l: n = l.ElemList[0]; continue;
                case AssignStmt a: n = a.Lhs; continue;
                case SendStmt ss: n = ss.Chan; continue;
                case RangeClause r: n = (Node?)r.Lhs ?? r.X; continue;
            }
            return Positions.StartPos(n);
        }
    }

    internal void Error(Node at, string msg) => Report(AtPos(at), msg, false);
    internal void Error(Pos at, string msg) => Report(at, msg, false);
    internal void Error(Operand x, string msg) => Report(x.Expr != null ? AtPos(x.Expr) : default, msg, false);
    internal void SoftError(Node at, string msg) => Report(AtPos(at), msg, true);
    internal void SoftError(Pos at, string msg) => Report(at, msg, true);

    internal void VersionError(Node at, GoVersion v, string what) => Report(AtPos(at), $"{what} requires {v} or later", false);
    internal void VersionError(Pos at, GoVersion v, string what) => Report(at, $"{what} requires {v} or later", false);

    private void Report(Pos pos, string msg, bool soft)
    {
        if (_hasErr && (msg.IndexOf("invalid operand", StringComparison.Ordinal) > 0 || msg.IndexOf("invalid type", StringComparison.Ordinal) > 0))
            return;
        if (_env.ErrPos.IsKnown) pos = _env.ErrPos;
        _hasErr = true;
        _errors.Add(new CheckError(pos, msg, soft));
    }

    internal bool HasErrors => _hasErr;

    // ------------------------------------------------------------------------------------------------
    // Recording (models types2 recording.go)

    internal void Record(Operand x)
    {
        GoType typ;
        ConstValue? val = null;
        switch (x.Mode)
        {
            case OperandMode.Invalid: typ = Universe.Invalid; break;
            case OperandMode.NoValue: typ = NoValueType; break;
            case OperandMode.Constant: typ = x.Type; val = x.Val; break;
            default: typ = x.Type; break;
        }
        if (x.Expr == null) return;
        if (typ is Basic b && IsUntyped(b))
            RememberUntyped(x.Expr, false, ToExprMode(x.Mode), b, val);
        else
            RecordTypeAndValue(x.Expr, ToExprMode(x.Mode), typ, val);
    }

    /// <summary>Stand-in for go/types' (*Tuple)(nil) type of void expressions.</summary>
    internal static readonly Tuple NoValueType = new();

    internal static ExprMode ToExprMode(OperandMode m) => (ExprMode)(int)m;

    internal void RememberUntyped(Expr e, bool lhs, ExprMode mode, Basic typ, ConstValue? val)
    {
        _untyped[e] = new UntypedInfo { IsLhs = lhs, Mode = mode, Type = typ, Val = val };
    }

    private void RecordUntyped()
    {
        foreach (var (x, info) in _untyped)
            RecordTypeAndValue(x, info.Mode, info.Type, info.Val);
    }

    internal void RecordTypeAndValue(Expr x, ExprMode mode, GoType typ, ConstValue? val)
    {
        if (mode == ExprMode.Invalid) return;
        Info.Types[x] = new TypeAndValue(mode, typ, val);
    }

    internal void RecordBuiltinType(Expr f, Signature sig)
    {
        for (; ; )
        {
            RecordTypeAndValue(f, ExprMode.Builtin, sig, null);
            switch (f)
            {
                case ParenExpr p: f = p.X; break;
                default: return;
            }
        }
    }

    internal void RecordCommaOkTypes(Expr x, Operand a0, Operand a1)
    {
        if (a0.Mode == OperandMode.Invalid) return;
        var t0 = a0.Type; var t1 = a1.Type;
        for (; ; )
        {
            if (Info.Types.TryGetValue(x, out var tv))
            {
                var pos = ToSourcePos(x.Pos);
                var tup = new Tuple(Var.NewVar(VarKind.LocalVar, pos, _pkg, "", t0), Var.NewVar(VarKind.LocalVar, pos, _pkg, "", t1));
                Info.Types[x] = tv with { Type = tup };
            }
            if (x is ParenExpr p) x = p.X; else break;
        }
    }

    internal void RecordInstance(Expr expr, GoType[] targs, GoType typ)
    {
        var ident = InstantiatedIdent(expr);
        if (ident != null) Info.Instances[ident] = new InstanceInfo(new TypeList(targs), typ);
    }

    internal static Name? InstantiatedIdent(Expr expr)
    {
        Expr? selOrIdent = expr switch
        {
            IndexExpr ix => ix.X,
            SelectorExpr or Name => expr,
            _ => null,
        };
        while (selOrIdent is ParenExpr p) selOrIdent = p.X;
        return selOrIdent switch
        {
            Name n => n,
            SelectorExpr s => s.Sel,
            _ => null,
        };
    }

    internal void RecordDef(Name id, GoObject? obj) => Info.Defs[id] = obj;

    internal void RecordUse(Name id, GoObject obj) => Info.Uses[id] = obj;

    internal void RecordImplicit(Node node, GoObject obj) => Info.Implicits[node] = obj;

    internal void RecordSelection(SelectorExpr x, SelectionKind kind, GoType recv, GoObject obj, int[] index, bool indirect)
    {
        RecordUse(x.Sel, obj);
        Info.Selections[x] = new Selection(kind, recv, obj, index, indirect);
    }

    internal void RecordScope(Node node, Scope scope) => Info.Scopes[node] = scope;

    internal void RecordImplicitConversion(Expr e, GoType target)
    {
        Info.ImplicitConversions[e] = target;
    }

    // ------------------------------------------------------------------------------------------------
    // Positions

    /// <summary>Converts a syntax position to the model's object position (absolute file name, line, byte column).</summary>
    internal static SourcePos ToSourcePos(Pos p)
    {
        if (!p.IsKnown) return SourcePos.None;
        var fb = p.FileBase;
        return new SourcePos(fb?.Filename ?? p.RelFilename, (int)p.Line, (int)p.Col);
    }

    internal static bool IsUntyped(GoType? t) => t is Basic b && (b.Info & BasicInfo.IsUntyped) != 0;
}
