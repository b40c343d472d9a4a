using System.Text;

namespace GoEscape.Types;

/// <summary>The package-level functions of go/types (types.Identical, types.TypeString, ...) as static methods.
/// Implementations live in the concept files (Predicates.cs, Lookup.cs, Instantiate.cs, Infer.cs, ...).</summary>
public static partial class GoTypes
{
    // ---- printing (typestring.go, object.go) ----
    public static string TypeString(GoType? t, Qualifier? qf)
    {
        var sb = new StringBuilder();
        new TypeWriter(sb, qf).Typ(t);
        return sb.ToString();
    }
    public static void WriteType(StringBuilder buf, GoType? t, Qualifier? qf) => new TypeWriter(buf, qf).Typ(t);
    public static void WriteSignature(StringBuilder buf, Signature sig, Qualifier? qf) => new TypeWriter(buf, qf).Signature(sig);
    public static string ObjectString(GoObject obj, Qualifier? qf)
    {
        var sb = new StringBuilder();
        ObjectWriter.WriteObject(sb, obj, qf);
        return sb.ToString();
    }
    /// <summary>Qualifier that leaves objects of pkg unqualified and qualifies others by full path (null pkg => null qualifier).</summary>
    public static Qualifier? RelativeTo(Package? pkg)
    {
        if (pkg is null) return null;
        return other => ReferenceEquals(pkg, other) ? "" : other.Path;
    }

    // ---- aliases ----
    /// <summary>Models types.Unalias: the actual type (never an Alias). Incomplete aliases yield Invalid.</summary>
    public static GoType Unalias(GoType t) => t is Alias a ? a.Actual() ?? Universe.Invalid : t;
    /// <summary>t as Named if its actual type is Named; null otherwise (models asNamed).</summary>
    public static Named? AsNamed(GoType? t) => t is null ? null : Unalias(t) as Named;

    // ---- constructors mirroring go/types New* (C# constructors work too) ----
    public static Package NewPackage(string path, string name) => new(path, name);
    public static Pointer NewPointer(GoType elem) => new(elem);
    public static Slice NewSlice(GoType elem) => new(elem);
    public static Array NewArray(GoType elem, long len) => new(elem, len);
    public static Map NewMap(GoType key, GoType elem) => new(key, elem);
    public static Chan NewChan(ChanDir dir, GoType elem) => new(dir, elem);
    public static Tuple NewTuple(params Var[] vars) => vars.Length == 0 ? Tuple.Empty : new(vars);
    public static Struct NewStruct(IReadOnlyList<Var> fields, IReadOnlyList<string>? tags) => new(fields, tags);
    public static Signature NewSignatureType(Var? recv, IReadOnlyList<TypeParam>? recvTypeParams, IReadOnlyList<TypeParam>? typeParams,
        Tuple? parameters, Tuple? results, bool variadic) => new(recv, recvTypeParams, typeParams, parameters, results, variadic);
    public static Interface NewInterfaceType(IReadOnlyList<Func> methods, IReadOnlyList<GoType> embeddeds) => new(methods, embeddeds);
    public static Union NewUnion(IReadOnlyList<Term> terms) => new(terms);
    public static Term NewTerm(bool tilde, GoType t) => new(tilde, t);
    public static Named NewNamed(TypeName obj, GoType? underlying, IReadOnlyList<Func>? methods) => new(obj, underlying, methods);
    public static Alias NewAlias(TypeName obj, GoType? rhs) => new(obj, rhs);
    public static TypeParam NewTypeParam(TypeName obj, GoType? constraint) => new(obj, constraint);
    public static TypeName NewTypeName(SourcePos pos, Package? pkg, string name, GoType? typ) => new(pos, pkg, name, typ);
    /// <summary>Models NewTypeNameLazy: a TypeName whose Named type is loaded on first use.</summary>
    public static TypeName NewTypeNameLazy(SourcePos pos, Package? pkg, string name, Func<Named, NamedLoadResult> load)
    {
        var obj = new TypeName(pos, pkg, name, null);
        new Named(obj, null).SetLoader(load);
        return obj;
    }
    public static Var NewVar(SourcePos pos, Package? pkg, string name, GoType? typ) => Var.NewVar(pos, pkg, name, typ);
    public static Var NewParam(SourcePos pos, Package? pkg, string name, GoType? typ) => Var.NewParam(pos, pkg, name, typ);
    public static Var NewField(SourcePos pos, Package? pkg, string name, GoType? typ, bool embedded) => Var.NewField(pos, pkg, name, typ, embedded);
    public static Func NewFunc(SourcePos pos, Package? pkg, string name, Signature? sig) => new(pos, pkg, name, sig);
    public static Const NewConst(SourcePos pos, Package? pkg, string name, GoType? typ, Constant.ConstValue val) => new(pos, pkg, name, typ, val);
    public static Label NewLabel(SourcePos pos, Package? pkg, string name) => new(pos, pkg, name);
    public static PkgName NewPkgName(SourcePos pos, Package? pkg, string name, Package imported) => new(pos, pkg, name, imported);
    public static Scope NewScope(Scope? parent, SourcePos pos, SourcePos end, string comment) => new(parent, pos, end, comment);
    public static Context NewContext() => new();
}
