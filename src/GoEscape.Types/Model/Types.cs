using System.Text;

namespace GoEscape.Types;

// The Go type model (models types2/go/types type.go, basic.go, pointer.go, slice.go, array.go, map.go, chan.go,
// struct.go, tuple.go, signature.go, union.go, typeparam.go). Type identity is reference identity of these objects
// only for Basic/Named/TypeParam/Alias; structural identity is GoTypes.Identical.

/// <summary>A Go type. Named after go/types.Type (GoType avoids clashes with System.Type).</summary>
public abstract class GoType
{
    /// <summary>The underlying type (never a Named/Alias/TypeParam... except TypeParam.Underlying is its constraint interface).</summary>
    public abstract GoType Underlying();

    /// <summary>go/types Type.String(): TypeString(t, nil).</summary>
    public override string ToString() => GoTypes.TypeString(this, null);
}

public enum BasicKind
{
    Invalid,
    Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr,
    Float32, Float64, Complex64, Complex128, String, UnsafePointer,
    UntypedBool, UntypedInt, UntypedRune, UntypedFloat, UntypedComplex, UntypedString, UntypedNil,
    Byte = Uint8,
    Rune = Int32,
}

[Flags]
public enum BasicInfo
{
    None = 0,
    IsBoolean = 1 << 0,
    IsInteger = 1 << 1,
    IsUnsigned = 1 << 2,
    IsFloat = 1 << 3,
    IsComplex = 1 << 4,
    IsString = 1 << 5,
    IsUntyped = 1 << 6,
    IsOrdered = IsInteger | IsFloat | IsString,
    IsNumeric = IsInteger | IsFloat | IsComplex,
    IsConstType = IsBoolean | IsNumeric | IsString,
}

/// <summary>A basic type (models types2.Basic). Instances are the singletons in Universe.Typ (plus byte/rune aliases).</summary>
public sealed class Basic : GoType
{
    public BasicKind Kind { get; }
    public BasicInfo Info { get; }
    public string Name { get; }
    public Basic(BasicKind kind, BasicInfo info, string name) { Kind = kind; Info = info; Name = name; }
    public override GoType Underlying() => this;
}

public sealed class Pointer : GoType
{
    public GoType Elem { get; internal set; }
    public Pointer(GoType elem) { Elem = elem; }
    public override GoType Underlying() => this;
}

public sealed class Slice : GoType
{
    public GoType Elem { get; internal set; }
    public Slice(GoType elem) { Elem = elem; }
    public override GoType Underlying() => this;
}

/// <summary>Array type; Len is -1 if unknown (invalid length expression).</summary>
public sealed class Array : GoType
{
    public GoType Elem { get; internal set; }
    public long Len { get; }
    public Array(GoType elem, long len) { Elem = elem; Len = len; }
    public override GoType Underlying() => this;
}

public sealed class Map : GoType
{
    public GoType Key { get; internal set; }
    public GoType Elem { get; internal set; }
    public Map(GoType key, GoType elem) { Key = key; Elem = elem; }
    public override GoType Underlying() => this;
}

public enum ChanDir { SendRecv, SendOnly, RecvOnly }

public sealed class Chan : GoType
{
    public ChanDir Dir { get; }
    public GoType Elem { get; internal set; }
    public Chan(ChanDir dir, GoType elem) { Dir = dir; Elem = elem; }
    public override GoType Underlying() => this;
}

/// <summary>Struct type: fields (Var with IsField) and their tags ("" if none).</summary>
public sealed class Struct : GoType
{
    private readonly Var[] _fields;
    private readonly string[]? _tags;
    public static readonly Struct Empty = new([], null);

    public Struct(IReadOnlyList<Var> fields, IReadOnlyList<string>? tags = null)
    {
        _fields = [.. fields];
        if (tags is not null && tags.Count > 0)
        {
            if (tags.Count > fields.Count) throw new ArgumentException("more tags than fields");
            _tags = new string[fields.Count];
            for (int i = 0; i < _tags.Length; i++) _tags[i] = i < tags.Count ? tags[i] ?? "" : "";
        }
    }

    public int NumFields => _fields.Length;
    public Var Field(int i) => _fields[i];
    public IReadOnlyList<Var> Fields => _fields;
    public string Tag(int i) => _tags is null ? "" : _tags[i];
    public override GoType Underlying() => this;
}

/// <summary>An ordered list of variables (parameters, results, multi-value expression types).</summary>
public sealed class Tuple : GoType
{
    private readonly Var[] _vars;
    public static readonly Tuple Empty = new();
    public Tuple(params Var[] vars) { _vars = vars; }
    public Tuple(IReadOnlyList<Var> vars) { _vars = [.. vars]; }
    public int Len => _vars.Length;
    public Var At(int i) => _vars[i];
    public IReadOnlyList<Var> Variables => _vars;
    public override GoType Underlying() => this;
}

/// <summary>Function or method type. Params/Results are never null (empty tuple).</summary>
public sealed class Signature : GoType
{
    public Var? Recv { get; internal set; }
    public TypeParamList TypeParams { get; internal set; } = TypeParamList.Empty;
    public TypeParamList RecvTypeParams { get; internal set; } = TypeParamList.Empty;
    public Tuple Params { get; internal set; }
    public Tuple Results { get; internal set; }
    public bool Variadic { get; }

    /// <summary>Models types.NewSignatureType. For variadic signatures the last param must be a slice (or string-typed core for append's special case).</summary>
    public Signature(Var? recv, IReadOnlyList<TypeParam>? recvTypeParams, IReadOnlyList<TypeParam>? typeParams,
        Tuple? parameters, Tuple? results, bool variadic)
    {
        if (variadic && (parameters is null || parameters.Len == 0))
            throw new ArgumentException("variadic function must have at least one parameter");
        Recv = recv;
        if (recvTypeParams is { Count: > 0 }) RecvTypeParams = TypeParamList.Bind(recvTypeParams);
        if (typeParams is { Count: > 0 })
        {
            if (recv is not null) throw new ArgumentException("function with receiver cannot have type parameters");
            TypeParams = TypeParamList.Bind(typeParams);
        }
        Params = parameters ?? Tuple.Empty;
        Results = results ?? Tuple.Empty;
        Variadic = variadic;
    }

    public Signature(Var? recv, Tuple? parameters, Tuple? results, bool variadic = false)
        : this(recv, null, null, parameters, results, variadic) { }

    public override GoType Underlying() => this;
}

/// <summary>A union term ~T or T.</summary>
public sealed class Term
{
    public bool Tilde { get; }
    public GoType Type { get; }
    public Term(bool tilde, GoType type) { Tilde = tilde; Type = type; }
    public override string ToString() => (Tilde ? "~" : "") + GoTypes.TypeString(Type, null);
}

/// <summary>A union of terms embedded in an interface (models types2.Union).</summary>
public sealed class Union : GoType
{
    private readonly Term[] _terms;
    internal TypeSet? _tset;
    public Union(IReadOnlyList<Term> terms) { _terms = [.. terms]; }
    public int Len => _terms.Length;
    public Term Term(int i) => _terms[i];
    public IReadOnlyList<Term> Terms => _terms;
    public override GoType Underlying() => this;
}

/// <summary>A type parameter (models types2.TypeParam).</summary>
public sealed class TypeParam : GoType
{
    private static long s_nextId;
    internal readonly long Id;
    private GoType? _bound;
    private Interface? _iface; // cached constraint interface

    public TypeName Obj { get; }
    /// <summary>Index in its type parameter list, -1 if not yet bound.</summary>
    public int Index { get; internal set; } = -1;
    /// <summary>The type parameter this one stands for in the checker's instantiation-cycle graph (a method's receiver
    /// type parameter: the base type's; a fresh one made by substitution: the original), or null.</summary>
    internal TypeParam? MonoCanon { get; set; }

    /// <summary>Models types.NewTypeParam. Sets obj.Type to this type parameter.</summary>
    public TypeParam(TypeName obj, GoType? constraint)
    {
        Id = Interlocked.Increment(ref s_nextId);
        Obj = obj;
        if (obj.Type is null) obj.Type = this;
        _bound = constraint;
    }

    /// <summary>The constraint as written (may be a Named interface, an implicit interface, ...). Null while unset.</summary>
    public GoType? Constraint => _bound;

    public void SetConstraint(GoType bound)
    {
        _bound = bound ?? throw new ArgumentNullException(nameof(bound));
        _iface = null;
    }

    /// <summary>The constraint's underlying interface (models types2.(*TypeParam).iface). A non-interface constraint is
    /// wrapped into an implicit interface, which also becomes the new Constraint (as in types2).</summary>
    public Interface Iface()
    {
        if (_iface is not null) return _iface;
        var bound = _bound;
        if (bound is null) return Interface.Empty; // not yet set: don't cache
        Interface? ityp = null;
        switch (bound.Underlying())
        {
            case Basic u when !Predicates.IsValid(u):
                return Interface.Empty; // error reported elsewhere; don't cache (may still be resolving)
            case Interface i:
                if (Predicates.IsTypeParam(bound)) return Interface.Empty;
                ityp = i;
                break;
        }
        if (ityp is null)
        {
            ityp = new Interface([], [bound]) { IsImplicit = true };
            _bound = ityp;
        }
        ityp.TypeSet();
        _iface = ityp;
        return ityp;
    }

    /// <summary>A TypeParam's underlying type is its constraint interface (as in types2).</summary>
    public override GoType Underlying() => Iface();
}

public sealed class TypeParamList
{
    private readonly TypeParam[] _list;
    public static readonly TypeParamList Empty = new([]);
    public TypeParamList(TypeParam[] list) { _list = list; }
    public int Len => _list.Length;
    public TypeParam At(int i) => _list[i];
    public IReadOnlyList<TypeParam> List => _list;

    /// <summary>Sets the Index of each type parameter (models types2.bindTParams).</summary>
    public static TypeParamList Bind(IReadOnlyList<TypeParam> list)
    {
        var arr = new TypeParam[list.Count];
        for (int i = 0; i < arr.Length; i++)
        {
            var tp = list[i];
            if (tp.Index >= 0 && tp.Index != i) throw new InvalidOperationException("type parameter bound more than once");
            tp.Index = i;
            arr[i] = tp;
        }
        return new TypeParamList(arr);
    }
}

public sealed class TypeList
{
    private readonly GoType[] _list;
    public static readonly TypeList Empty = new([]);
    public TypeList(GoType[] list) { _list = list; }
    public int Len => _list.Length;
    public GoType At(int i) => _list[i];
    public IReadOnlyList<GoType> List => _list;
}
