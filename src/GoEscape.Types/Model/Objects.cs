using GoEscape.Types.Constant;

namespace GoEscape.Types;

/// <summary>Placeholder source position for objects (file, 1-based line, 1-based byte column). Zero = unknown.
/// The checker converts syntax positions to this.</summary>
public readonly record struct SourcePos(string? File, int Line, int Col)
{
    public static readonly SourcePos None = default;
    public bool IsKnown => Line > 0;
    public override string ToString() => !IsKnown ? "-" : $"{File}:{Line}:{Col}";
}

/// <summary>A named language entity (models types2.Object).</summary>
public abstract class GoObject
{
    public string Name { get; }
    public Package? Pkg { get; internal set; }
    public GoType? Type { get; set; }
    public SourcePos Pos { get; set; }
    public Scope? Parent { get; internal set; }
    /// <summary>Order of appearance in package-level declarations (1-based; 0 = not set).</summary>
    public uint Order { get; set; }
    /// <summary>Start of the scope where the object becomes visible (for local objects).</summary>
    public SourcePos ScopePos { get; set; }
    /// <summary>Checker slot (types2 object color for cycle detection); the model never reads it.</summary>
    public int Color { get; set; }

    protected GoObject(SourcePos pos, Package? pkg, string name, GoType? type)
    {
        Pos = pos; Pkg = pkg; Name = name; Type = type;
    }

    public bool Exported => IsExported(Name);
    /// <summary>Unique id: exported names as is, unexported names qualified by package path ("_" if none).</summary>
    public string Id => MakeId(Pkg, Name);

    public static bool IsExported(string name) => name.Length > 0 && (char.IsUpper(name[0]) || (char.IsSurrogate(name[0]) && char.IsUpper(name, 0)));

    /// <summary>Models types.Id.</summary>
    public static string MakeId(Package? pkg, string name)
    {
        if (IsExported(name)) return name;
        var path = pkg is null || pkg.Path == "" ? "_" : pkg.Path;
        return path + "." + name;
    }

    /// <summary>Models types2.(*object).sameId.</summary>
    public bool SameId(Package? pkg, string name, bool foldCase)
    {
        if (foldCase && string.Equals(Name, name, StringComparison.OrdinalIgnoreCase)) return true;
        if (Name != name) return false;
        if (Exported) return true;
        return ObjectOrder.SamePkg(Pkg, pkg);
    }

    public override string ToString() => GoTypes.ObjectString(this, null);
}

/// <summary>An imported package name.</summary>
public sealed class PkgName : GoObject
{
    public Package Imported { get; }
    public bool Used { get; set; }
    public PkgName(SourcePos pos, Package? pkg, string name, Package imported)
        : base(pos, pkg, name, Universe.Typ[(int)BasicKind.Invalid]) { Imported = imported; }
}

public sealed class Const : GoObject
{
    public ConstValue Val { get; set; }
    public Const(SourcePos pos, Package? pkg, string name, GoType? type, ConstValue val) : base(pos, pkg, name, type) { Val = val; }
}

public sealed class TypeName : GoObject
{
    public TypeName(SourcePos pos, Package? pkg, string name, GoType? type) : base(pos, pkg, name, type) { }

    /// <summary>Models types2.(*TypeName).IsAlias.</summary>
    public bool IsAlias
    {
        get
        {
            switch (Type)
            {
                case null: return false;
                case Alias: return true; // note: also for an Alias whose Obj is not this (alias of alias)
                case Basic b:
                    // unsafe.Pointer is not an alias; byte/rune are
                    if (ReferenceEquals(Pkg, Universe.Unsafe)) return false;
                    if (Pkg is not null) return true;
                    return b.Name != Name || ReferenceEquals(b, Universe.ByteType) || ReferenceEquals(b, Universe.RuneType);
                case Named n: return !ReferenceEquals(n.Obj, this);
                case TypeParam tp: return !ReferenceEquals(tp.Obj, this);
                default: return true;
            }
        }
    }
}

/// <summary>Kind of a variable (models types2.VarKind, Go 1.25+).</summary>
public enum VarKind { Invalid, PackageVar, LocalVar, RecvVar, ParamVar, ResultVar, FieldVar }

public sealed class Var : GoObject
{
    private Var? _origin;
    public VarKind Kind { get; set; }
    public bool Embedded { get; }
    public bool Used { get; set; }

    public Var(VarKind kind, SourcePos pos, Package? pkg, string name, GoType? type, bool embedded = false)
        : base(pos, pkg, name, type) { Kind = kind; Embedded = embedded; }

    public static Var NewVar(VarKind kind, SourcePos pos, Package? pkg, string name, GoType? type) => new(kind, pos, pkg, name, type);
    /// <summary>types.NewVar: a package-level or local variable (kind PackageVar; the checker may reset Kind).</summary>
    public static Var NewVar(SourcePos pos, Package? pkg, string name, GoType? type) => new(VarKind.PackageVar, pos, pkg, name, type);
    public static Var NewParam(SourcePos pos, Package? pkg, string name, GoType? type) => new(VarKind.ParamVar, pos, pkg, name, type);
    public static Var NewResult(SourcePos pos, Package? pkg, string name, GoType? type) => new(VarKind.ResultVar, pos, pkg, name, type);
    public static Var NewField(SourcePos pos, Package? pkg, string name, GoType? type, bool embedded) => new(VarKind.FieldVar, pos, pkg, name, type, embedded);

    public bool IsField => Kind == VarKind.FieldVar;
    public bool IsParam => Kind is VarKind.ParamVar or VarKind.ResultVar or VarKind.RecvVar;
    /// <summary>Embedded field is also called Anonymous in go/types.</summary>
    public bool Anonymous => Embedded;
    /// <summary>For fields/params of instantiated types/functions: the generic origin; else this.</summary>
    public Var Origin { get => _origin ?? this; internal set => _origin = value; }

    /// <summary>Models cloneVar: a copy with a new type whose Origin is this var's origin.</summary>
    internal Var CloneWith(GoType typ) => new(Kind, Pos, Pkg, Name, typ, Embedded)
    {
        Parent = Parent, Order = Order, ScopePos = ScopePos, Used = Used, _origin = Origin,
    };
}

public sealed class Func : GoObject
{
    private Func? _origin;
    public Func(SourcePos pos, Package? pkg, string name, Signature? sig) : base(pos, pkg, name, sig) { }

    public Signature? Signature => Type as Signature;
    /// <summary>The function body scope (set by the checker).</summary>
    public Scope? Scope { get; set; }
    /// <summary>Origin generic method/function for instantiated methods; else this.</summary>
    public Func Origin { get => _origin ?? this; internal set => _origin = value; }
    /// <summary>Slot for compiler pragmas (//go:noinline etc.) as recorded by the checker.</summary>
    public object? Pragma { get; set; }
    /// <summary>True if declared with a pointer receiver (also for abstract methods: false).</summary>
    public bool HasPtrRecv
    {
        get
        {
            if (Signature?.Recv is { } r)
            {
                var (_, isPtr) = LookupUtil.Deref(r.Type!);
                return isPtr;
            }
            return HasPtrRecvHint;
        }
    }
    /// <summary>//go:nointerface method (excluded from interface satisfaction).</summary>
    public bool NoInterface { get; set; }
    /// <summary>Set by the checker/importer before the signature is known.</summary>
    public bool HasPtrRecvHint { get; set; }

    public string FullName => ObjectWriter.FuncFullName(this, null);

    /// <summary>Checker hook: invoked (once) before the signature of a lazily checked method is needed (models objDecl
    /// calls in lookup/expandMethod).</summary>
    public Action<Func>? Resolver { get; set; }

    internal void EnsureResolved()
    {
        if (Resolver is { } r) { Resolver = null; r(this); }
    }

    /// <summary>Models cloneFunc.</summary>
    internal Func CloneWith(GoType typ) => new(Pos, Pkg, Name, null)
    {
        Type = typ, Parent = Parent, Order = Order, ScopePos = ScopePos, Scope = Scope, Pragma = Pragma,
        HasPtrRecvHint = HasPtrRecvHint, NoInterface = NoInterface, _origin = Origin,
    };
}

public sealed class Label : GoObject
{
    public bool Used { get; set; }
    public Label(SourcePos pos, Package? pkg, string name) : base(pos, pkg, name, Universe.Typ[(int)BasicKind.Invalid]) { }
}

public enum BuiltinId
{
    // universe
    Append, Cap, Clear, Close, Complex, Copy, Delete, Imag, Len, Make, Max, Min, New, Panic, Print, Println, Real, Recover,
    // package unsafe
    Add, Alignof, Offsetof, Sizeof, Slice, SliceData, String, StringData,
    // testing support
    Assert, Trace,
}

public sealed class Builtin : GoObject
{
    /// <summary>Which builtin (types2 builtinId).</summary>
    public BuiltinId Kind { get; }
    public Builtin(BuiltinId kind, string name, Package? pkg) : base(SourcePos.None, pkg, name, Universe.Typ[(int)BasicKind.Invalid]) { Kind = kind; }
}

public sealed class Nil : GoObject
{
    public Nil() : base(SourcePos.None, null, "nil", Universe.Typ[(int)BasicKind.UntypedNil]) { }
}
