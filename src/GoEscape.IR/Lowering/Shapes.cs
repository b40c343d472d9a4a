using System.Text;
using GoEscape.Types;
using Tuple = GoEscape.Types.Tuple;
using GoArray = GoEscape.Types.Array;
using GoChanDir = GoEscape.Types.ChanDir;

namespace GoEscape.IR.Lowering;

/// <summary>
/// gc's shape types (models noder.Shapify): the type argument of a shaped instantiation is replaced by a defined type
/// in the pseudo-package "go.shape" named by the link string of the argument's underlying type (go.shape.int,
/// go.shape.[]uint8, go.shape.struct { ... }), or go.shape.*uint8 for a pointer used for a type parameter whose
/// constraint is a basic interface. One canonical shape per link string per compilation.
/// </summary>
public sealed class Shapes
{
    /// <summary>The pseudo-package of shape types: prints as "go.shape.".</summary>
    public static readonly Package ShapePkg = new("go.shape", "go.shape");

    private readonly Dictionary<string, Named> _shapes = new(StringComparer.Ordinal);
    private static readonly Pointer BytePtr = new(Universe.Typ[(int)BasicKind.Uint8]);

    /// <summary>The instantiation context shared by every substitution of the compilation (canonical instances).</summary>
    public Context Context { get; } = new();

    public static bool IsShape(GoType t) => t is Named n && ReferenceEquals(n.Obj.Pkg, ShapePkg);

    /// <summary>The shape type of a type argument (models noder.Shapify).</summary>
    public GoType Shapify(GoType targ, bool basic)
    {
        // A shape is shaped again (its underlying type may collapse further: go.shape.*T -> go.shape.*uint8 for a
        // parameter with a basic-interface constraint).
        targ = GoTypes.Unalias(targ);
        var under = targ.Underlying();
        if (basic && under is Pointer p && !NotInHeap(p.Elem)) under = BytePtr;
        var link = ShapeName(LinkString(under));
        lock (_shapes)
        {
            if (!_shapes.TryGetValue(link, out var shape))
            {
                var obj = new TypeName(default, ShapePkg, link, null);
                shape = new Named(obj, under);
                _shapes[link] = shape;
            }
            return shape;
        }
    }

    /// <summary>gc's -d=maxshapelen default (base/flag.go).</summary>
    public const int MaxShapeLen = 500;

    /// <summary>
    /// The name of a shape: its underlying type's link string, or, when that is longer than 500 bytes, the hex of
    /// cmd/internal/hash.Sum32 of it (sha256 with the first byte flipped), as noder.shapify does to bound symbol names
    /// (go.shape.5614d737...). </summary>
    public static string ShapeName(string link)
    {
        if (System.Text.Encoding.UTF8.GetByteCount(link) <= MaxShapeLen) return link;
        var sum = System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(link));
        sum[0] ^= 0xff;
        return Convert.ToHexStringLower(sum);
    }

    /// <summary>
    /// Models types.identical (cmd/compile/internal/types/identity.go) where either type mentions a shape: a named
    /// type (gc counts the predeclared basic types as named) that is or contains a shape is identical to any type of
    /// the same kind when that kind is a basic one or a pointer; for composite kinds the structures are compared with
    /// the same rule (so go.shape.[]int is identical to []go.shape.int). Without shapes: go/types identity.
    /// </summary>
    public static bool IdenticalGc(GoType a, GoType b, bool ignoreTags)
    {
        a = GoTypes.Unalias(a);
        b = GoTypes.Unalias(b);
        if (ReferenceEquals(a, b)) return true;
        bool shaped = ContainsShape(a) || ContainsShape(b);
        if (!shaped) return ignoreTags ? GoTypes.IdenticalIgnoreTags(a, b) : GoTypes.Identical(a, b);
        var ua = a.Underlying();
        var ub = b.Underlying();
        if (!SameKind(ua, ub)) return false;
        if ((a is Named or Basic || b is Named or Basic) && ua is Basic or Pointer) return true;
        switch (ua, ub)
        {
            case (Slice x, Slice y): return IdenticalGc(x.Elem, y.Elem, ignoreTags);
            case (GoArray x, GoArray y): return x.Len == y.Len && IdenticalGc(x.Elem, y.Elem, ignoreTags);
            case (Pointer x, Pointer y): return IdenticalGc(x.Elem, y.Elem, ignoreTags);
            case (Map x, Map y): return IdenticalGc(x.Key, y.Key, ignoreTags) && IdenticalGc(x.Elem, y.Elem, ignoreTags);
            case (Chan x, Chan y): return x.Dir == y.Dir && IdenticalGc(x.Elem, y.Elem, ignoreTags);
            case (Struct x, Struct y):
                if (x.NumFields != y.NumFields) return false;
                for (int i = 0; i < x.NumFields; i++)
                {
                    var fx = x.Field(i);
                    var fy = y.Field(i);
                    if (fx.Name != fy.Name || fx.Embedded != fy.Embedded) return false;
                    if (!fx.Exported && !ReferenceEquals(fx.Pkg, fy.Pkg)) return false;
                    if (!ignoreTags && x.Tag(i) != y.Tag(i)) return false;
                    if (!IdenticalGc(fx.Type!, fy.Type!, ignoreTags)) return false;
                }
                return true;
            case (Signature x, Signature y):
                if (x.Variadic != y.Variadic || x.Params.Len != y.Params.Len || x.Results.Len != y.Results.Len) return false;
                for (int i = 0; i < x.Params.Len; i++)
                    if (!IdenticalGc(x.Params.At(i).Type!, y.Params.At(i).Type!, ignoreTags)) return false;
                for (int i = 0; i < x.Results.Len; i++)
                    if (!IdenticalGc(x.Results.At(i).Type!, y.Results.At(i).Type!, ignoreTags)) return false;
                return true;
            default:
                return ignoreTags ? GoTypes.IdenticalIgnoreTags(ua, ub) : GoTypes.Identical(ua, ub);
        }
    }

    private static bool SameKind(GoType x, GoType y) => (x, y) switch
    {
        (Basic bx, Basic by) => bx.Kind == by.Kind,
        _ => x.GetType() == y.GetType(),
    };

    /// <summary>Models types.fldconv's test for an embedded field in a LinkString: the field name is left out when it is
    /// the embedded type's own symbol (or the same exported name).</summary>
    private static bool EmbeddedNameImplied(Var f)
    {
        var typ = GoTypes.Unalias(f.Type!);
        if (typ is Pointer p) typ = GoTypes.Unalias(p.Elem);
        if (typ is not Named n || n.TypeArgs.Len > 0) return false; // basic types: the universe's symbols; instances: "node[int]"
        var tname = n.Obj.Name;
        if (n.Obj.Pkg == null) return false;
        return (ReferenceEquals(n.Obj.Pkg, f.Pkg) && tname == f.Name) || (GoObject.IsExported(tname) && tname == f.Name);
    }

    /// <summary>Whether a type mentions a shape type.</summary>
    public static bool ContainsShape(GoType t) => LinkString(t).Contains("go.shape.", StringComparison.Ordinal);

    /// <summary>Whether a type mentions a type parameter (is not fully instantiated).</summary>
    public static bool ContainsTypeParam(GoType t) => ContainsTypeParam(t, 0);

    private static bool ContainsTypeParam(GoType t, int depth)
    {
        if (depth > 20) return false;
        switch (t)
        {
            case TypeParam: return true;
            case Alias a: return ContainsTypeParam(GoTypes.Unalias(a), depth + 1);
            case Named n:
                foreach (var a in n.TypeArgs.List) if (ContainsTypeParam(a, depth + 1)) return true;
                return false;
            case Pointer p: return ContainsTypeParam(p.Elem, depth + 1);
            case Slice s: return ContainsTypeParam(s.Elem, depth + 1);
            case GoArray a: return ContainsTypeParam(a.Elem, depth + 1);
            case Map m: return ContainsTypeParam(m.Key, depth + 1) || ContainsTypeParam(m.Elem, depth + 1);
            case Chan c: return ContainsTypeParam(c.Elem, depth + 1);
            case Struct st:
                foreach (var f in st.Fields) if (ContainsTypeParam(f.Type!, depth + 1)) return true;
                return false;
            case Signature sig:
                foreach (var v in sig.Params.Variables) if (ContainsTypeParam(v.Type!, depth + 1)) return true;
                foreach (var v in sig.Results.Variables) if (ContainsTypeParam(v.Type!, depth + 1)) return true;
                return false;
            case Interface it:
                foreach (var m in it.AllMethods) if (ContainsTypeParam(m.Type!, depth + 1)) return true;
                return false;
            default: return false;
        }
    }

    private static bool NotInHeap(GoType t)
        => GoTypes.Unalias(t) is Named n && n.Obj.Pkg?.Path == "internal/runtime/sys" && n.Obj.Name == "nih";

    /// <summary>gc's LinkString of a type (types.LinkString / tconv in fmtTypeIDName mode): named types qualified by
    /// their full package path, byte/rune as uint8/int32, unexported field and method names qualified.</summary>
    public static string LinkString(GoType t)
    {
        var b = new StringBuilder();
        WriteLink(b, t, 0, new Dictionary<GoType, int>(ReferenceEqualityComparer.Instance));
        return b.ToString();
    }

    /// <param name="visited">The type literals being printed (outer ones), with the offset in <paramref name="b"/>
    /// where each one's text starts: a literal met again inside itself (only an invalid recursive type, which gc
    /// rejects, can do that) prints as "@offset", as types.tconv2 does, instead of recursing without end.</param>
    private static void WriteLink(StringBuilder b, GoType t, int depth, Dictionary<GoType, int> visited)
    {
        if (depth > 50) { b.Append("..."); return; }
        if (t is Alias) t = GoTypes.Unalias(t);
        // types.tconv2: a type already being printed is a reference to where its text started
        if (visited.TryGetValue(t, out int off)) { b.Append('@').Append(off); return; }
        bool literal = t is not (Basic or Named);
        if (literal) visited[t] = b.Length;
        WriteLinkOf(b, t, depth, visited);
        if (literal) visited.Remove(t);
    }

    private static void WriteLinkOf(StringBuilder b, GoType t, int depth, Dictionary<GoType, int> visited)
    {
        switch (t)
        {
            case Basic bt:
                b.Append(bt.Kind switch
                {
                    BasicKind.Uint8 => "uint8",
                    BasicKind.Int32 => "int32",
                    BasicKind.UnsafePointer => "unsafe.Pointer",
                    _ => bt.Name,
                });
                return;
            case Named n:
            {
                if (n.Obj.Pkg == null) { b.Append(n.Obj.Name); return; } // error, comparable
                b.Append(LinkPath(n.Obj.Pkg)).Append('.').Append(n.Obj.Name);
                if (LocalTypeGen.TryGetValue(n.Obj, out var gen)) b.Append('·').Append(gen.Value);
                if (n.TypeArgs.Len > 0)
                {
                    b.Append('[');
                    for (int i = 0; i < n.TypeArgs.Len; i++)
                    {
                        if (i > 0) b.Append(',');
                        WriteLink(b, n.TypeArgs.At(i), depth + 1, visited);
                    }
                    b.Append(']');
                }
                return;
            }
            case Pointer p: b.Append('*'); WriteLink(b, p.Elem, depth + 1, visited); return;
            case Slice s: b.Append("[]"); WriteLink(b, s.Elem, depth + 1, visited); return;
            case GoArray a: b.Append('[').Append(a.Len).Append(']'); WriteLink(b, a.Elem, depth + 1, visited); return;
            case Map m: b.Append("map["); WriteLink(b, m.Key, depth + 1, visited); b.Append(']'); WriteLink(b, m.Elem, depth + 1, visited); return;
            case Chan c:
                b.Append(c.Dir switch { GoChanDir.SendOnly => "chan<- ", GoChanDir.RecvOnly => "<-chan ", _ => "chan " });
                if (c.Dir == GoChanDir.SendRecv && GoTypes.Unalias(c.Elem) is Chan { Dir: GoChanDir.RecvOnly })
                { b.Append('('); WriteLink(b, c.Elem, depth + 1, visited); b.Append(')'); }
                else WriteLink(b, c.Elem, depth + 1, visited);
                return;
            case Struct st:
            {
                b.Append("struct {");
                for (int i = 0; i < st.NumFields; i++)
                {
                    var f = st.Field(i);
                    b.Append(i == 0 ? " " : "; ");
                    if (!f.Embedded)
                    {
                        QualifiedName(b, f.Pkg, f.Name);
                        b.Append(' ');
                    }
                    else if (!EmbeddedNameImplied(f))
                    {
                        // fmtTypeID's "struct{ Int = int }" for an embedded field its type does not name (an alias, an
                        // instance node[int], a predeclared type: types.fldconv)
                        QualifiedName(b, f.Pkg, f.Name);
                        b.Append(" = ");
                    }
                    WriteLink(b, f.Type!, depth + 1, visited);
                    var tag = st.Tag(i);
                    if (tag.Length != 0) b.Append(' ').Append(StrLit.Quote(tag));
                }
                if (st.NumFields != 0) b.Append(' ');
                b.Append('}');
                return;
            }
            case Interface it:
            {
                var ms = it.AllMethods;
                if (ms.Count == 0) { b.Append("interface {}"); return; }
                b.Append("interface {");
                for (int i = 0; i < ms.Count; i++)
                {
                    b.Append(i == 0 ? " " : "; ");
                    QualifiedName(b, ms[i].Pkg, ms[i].Name);
                    WriteSig(b, (Signature)ms[i].Type!, depth, visited);
                }
                b.Append(" }");
                return;
            }
            case Signature sig:
                b.Append("func");
                WriteSig(b, sig, depth, visited);
                return;
            case Tuple tu:
                b.Append('(');
                for (int i = 0; i < tu.Len; i++) { if (i > 0) b.Append(", "); WriteLink(b, tu.At(i).Type!, depth + 1, visited); }
                b.Append(')');
                return;
            default:
                b.Append(t.ToString());
                return;
        }
    }

    private static void QualifiedName(StringBuilder b, Package? pkg, string name)
    {
        if (pkg != null && !GoObject.IsExported(name)) b.Append(LinkPath(pkg)).Append('.');
        b.Append(name);
    }

    /// <summary>Defined types declared inside function bodies, numbered per package in source order (models
    /// noder's declCollector typegen: writer.qualifiedIdent names them "T·N").</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<TypeName, System.Runtime.CompilerServices.StrongBox<int>> LocalTypeGen = new();

    /// <summary>Numbers the package's function-scoped defined types (declCollector: a non-alias type declaration
    /// within a block), across its files in order.</summary>
    public static void NumberLocalTypes(ICheckResults info, IReadOnlyList<GoEscape.Syntax.File> files)
    {
        int gen = 0;
        foreach (var file in files)
            GoEscape.Syntax.Walker.Inspect(file, top =>
            {
                if (top is not GoEscape.Syntax.BlockStmt block) return true;
                GoEscape.Syntax.Walker.Inspect(block, n =>
                {
                    if (n is GoEscape.Syntax.TypeDecl { Alias: false } td && info.DefOf(td.Name) is TypeName tn)
                        LocalTypeGen.AddOrUpdate(tn, new System.Runtime.CompilerServices.StrongBox<int>(++gen));
                    return true;
                });
                return false;
            });
    }

    /// <summary>The package path gc's link names use: the go command compiles a main package with -p main
    /// (cmd/go's pkgPath), so its types are "main.T" whatever its import path.</summary>
    private static string LinkPath(Package pkg) => pkg.Name == "main" ? "main" : pkg.Path;

    private static void WriteSig(StringBuilder b, Signature sig, int depth, Dictionary<GoType, int> visited)
    {
        b.Append('(');
        for (int i = 0; i < sig.Params.Len; i++)
        {
            if (i > 0) b.Append(", ");
            var pt = sig.Params.At(i).Type!;
            if (sig.Variadic && i == sig.Params.Len - 1 && pt is Slice s) { b.Append("..."); WriteLink(b, s.Elem, depth + 1, visited); }
            else WriteLink(b, pt, depth + 1, visited);
        }
        b.Append(')');
        switch (sig.Results.Len)
        {
            case 0: break;
            case 1: b.Append(' '); WriteLink(b, sig.Results.At(0).Type!, depth + 1, visited); break;
            default:
                b.Append(" (");
                for (int i = 0; i < sig.Results.Len; i++) { if (i > 0) b.Append(", "); WriteLink(b, sig.Results.At(i).Type!, depth + 1, visited); }
                b.Append(')');
                break;
        }
    }
}
