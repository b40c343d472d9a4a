using GoEscape.Types.Constant;

namespace GoEscape.Types;

/// <summary>The universe scope and predeclared objects (models types2 universe.go).</summary>
public static class Universe
{
    /// <summary>Basic types indexed by BasicKind (go/types Typ).</summary>
    public static readonly Basic[] Typ =
    [
        new(BasicKind.Invalid, BasicInfo.None, "invalid type"),
        new(BasicKind.Bool, BasicInfo.IsBoolean, "bool"),
        new(BasicKind.Int, BasicInfo.IsInteger, "int"),
        new(BasicKind.Int8, BasicInfo.IsInteger, "int8"),
        new(BasicKind.Int16, BasicInfo.IsInteger, "int16"),
        new(BasicKind.Int32, BasicInfo.IsInteger, "int32"),
        new(BasicKind.Int64, BasicInfo.IsInteger, "int64"),
        new(BasicKind.Uint, BasicInfo.IsInteger | BasicInfo.IsUnsigned, "uint"),
        new(BasicKind.Uint8, BasicInfo.IsInteger | BasicInfo.IsUnsigned, "uint8"),
        new(BasicKind.Uint16, BasicInfo.IsInteger | BasicInfo.IsUnsigned, "uint16"),
        new(BasicKind.Uint32, BasicInfo.IsInteger | BasicInfo.IsUnsigned, "uint32"),
        new(BasicKind.Uint64, BasicInfo.IsInteger | BasicInfo.IsUnsigned, "uint64"),
        new(BasicKind.Uintptr, BasicInfo.IsInteger | BasicInfo.IsUnsigned, "uintptr"),
        new(BasicKind.Float32, BasicInfo.IsFloat, "float32"),
        new(BasicKind.Float64, BasicInfo.IsFloat, "float64"),
        new(BasicKind.Complex64, BasicInfo.IsComplex, "complex64"),
        new(BasicKind.Complex128, BasicInfo.IsComplex, "complex128"),
        new(BasicKind.String, BasicInfo.IsString, "string"),
        new(BasicKind.UnsafePointer, BasicInfo.None, "Pointer"),
        new(BasicKind.UntypedBool, BasicInfo.IsBoolean | BasicInfo.IsUntyped, "untyped bool"),
        new(BasicKind.UntypedInt, BasicInfo.IsInteger | BasicInfo.IsUntyped, "untyped int"),
        new(BasicKind.UntypedRune, BasicInfo.IsInteger | BasicInfo.IsUntyped, "untyped rune"),
        new(BasicKind.UntypedFloat, BasicInfo.IsFloat | BasicInfo.IsUntyped, "untyped float"),
        new(BasicKind.UntypedComplex, BasicInfo.IsComplex | BasicInfo.IsUntyped, "untyped complex"),
        new(BasicKind.UntypedString, BasicInfo.IsString | BasicInfo.IsUntyped, "untyped string"),
        new(BasicKind.UntypedNil, BasicInfo.IsUntyped, "untyped nil"),
    ];

    public static Basic Basic(BasicKind k) => Typ[(int)k];
    public static Basic Invalid => Typ[0];

    /// <summary>byte and rune: distinct Basic objects (aliases of uint8/int32) for better printing.</summary>
    public static readonly Basic ByteType = new(BasicKind.Byte, BasicInfo.IsInteger | BasicInfo.IsUnsigned, "byte");
    public static readonly Basic RuneType = new(BasicKind.Rune, BasicInfo.IsInteger, "rune");

    public static readonly Scope Scope;
    public static readonly Package Unsafe;

    /// <summary>The predeclared 'error' type (Named) and its Error method.</summary>
    public static readonly Named Error;
    public static readonly Func ErrorMethod;
    /// <summary>The predeclared 'comparable' Named type.</summary>
    public static readonly Named Comparable;
    /// <summary>The 'any' type name and its Alias type (any = interface{}).</summary>
    public static readonly TypeName AnyObj;
    public static readonly Alias Any;
    public static readonly Const Iota;
    public static readonly Nil NilObj;
    public static readonly Const True, False;

    private static readonly Dictionary<BuiltinId, Builtin> s_builtins = [];

    public static Builtin GetBuiltin(BuiltinId id) => s_builtins[id];

    /// <summary>Predeclared function info: (name, min number of args, variadic, isStatement).</summary>
    public static (string Name, int NArgs, bool Variadic, bool Statement) BuiltinInfo(BuiltinId id) => id switch
    {
        BuiltinId.Append => ("append", 1, true, false),
        BuiltinId.Cap => ("cap", 1, false, false),
        BuiltinId.Clear => ("clear", 1, false, true),
        BuiltinId.Close => ("close", 1, false, true),
        BuiltinId.Complex => ("complex", 2, false, false),
        BuiltinId.Copy => ("copy", 2, false, true),
        BuiltinId.Delete => ("delete", 2, false, true),
        BuiltinId.Imag => ("imag", 1, false, false),
        BuiltinId.Len => ("len", 1, false, false),
        BuiltinId.Make => ("make", 1, true, false),
        BuiltinId.Max => ("max", 1, true, false),
        BuiltinId.Min => ("min", 1, true, false),
        BuiltinId.New => ("new", 1, false, false),
        BuiltinId.Panic => ("panic", 1, false, true),
        BuiltinId.Print => ("print", 0, true, true),
        BuiltinId.Println => ("println", 0, true, true),
        BuiltinId.Real => ("real", 1, false, false),
        BuiltinId.Recover => ("recover", 0, false, true),
        BuiltinId.Add => ("Add", 2, false, false),
        BuiltinId.Alignof => ("Alignof", 1, false, false),
        BuiltinId.Offsetof => ("Offsetof", 1, false, false),
        BuiltinId.Sizeof => ("Sizeof", 1, false, false),
        BuiltinId.Slice => ("Slice", 2, false, false),
        BuiltinId.SliceData => ("SliceData", 1, false, false),
        BuiltinId.String => ("String", 2, false, false),
        BuiltinId.StringData => ("StringData", 1, false, false),
        BuiltinId.Assert => ("assert", 1, false, true),
        BuiltinId.Trace => ("trace", 0, true, true),
        _ => throw new ArgumentOutOfRangeException(nameof(id)),
    };

    static Universe()
    {
        Scope = new Scope(null, SourcePos.None, SourcePos.None, "universe");
        var unsafeScope = new Scope(Scope, SourcePos.None, SourcePos.None, "package unsafe");
        Unsafe = new Package("unsafe", "unsafe", unsafeScope) { Complete = true };

        // predeclared types
        foreach (var t in Typ)
        {
            if (t.Kind == BasicKind.UnsafePointer) continue;
            Def(new TypeName(SourcePos.None, null, t.Name, t));
        }
        Def(new TypeName(SourcePos.None, null, "byte", ByteType));
        Def(new TypeName(SourcePos.None, null, "rune", RuneType));

        // type error interface{ Error() string }
        {
            var obj = new TypeName(SourcePos.None, null, "error", null);
            Error = new Named(obj, null);
            var recv = new Var(VarKind.RecvVar, SourcePos.None, null, "", Error);
            var res = new Var(VarKind.ResultVar, SourcePos.None, null, "", Typ[(int)BasicKind.String]);
            var sig = new Signature(recv, Tuple.Empty, new Tuple(res));
            ErrorMethod = new Func(SourcePos.None, null, "Error", sig);
            var ityp = new Interface([ErrorMethod], []);
            Error.SetUnderlying(ityp);
            ityp.TypeSet();
            Def(obj);
        }
        // type any = interface{}
        {
            AnyObj = new TypeName(SourcePos.None, null, "any", null);
            Any = new Alias(AnyObj, Interface.Empty);
            Def(AnyObj);
        }
        // type comparable interface{} // marked as comparable
        {
            var obj = new TypeName(SourcePos.None, null, "comparable", null);
            var ityp = new Interface([], []);
            ityp._tset = new TypeSet([], TermList.All, comparable: true);
            Comparable = new Named(obj, ityp);
            Def(obj);
        }

        True = new Const(SourcePos.None, null, "true", Typ[(int)BasicKind.UntypedBool], Constant.Const.MakeBool(true));
        False = new Const(SourcePos.None, null, "false", Typ[(int)BasicKind.UntypedBool], Constant.Const.MakeBool(false));
        Iota = new Const(SourcePos.None, null, "iota", Typ[(int)BasicKind.UntypedInt], Constant.Const.MakeInt64(0));
        Def(True); Def(False); Def(Iota);
        NilObj = new Nil();
        Def(NilObj);

        foreach (BuiltinId id in Enum.GetValues<BuiltinId>())
        {
            if (id is BuiltinId.Assert or BuiltinId.Trace) continue; // testing only; not declared
            var (name, _, _, _) = BuiltinInfo(id);
            bool isUnsafe = id >= BuiltinId.Add && id <= BuiltinId.StringData;
            var b = new Builtin(id, name, isUnsafe ? Unsafe : null);
            s_builtins[id] = b;
            if (isUnsafe) { unsafeScope.Insert(b); } else Def(b);
        }
        // unsafe.Pointer
        unsafeScope.Insert(new TypeName(SourcePos.None, Unsafe, "Pointer", Typ[(int)BasicKind.UnsafePointer]));
    }

    private static void Def(GoObject obj)
    {
        if (Scope.Insert(obj) is not null) throw new InvalidOperationException("double declaration of predeclared identifier " + obj.Name);
        obj.Parent = Scope;
    }

    public static GoObject? Lookup(string name) => Scope.Lookup(name);
}
