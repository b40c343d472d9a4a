using System.Text;
using GoEscape.Types;
using Tuple = GoEscape.Types.Tuple;
using GoArray = GoEscape.Types.Array;
using GoChanDir = GoEscape.Types.ChanDir;
using GoEscape.Types.Constant;
using GoConstKind = GoEscape.Types.Constant.ConstKind;

namespace GoEscape.IR.Lowering;

/// <summary>
/// Converts go/types-like types into gc's types view (models the noder's reader.typ / types2 -> types bridge).
/// One instance per compiled package: that package's IrPkg is the local one (its types print unqualified, as
/// types.LocalPkg), every other package's types print qualified by the package name.
/// </summary>
public sealed class TypeLowering
{
    private readonly Dictionary<GoType, IrType> _cache = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<Package, IrPkg> _pkgs = new(ReferenceEqualityComparer.Instance);
    private readonly Package _local;

    public TypeLowering(Package local)
    {
        _local = local;
        LocalPkg = new IrPkg(local.Path, local.Name) { IsLocal = true };
        _pkgs[local] = LocalPkg;
    }

    /// <summary>A view of <paramref name="parent"/> for the body of a shaped instantiation: every type is first
    /// substituted (type parameters by their shapes) and then converted by the parent (canonical IrTypes).</summary>
    public TypeLowering(TypeLowering parent, Func<GoType, GoType> subst)
    {
        _parent = parent;
        _subst = subst;
        _local = parent._local;
        LocalPkg = parent.LocalPkg;
    }

    private readonly TypeLowering? _parent;

    /// <summary>Instantiated generic types with methods, in conversion order: the compiling package instantiates all
    /// their methods (gc reads the methods of every instantiated type it reads).</summary>
    public List<Named> InstantiatedTypes => _parent?.InstantiatedTypes ?? _instantiatedTypes;
    private readonly List<Named> _instantiatedTypes = [];

    /// <summary>For each of <see cref="InstantiatedTypes"/>, the value of <see cref="Clock"/> when it was first
    /// converted (how many instantiation wrappers existed then: gc queues a type's method wrappers when it reads the
    /// type, among the function wrappers it queues as it reads their references).</summary>
    public List<int> InstantiatedAt => _parent?.InstantiatedAt ?? _instantiatedAt;
    private readonly List<int> _instantiatedAt = [];

    /// <summary>Set by the lowering: the number of wrappers made so far.</summary>
    public Func<int>? Clock { get => _parent?.Clock ?? _clock; set => _clock = value; }
    private Func<int>? _clock;
    private readonly Func<GoType, GoType>? _subst;

    public IrPkg LocalPkg { get; }

    public IrPkg Pkg(Package? p)
    {
        if (_parent != null) return _parent.Pkg(p);
        if (p == null) return IrPkg.Builtin;
        if (!_pkgs.TryGetValue(p, out var ip))
        {
            ip = new IrPkg(p.Path, p.Name) { IsLocal = ReferenceEquals(p, _local) };
            _pkgs[p] = ip;
        }
        return ip;
    }

    public IrSym Sym(Package? p, string name) => new(Pkg(p), name);

    private Dictionary<IrType, GoType>? _reverse;
    private int _reverseCount;

    /// <summary>The Go type an IR type was lowered from (null for IR types built elsewhere, e.g. by implicit &amp;).</summary>
    public GoType? GoTypeOf(IrType t)
    {
        if (_reverse == null || _reverseCount != _cache.Count)
        {
            _reverse = new Dictionary<IrType, GoType>(ReferenceEqualityComparer.Instance);
            foreach (var (g, i) in _cache) _reverse.TryAdd(i, g);
            _reverseCount = _cache.Count;
        }
        // a type of another package's lowering (from a body inlined here)
        return _reverse.GetValueOrDefault(t) ?? t.GoOrigin as GoType;
    }

    /// <summary>The gc type of t (null for a null or tuple type).</summary>
    public IrType Type(GoType t)
    {
        if (_cache.TryGetValue(t, out var r)) return r;
        if (_parent != null)
        {
            r = _parent.Type(_subst!(t));
            _cache[t] = r;
            return r;
        }
        switch (t)
        {
            case Basic b:
                r = BasicType(b);
                break;
            case Alias a:
                if (a.Obj.Name == "any" && a.Obj.Pkg == null) r = IrType.Any;
                else r = Type(GoTypes.Unalias(a));
                break;
            case Named n:
            {
                var name = n.Obj.Name;
                if (n.TypeArgs.Len > 0)
                {
                    var sb = new StringBuilder(name).Append('[');
                    for (int i = 0; i < n.TypeArgs.Len; i++)
                    {
                        if (i > 0) sb.Append(',');
                        // gc names an instance by its type arguments' link strings (full package paths)
                        sb.Append(Shapes.LinkString(n.TypeArgs.At(i)));
                    }
                    name = sb.Append(']').ToString();
                }
                var named = IrType.NewNamed(Sym(n.Obj.Pkg, name), ReferenceEquals(n.Obj.Pkg, Shapes.ShapePkg));
                _cache[t] = named; // before the underlying: recursive types
                named.GoOrigin = t;
                if (n.TypeArgs.Len > 0 && n.NumMethods > 0)
                {
                    InstantiatedTypes.Add(n);
                    InstantiatedAt.Add(Clock?.Invoke() ?? 0);
                }
                named.SetUnderlying(Type(n.Underlying()));
                return named;
            }
            case TypeParam tp:
            {
                // Shape-like: the core type if the constraint has one (~[]E -> []E), else the constraint interface.
                var core = GoTypes.CoreType(tp);
                if (core != null && core is not Interface && core is not TypeParam) r = Type(core);
                else if (IsByteString(tp)) r = IrType.String; // string | []byte (types2's coreString)
                else r = Type(tp.Iface());
                break;
            }
            case Pointer p:
                r = IrType.NewPtr(Type(p.Elem));
                break;
            case Slice s:
                r = IrType.NewSlice(Type(s.Elem));
                break;
            case GoArray a:
                r = IrType.NewArray(Type(a.Elem), a.Len);
                break;
            case Map m:
                r = IrType.NewMap(Type(m.Key), Type(m.Elem));
                break;
            case Chan c:
                r = IrType.NewChan(Type(c.Elem), c.Dir switch { GoChanDir.SendOnly => ChanDir.Send, GoChanDir.RecvOnly => ChanDir.Recv, _ => ChanDir.Both });
                break;
            case Struct st:
            {
                var fields = new List<Field>(st.NumFields);
                var res = IrType.NewStruct(fields);
                _cache[t] = res;
                foreach (var f in st.Fields)
                    fields.Add(new Field(Sym(f.Pkg, f.Name), Type(f.Type!)) { Embedded = f.Embedded });
                return res;
            }
            case Interface it:
            {
                if (it.NumMethods == 0) { r = IrType.EmptyInterface; break; }
                var methods = new List<Field>();
                var res = IrType.NewInterface(methods);
                _cache[t] = res;
                foreach (var m in it.AllMethods)
                    methods.Add(new Field(Sym(m.Pkg, m.Name), Type(m.Type!)));
                return res;
            }
            case Signature sig:
                r = SignatureType(sig, null);
                break;
            case Tuple tu:
                // multi-value results: gc uses a struct of the result fields
                var tf = new List<Field>();
                foreach (var v in tu.Variables) tf.Add(new Field(Sym(v.Pkg, v.Name), Type(v.Type!)));
                r = IrType.NewStruct(tf);
                break;
            case Union:
                r = IrType.EmptyInterface;
                break;
            default:
                throw new NotSupportedException("type " + t.GetType().Name);
        }
        _cache[t] = r;
        r.GoOrigin ??= t;
        return r;
    }

    /// <summary>Whether every type in the type parameter's type set is a string or a byte slice.</summary>
    internal static bool IsByteString(TypeParam tp)
    {
        var ts = tp.Iface().TypeSet();
        if (!ts.HasTerms) return false;
        foreach (var term in ts.Terms.Terms)
        {
            var u = term.Type?.Underlying();
            bool ok = u is Basic { Kind: BasicKind.String } || u is Slice { Elem: var e } && e.Underlying() is Basic { Kind: BasicKind.Uint8 };
            if (!ok) return false;
        }
        return true;
    }

    /// <summary>A signature type; with recv, a method type (Recv set).</summary>
    public IrType SignatureType(Signature sig, Field? recv)
    {
        if (_parent != null) return _parent.SignatureType((Signature)_subst!(sig), recv);
        var pars = new List<Field>(sig.Params.Len);
        for (int i = 0; i < sig.Params.Len; i++)
        {
            var v = sig.Params.At(i);
            bool ddd = sig.Variadic && i == sig.Params.Len - 1;
            pars.Add(new Field(ParamSym(v.Name), Type(v.Type!)) { IsDDD = ddd });
        }
        var res = new List<Field>(sig.Results.Len);
        for (int i = 0; i < sig.Results.Len; i++)
        {
            var v = sig.Results.At(i);
            res.Add(new Field(ParamSym(v.Name), Type(v.Type!)));
        }
        return IrType.NewSignature(recv, pars, res);
    }

    private IrSym? ParamSym(string name) => name.Length == 0 ? null : new IrSym(null, name);

    private static IrType BasicType(Basic b)
    {
        if (ReferenceEquals(b, Universe.ByteType)) return IrType.Byte;
        if (ReferenceEquals(b, Universe.RuneType)) return IrType.Rune;
        return b.Kind switch
        {
            BasicKind.Bool => IrType.Bool,
            BasicKind.Int => IrType.Int, BasicKind.Int8 => IrType.Int8, BasicKind.Int16 => IrType.Int16,
            BasicKind.Int32 => IrType.Int32, BasicKind.Int64 => IrType.Int64,
            BasicKind.Uint => IrType.Uint, BasicKind.Uint8 => IrType.Uint8, BasicKind.Uint16 => IrType.Uint16,
            BasicKind.Uint32 => IrType.Uint32, BasicKind.Uint64 => IrType.Uint64, BasicKind.Uintptr => IrType.Uintptr,
            BasicKind.Float32 => IrType.Float32, BasicKind.Float64 => IrType.Float64,
            BasicKind.Complex64 => IrType.Complex64, BasicKind.Complex128 => IrType.Complex128,
            BasicKind.String => IrType.String, BasicKind.UnsafePointer => IrType.UnsafePointer,
            BasicKind.UntypedBool => IrType.UntypedBool, BasicKind.UntypedInt => IrType.UntypedInt,
            BasicKind.UntypedRune => IrType.UntypedRune, BasicKind.UntypedFloat => IrType.UntypedFloat,
            BasicKind.UntypedComplex => IrType.UntypedComplex, BasicKind.UntypedString => IrType.UntypedString,
            BasicKind.UntypedNil => IrType.UntypedNil,
            _ => IrType.Int,
        };
    }

    /// <summary>
    /// Models noder's idealType: the type given to a constant types2 left untyped (mostly shift counts): untyped
    /// numbers become uint (int if negative), so x >> 1 prints as x >> uint(1); runes int32, bools bool, strings string.
    /// </summary>
    public static GoType IdealType(GoType t, bool negative)
    {
        var u = GoTypes.Unalias(t);
        if (u is Basic b && (b.Info & BasicInfo.IsUntyped) != 0)
        {
            return b.Kind switch
            {
                BasicKind.UntypedBool => Universe.Typ[(int)BasicKind.Bool],
                BasicKind.UntypedInt or BasicKind.UntypedFloat or BasicKind.UntypedComplex
                    => Universe.Typ[(int)(negative ? BasicKind.Int : BasicKind.Uint)],
                BasicKind.UntypedRune => Universe.Typ[(int)BasicKind.Int32],
                BasicKind.UntypedString => Universe.Typ[(int)BasicKind.String],
                _ => t,
            };
        }
        return t;
    }
}
