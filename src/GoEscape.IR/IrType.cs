using System.Text;

namespace GoEscape.IR;

/// <summary>Type kinds, after gc's types.Kind.</summary>
public enum Kind : byte
{
    Txxx,
    TINT8, TUINT8, TINT16, TUINT16, TINT32, TUINT32, TINT64, TUINT64, TINT, TUINT, TUINTPTR,
    TCOMPLEX64, TCOMPLEX128, TFLOAT32, TFLOAT64, TBOOL,
    TPTR, TFUNC, TSLICE, TARRAY, TSTRUCT, TCHAN, TMAP, TINTER, TFORW, TANY, TSTRING, TUNSAFEPTR,
    // untyped constant kinds
    TIDEAL, TNIL, TBLANK,
    TTUPLE,
}

public enum ChanDir : byte { Both = 3, Recv = 1, Send = 2 }

/// <summary>A package as gc's types.Pkg: the import path and the package name.</summary>
public sealed record IrPkg(string Path, string Name)
{
    /// <summary>The package under compilation: its types print unqualified (types.LocalPkg).</summary>
    public bool IsLocal { get; init; }
    public static readonly IrPkg Builtin = new("", "") { IsLocal = true };
    public static readonly IrPkg Unsafe = new("unsafe", "unsafe");
    /// <summary>The runtime as the compiler names it for the calls it inserts (ir.Pkgs.Runtime, path "go.runtime"):
    /// distinct from package runtime's own symbols, which the inliner's special cases tell apart.</summary>
    public static readonly IrPkg GoRuntime = new("runtime", "runtime") { IsGoRuntime = true };
    public bool IsGoRuntime { get; init; }
}

/// <summary>A symbol: a package-qualified name (types.Sym).</summary>
public sealed record IrSym(IrPkg? Pkg, string Name)
{
    public bool IsBlank => Name == "_";
    public override string ToString() => Name;
}

/// <summary>A struct field, function parameter or result, or interface method (types.Field).</summary>
public sealed class Field
{
    public Field(IrSym? sym, IrType type, XPos pos = default) { Sym = sym; Type = type; Pos = pos; }
    /// <summary>Settable: range-over-func lowering renames unnamed results #rvN (types2's RenameResult).</summary>
    public IrSym? Sym { get; set; }
    public IrType Type { get; set; }
    public XPos Pos { get; set; }
    public bool Embedded { get; init; }
    /// <summary>Variadic parameter (...T); Type is then the slice type []T.</summary>
    public bool IsDDD { get; init; }
    /// <summary>The parameter's Name in the function's Dcl, when the function is being compiled (or has one from export data).</summary>
    public Name? Nname { get; set; }
    /// <summary>Escape analysis tag of a parameter ("esc:..." or "" ; see Escape.Leaks). Filled by escape analysis or from export data.</summary>
    public string Note { get; set; } = "";
}

/// <summary>
/// Types as gc's cmd/compile/internal/types sees them after noding: sizes, alignment and printing follow gc
/// (amd64: PtrSize 8, RegSize 8), not go/types. The lowering converts GoEscape.Types types into these.
/// </summary>
public sealed class IrType
{
    public const int PtrSize = 8;

    private IrType(Kind kind) { Kind = kind; }

    public Kind Kind { get; private set; }
    /// <summary>Named types (and predeclared basic types) have a symbol.</summary>
    public IrSym? Sym { get; private set; }
    /// <summary>Element of pointer, slice, array, chan, map (value).</summary>
    public IrType? Elem { get; private set; }
    public IrType? Key { get; private set; }
    public long NumElem { get; private set; }
    public ChanDir ChanDir { get; private set; }
    public IReadOnlyList<Field> Fields { get; private set; } = [];
    /// <summary>Interface methods (all, including embedded).</summary>
    public IReadOnlyList<Field> Methods { get; private set; } = [];
    public Field? Recv { get; private set; }
    public IReadOnlyList<Field> Params { get; private set; } = [];
    public IReadOnlyList<Field> Results { get; private set; } = [];
    /// <summary>
    /// Not-in-heap types: internal/runtime/sys.nih and every struct or array containing one (so sys.NotInHeap
    /// and the runtime's types embedding it). Computed on first use, after the lowering has built the types;
    /// models the typeNotInHeap flag set by types.NewNamed, NewStruct, NewArray and (*Type).SetUnderlying.
    /// </summary>
    public bool NotInHeap
    {
        get
        {
            // Types of a dependency's signatures are read by importers analyzed in parallel: the cache is written
            // once with the final answer (no provisional state another thread could see).
            if (_notInHeap == 0) _notInHeap = (byte)(ComputeNotInHeap(0) ? 1 : 2);
            return _notInHeap == 1;
        }
        init => _markedNotInHeap = value;
    }
    private bool _markedNotInHeap;
    private byte _notInHeap; // 0 unknown, 1 yes, 2 no

    private bool ComputeNotInHeap(int depth)
    {
        if (_notInHeap != 0) return _notInHeap == 1;
        // struct/array nesting by value is acyclic in valid code; the depth bound guards invalid recursive types
        if (depth > 100) return false;
        if (_markedNotInHeap || Sym is { Name: "nih", Pkg.Path: "internal/runtime/sys" }) return true;
        if (Kind == Kind.TARRAY) return Elem!.ComputeNotInHeap(depth + 1);
        if (Kind == Kind.TSTRUCT)
            foreach (var f in Fields)
                if (f.Type.ComputeNotInHeap(depth + 1)) return true;
        return false;
    }
    /// <summary>Shape type of generic instantiation (gc's IsShape).</summary>
    public bool IsShape { get; init; }
    /// <summary>The checker's type this was lowered from (set once by the lowering that made it): how another
    /// package's lowering finds the Go type of an IR type that reached it in an inlined body.</summary>
    public object? GoOrigin { get; set; }
    /// <summary>For untyped constants: the default kind's name ("untyped int").</summary>
    public string? UntypedName { get; private set; }

    // ---- predeclared ----
    private static IrType Basic(Kind k, string name)
        => new(k) { Sym = new IrSym(IrPkg.Builtin, name) };

    public static readonly IrType Int8 = Basic(Kind.TINT8, "int8"), Uint8 = Basic(Kind.TUINT8, "uint8"),
        Int16 = Basic(Kind.TINT16, "int16"), Uint16 = Basic(Kind.TUINT16, "uint16"),
        Int32 = Basic(Kind.TINT32, "int32"), Uint32 = Basic(Kind.TUINT32, "uint32"),
        Int64 = Basic(Kind.TINT64, "int64"), Uint64 = Basic(Kind.TUINT64, "uint64"),
        Int = Basic(Kind.TINT, "int"), Uint = Basic(Kind.TUINT, "uint"), Uintptr = Basic(Kind.TUINTPTR, "uintptr"),
        Complex64 = Basic(Kind.TCOMPLEX64, "complex64"), Complex128 = Basic(Kind.TCOMPLEX128, "complex128"),
        Float32 = Basic(Kind.TFLOAT32, "float32"), Float64 = Basic(Kind.TFLOAT64, "float64"),
        Bool = Basic(Kind.TBOOL, "bool"), String = Basic(Kind.TSTRING, "string"),
        // types.Types[TUNSAFEPTR] has the symbol unsafe.Pointer: conversions to it print as unsafe.Pointer(x), not (unsafe.Pointer)(x).
        UnsafePointer = new(Kind.TUNSAFEPTR) { Sym = new IrSym(IrPkg.Unsafe, "Pointer") };
    /// <summary>byte and rune are distinct objects that print as "byte"/"rune" (types.ByteType/RuneType).</summary>
    public static readonly IrType Byte = Basic(Kind.TUINT8, "byte"), Rune = Basic(Kind.TINT32, "rune");
    public static readonly IrType UntypedInt = Untyped(Kind.TIDEAL, "untyped int"), UntypedRune = Untyped(Kind.TIDEAL, "untyped rune"),
        UntypedFloat = Untyped(Kind.TIDEAL, "untyped float"), UntypedComplex = Untyped(Kind.TIDEAL, "untyped complex"),
        UntypedString = Untyped(Kind.TSTRING, "untyped string"), UntypedBool = Untyped(Kind.TBOOL, "untyped bool"),
        UntypedNil = Untyped(Kind.TNIL, "nil");
    public static readonly IrType EmptyInterface = new(Kind.TINTER);
    /// <summary>The predeclared "any" alias prints as "any" (types.AnyType).</summary>
    public static readonly IrType Any = new(Kind.TINTER) { Sym = new IrSym(IrPkg.Builtin, "any") };
    public static readonly IrType Error = NewInterface([]); // methods set by the lowering if needed
    private static IrType Untyped(Kind k, string name) => new(k) { UntypedName = name };

    public static IrType NewPtr(IrType elem) => new(Kind.TPTR) { Elem = elem };
    public static IrType NewSlice(IrType elem) => new(Kind.TSLICE) { Elem = elem };
    public static IrType NewArray(IrType elem, long n) => new(Kind.TARRAY) { Elem = elem, NumElem = n };
    public static IrType NewMap(IrType key, IrType elem) => new(Kind.TMAP) { Key = key, Elem = elem };
    public static IrType NewChan(IrType elem, ChanDir dir) => new(Kind.TCHAN) { Elem = elem, ChanDir = dir };
    public static IrType NewStruct(IReadOnlyList<Field> fields) => new(Kind.TSTRUCT) { Fields = fields };
    public static IrType NewInterface(IReadOnlyList<Field> methods) => new(Kind.TINTER) { Methods = methods };
    public static IrType NewSignature(Field? recv, IReadOnlyList<Field> pars, IReadOnlyList<Field> results)
        => new(Kind.TFUNC) { Recv = recv, Params = pars, Results = results };

    /// <summary>A defined type: create it with a symbol, then <see cref="SetUnderlying"/> (allows recursion).</summary>
    public static IrType NewNamed(IrSym sym, bool shape = false) => new(Kind.TFORW) { Sym = sym, IsShape = shape };

    /// <summary>The underlying type's structure of a named type, copied into it as gc does.</summary>
    public IrType SetUnderlying(IrType u)
    {
        Kind = u.Kind;
        Elem = u.Elem; Key = u.Key; NumElem = u.NumElem; ChanDir = u.ChanDir;
        Fields = u.Fields; Methods = u.Methods; Recv = u.Recv; Params = u.Params; Results = u.Results;
        return this;
    }

    // ---- predicates (types.Type methods) ----
    public bool IsPtr => Kind == Kind.TPTR;
    public bool IsUnsafePtr => Kind == Kind.TUNSAFEPTR;
    public bool IsUintptr => Kind == Kind.TUINTPTR;
    public bool IsSlice => Kind == Kind.TSLICE;
    public bool IsArray => Kind == Kind.TARRAY;
    public bool IsStruct => Kind == Kind.TSTRUCT;
    public bool IsInterface => Kind == Kind.TINTER;
    public bool IsEmptyInterface => IsInterface && Methods.Count == 0;
    public bool IsChan => Kind == Kind.TCHAN;
    public bool IsMap => Kind == Kind.TMAP;
    public bool IsFunc => Kind == Kind.TFUNC;
    public bool IsString => Kind == Kind.TSTRING;
    public bool IsUntyped => UntypedName != null;
    public int NumResults => Results.Count;
    public int NumParams => Params.Count;

    /// <summary>Receiver (if any) followed by parameters (types.Type.RecvParams).</summary>
    public IEnumerable<Field> RecvParams()
    {
        if (Recv != null) yield return Recv;
        foreach (var p in Params) yield return p;
    }

    /// <summary>Models types.Type.HasPointers: PtrDataSize(t) &gt; 0.</summary>
    public bool HasPointers() => PtrDataSize() > 0;

    private long _ptrData = -1;

    /// <summary>
    /// Models types.PtrDataSize: the length of the prefix of a value of this type that holds pointers (amd64),
    /// where pointers to (and slices of) not-in-heap memory do not count.
    /// </summary>
    public long PtrDataSize()
    {
        if (_ptrData >= 0) return _ptrData;
        long x = 0;
        switch (Kind)
        {
            case Kind.TPTR: case Kind.TSLICE:
                x = Elem!.NotInHeap ? 0 : PtrSize;
                break;
            case Kind.TUNSAFEPTR: case Kind.TCHAN: case Kind.TMAP: case Kind.TFUNC: case Kind.TSTRING:
                x = PtrSize;
                break;
            case Kind.TINTER:
                x = 2 * PtrSize;
                break;
            case Kind.TARRAY:
                if (NumElem > 0 && Elem!.PtrDataSize() is var e and > 0) x = Elem.Size * (NumElem - 1) + e;
                break;
            case Kind.TSTRUCT:
            {
                // The last field holding pointers ends the pointer prefix.
                var offsets = FieldOffsets();
                for (int i = Fields.Count - 1; i >= 0; i--)
                {
                    long fx = Fields[i].Type.PtrDataSize();
                    if (fx > 0) { x = offsets[i] + fx; break; }
                }
                break;
            }
        }
        return _ptrData = x;
    }

    /// <summary>
    /// Models types.IsDirectIface (Go 1.27): a value is stored directly in an interface's data word when it is
    /// pointer-sized and that word is a pointer (so *T, chan, map, func, unsafe.Pointer, and structs/arrays
    /// wrapping exactly one such value plus zero-sized fields).
    /// </summary>
    public static bool IsDirectIface(IrType t) => t.Size == PtrSize && t.PtrDataSize() == PtrSize;

    private long _size = -1, _align;

    public long Size { get { Calc(); return _size; } }
    public long Alignment { get { Calc(); return _align; } }

    /// <summary>Models types.CalcSize for amd64.</summary>
    private void Calc()
    {
        if (Volatile.Read(ref _size) >= 0) return;
        (long s, long a) = Kind switch
        {
            Kind.TINT8 or Kind.TUINT8 or Kind.TBOOL => (1L, 1L),
            Kind.TINT16 or Kind.TUINT16 => (2, 2),
            Kind.TINT32 or Kind.TUINT32 or Kind.TFLOAT32 => (4, 4),
            Kind.TINT64 or Kind.TUINT64 or Kind.TFLOAT64 => (8, 8),
            Kind.TCOMPLEX64 => (8, 4),
            Kind.TCOMPLEX128 => (16, 8),
            Kind.TINT or Kind.TUINT or Kind.TUINTPTR or Kind.TPTR or Kind.TUNSAFEPTR or Kind.TCHAN or Kind.TMAP
                or Kind.TFUNC or Kind.TIDEAL => (PtrSize, PtrSize),
            Kind.TSTRING => (2 * PtrSize, PtrSize),
            Kind.TINTER => (2 * PtrSize, PtrSize),
            Kind.TSLICE => (3 * PtrSize, PtrSize),
            Kind.TARRAY => ArraySize(),
            Kind.TSTRUCT => StructSize(),
            _ => (0, 1),
        };
        // alignment first: another thread that sees the size (read above) then reads a valid alignment
        _align = a;
        Volatile.Write(ref _size, s);
    }

    private (long, long) ArraySize()
    {
        var e = Elem!;
        long es = e.Size;
        if (es != 0 && NumElem > long.MaxValue / es) return (long.MaxValue, e.Alignment);
        return (es * NumElem, e.Alignment);
    }

    /// <summary>Byte offsets of the struct's fields (types.CalcStructSize).</summary>
    public long[] FieldOffsets()
    {
        var offs = new long[Fields.Count];
        long off = 0;
        for (int i = 0; i < Fields.Count; i++)
        {
            long a = Fields[i].Type.Alignment;
            off = (off + a - 1) / a * a;
            offs[i] = off;
            off += Fields[i].Type.Size;
        }
        return offs;
    }

    private (long, long) StructSize()
    {
        long off = 0, maxAlign = 1;
        foreach (var f in Fields)
        {
            long a = f.Type.Alignment;
            if (a > maxAlign) maxAlign = a;
            off = (off + a - 1) / a * a;
            off += f.Type.Size;
        }
        // trailing zero-sized field gets padding (gc adds 1 byte)
        if (Fields.Count > 0 && Fields[^1].Type.Size == 0 && off > 0) off++;
        off = (off + maxAlign - 1) / maxAlign * maxAlign;
        return (off, maxAlign);
    }

    public override string ToString() => TypeFmt.Format(this);
}

/// <summary>gc's type printer in fmtGo mode (models types.tconv2): "[]interface {}", "*bytes.Buffer", "func(int) error".</summary>
public static class TypeFmt
{
    public static string Format(IrType t)
    {
        var b = new StringBuilder();
        Write(b, t, new HashSet<IrType>());
        return b.ToString();
    }

    public static string SymString(IrSym s)
    {
        var q = PkgQual(s.Pkg);
        return q.Length == 0 ? s.Name : q + "." + s.Name;
    }

    private static string PkgQual(IrPkg? pkg) => pkg == null || IsCompiling(pkg) ? "" : pkg.Name;

    /// <summary>
    /// The package being compiled, while call-site inlining has put other packages' IR (inlined bodies, with their
    /// own package's types and names) into it: a package then prints unqualified only if it is this one (gc's
    /// types.LocalPkg). Null otherwise: each lowering's own package prints unqualified (<see cref="IrPkg.IsLocal"/>).
    /// Per thread: a package is lowered, inlined and analyzed on one thread.
    /// </summary>
    [ThreadStatic] public static IrPkg? Compiling;

    /// <summary>Whether pkg prints unqualified in the package being compiled.</summary>
    public static bool IsCompiling(IrPkg pkg)
        => Compiling is { } c ? ReferenceEquals(pkg, IrPkg.Builtin) || pkg.Path == c.Path && !pkg.IsGoRuntime : pkg.IsLocal;

    private static void Write(StringBuilder b, IrType t, HashSet<IrType> visited)
    {
        if (t.UntypedName != null) { b.Append(t.UntypedName); return; }
        if (t.Sym != null)
        {
            // strip a vargen suffix "·N" (types.SplitVargenSuffix)
            var name = t.Sym.Name;
            int dot = name.LastIndexOf('·');
            if (dot > 0 && dot + 1 < name.Length && name[(dot + 1)..].All(char.IsAsciiDigit)) name = name[..dot];
            var q = PkgQual(t.Sym.Pkg);
            if (q.Length != 0) b.Append(q).Append('.');
            b.Append(name);
            return;
        }
        if (!visited.Add(t)) { b.Append("@?"); return; }
        try
        {
            switch (t.Kind)
            {
                case Kind.TPTR: b.Append('*'); Write(b, t.Elem!, visited); break;
                case Kind.TARRAY: b.Append('[').Append(t.NumElem).Append(']'); Write(b, t.Elem!, visited); break;
                case Kind.TSLICE: b.Append("[]"); Write(b, t.Elem!, visited); break;
                case Kind.TCHAN:
                    switch (t.ChanDir)
                    {
                        case ChanDir.Recv: b.Append("<-chan "); Write(b, t.Elem!, visited); break;
                        case ChanDir.Send: b.Append("chan<- "); Write(b, t.Elem!, visited); break;
                        default:
                            b.Append("chan ");
                            if (t.Elem!.IsChan && t.Elem.Sym == null && t.Elem.ChanDir == ChanDir.Recv)
                            { b.Append('('); Write(b, t.Elem, visited); b.Append(')'); }
                            else Write(b, t.Elem!, visited);
                            break;
                    }
                    break;
                case Kind.TMAP: b.Append("map["); Write(b, t.Key!, visited); b.Append(']'); Write(b, t.Elem!, visited); break;
                case Kind.TINTER:
                    if (t.Methods.Count == 0) { b.Append("interface {}"); break; }
                    b.Append("interface {");
                    for (int i = 0; i < t.Methods.Count; i++)
                    {
                        if (i != 0) b.Append(';');
                        b.Append(' ');
                        var m = t.Methods[i];
                        if (m.Sym != null)
                        {
                            // unexported methods are qualified in fmtTypeID mode: with the package's link prefix, the
                            // local package's too (interface { crypto/internal/fips140/drbg.defaultReader() })
                            if (m.Sym.Pkg != null && !IsExported(m.Sym.Name)) b.Append(PathToPrefix(m.Sym.Pkg.Path)).Append('.');
                            b.Append(m.Sym.Name);
                        }
                        WriteFuncTail(b, m.Type, visited);
                    }
                    b.Append(" }");
                    break;
                case Kind.TFUNC:
                    if (t.Recv != null) { b.Append("method"); WriteParams(b, [t.Recv], visited); b.Append(' '); }
                    b.Append("func");
                    WriteFuncTail(b, t, visited);
                    break;
                case Kind.TSTRUCT:
                    b.Append("struct {");
                    for (int i = 0; i < t.Fields.Count; i++)
                    {
                        if (i != 0) b.Append(';');
                        b.Append(' ');
                        var f = t.Fields[i];
                        if (f.Sym != null && !f.Embedded)
                        {
                            // fldconv: sconv of the field's symbol, qualified when not of the local package (gc's
                            // reader puts exported field names in the local package: only unexported ones qualify)
                            if (!IsExported(f.Sym.Name) && PkgQual(f.Sym.Pkg) is { Length: > 0 } q) b.Append(q).Append('.');
                            b.Append(f.Sym.Name).Append(' ');
                        }
                        Write(b, f.Type, visited);
                        if (f.Note.Length != 0) b.Append(' ').Append(StrLit.Quote(f.Note));
                    }
                    if (t.Fields.Count != 0) b.Append(' ');
                    b.Append('}');
                    break;
                case Kind.TUNSAFEPTR: b.Append("unsafe.Pointer"); break;
                case Kind.TFORW: b.Append("undefined"); break;
                case Kind.TNIL: b.Append("nil"); break;
                default: b.Append(t.Kind.ToString()); break;
            }
        }
        finally { visited.Remove(t); }
    }

    private static void WriteFuncTail(StringBuilder b, IrType t, HashSet<IrType> visited)
    {
        WriteParams(b, t.Params, visited);
        switch (t.Results.Count)
        {
            case 0: break;
            case 1: b.Append(' '); Write(b, t.Results[0].Type, visited); break;
            default: b.Append(' '); WriteParams(b, t.Results, visited); break;
        }
    }

    private static void WriteParams(StringBuilder b, IReadOnlyList<Field> ps, HashSet<IrType> visited)
    {
        b.Append('(');
        for (int i = 0; i < ps.Count; i++)
        {
            if (i != 0) b.Append(", ");
            var f = ps[i];
            if (f.IsDDD) { b.Append("..."); Write(b, f.Type.Elem!, visited); }
            else Write(b, f.Type, visited);
        }
        b.Append(')');
    }

    /// <summary>Models objabi.PathToPrefix: control characters, space, '%', '"', DEL and non-ASCII bytes, and '.' after
    /// the last '/', become %xx.</summary>
    public static string PathToPrefix(string path)
    {
        int slash = path.LastIndexOf('/');
        bool plain = true;
        for (int i = 0; i < path.Length && plain; i++)
        {
            char c = path[i];
            if (c <= ' ' || (c == '.' && i > slash) || c == '%' || c == '"' || c >= 0x7F) plain = false;
        }
        if (plain) return path;
        var sb = new StringBuilder();
        var bytes = Encoding.UTF8.GetBytes(path);
        int lastSlash = Array.LastIndexOf(bytes, (byte)'/');
        for (int i = 0; i < bytes.Length; i++)
        {
            byte c = bytes[i];
            if (c <= ' ' || (c == '.' && i > lastSlash) || c == '%' || c == '"' || c >= 0x7F)
                sb.Append('%').Append(c.ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
            else sb.Append((char)c);
        }
        return sb.ToString();
    }

    public static bool IsExported(string name) => name.Length > 0 && char.IsUpper(name, 0);
}
