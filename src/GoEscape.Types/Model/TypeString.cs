using System.Globalization;
using System.Text;

namespace GoEscape.Types;

/// <summary>Controls how package-qualified names are printed: returns the qualifier for a package ("" = unqualified).
/// A null Qualifier means: qualify with the full package path (models types2.Qualifier).</summary>
public delegate string Qualifier(Package pkg);

/// <summary>Type printing (models go/types typestring.go; go/types flavour, e.g. "/* type parameter */").</summary>
internal sealed class TypeWriter
{
    private readonly StringBuilder _buf;
    private readonly HashSet<GoType> _seen = new(ReferenceEqualityComparer.Instance);
    private readonly Qualifier? _qf;
    private readonly Context? _ctxt;        // non-null: type hashing
    private TypeParamList? _tparams;         // local type parameters (hashing)
    internal bool ParamNames = true;
    internal bool TpSubscripts { get; set; }
    internal bool PkgInfo;

    public TypeWriter(StringBuilder buf, Qualifier? qf) { _buf = buf; _qf = qf; }
    public TypeWriter(StringBuilder buf, Context ctxt) { _buf = buf; _ctxt = ctxt; ParamNames = false; }

    private void Byte(char b)
    {
        if (_ctxt is not null)
        {
            if (b == ' ') b = '#';
            _buf.Append(b);
            return;
        }
        _buf.Append(b);
        if (b is ',' or ';') _buf.Append(' ');
    }

    private void Str(string s) => _buf.Append(s);

    private void Error(string msg)
    {
        if (_ctxt is not null) throw new InvalidOperationException(msg);
        _buf.Append('<').Append(msg).Append('>');
    }

    public void Typ(GoType? typ)
    {
        if (typ is null) { Error("nil"); return; }
        if (!_seen.Add(typ)) { Error("cycle to " + GoTypeName(typ)); return; }
        try { TypCore(typ); }
        finally { _seen.Remove(typ); }
    }

    private static string GoTypeName(GoType t) => "*types." + t.GetType().Name switch { "Array" => "Array", var n => n };

    private void TypCore(GoType typ)
    {
        switch (typ)
        {
            case Basic t:
                if (GoObject.IsExported(t.Name) && Universe.Unsafe.Scope.Lookup(t.Name) is TypeName obj)
                {
                    TypeNameStr(obj);
                    break;
                }
                Str(t.Name);
                break;

            case Array t:
                Byte('[');
                Str(t.Len.ToString(CultureInfo.InvariantCulture));
                Byte(']');
                Typ(t.Elem);
                break;

            case Slice t:
                Str("[]");
                Typ(t.Elem);
                break;

            case Struct t:
                Str("struct{");
                for (int i = 0; i < t.NumFields; i++)
                {
                    var f = t.Field(i);
                    if (i > 0) Byte(';');
                    bool pkgAnnotate = false;
                    if (_qf is null && PkgInfo && !GoObject.IsExported(f.Name))
                    {
                        pkgAnnotate = true;
                        PkgInfo = false;
                    }
                    if (!f.Embedded)
                    {
                        Str(f.Name);
                        Byte(' ');
                    }
                    Typ(f.Type);
                    if (pkgAnnotate)
                    {
                        Str(" /* package ");
                        Str(f.Pkg?.Path ?? "");
                        Str(" */ ");
                    }
                    var tag = t.Tag(i);
                    if (tag != "")
                    {
                        Byte(' ');
                        Str(GoQuote.Quote(tag));
                    }
                }
                Byte('}');
                break;

            case Pointer t:
                Byte('*');
                Typ(t.Elem);
                break;

            case Tuple t:
                TupleStr(t, false);
                break;

            case Signature t:
                Str("func");
                Signature(t);
                break;

            case Union t:
                if (t.Len == 0) { Error("empty union"); break; }
                for (int i = 0; i < t.Len; i++)
                {
                    var term = t.Term(i);
                    if (i > 0) Str(" | ");
                    if (term.Tilde) Byte('~');
                    Typ(term.Type);
                }
                break;

            case Interface t:
                if (_ctxt is null && ReferenceEquals(t, Universe.Comparable.Underlying()))
                {
                    Str("interface{comparable}");
                    break;
                }
                if (t.IsImplicit)
                {
                    if (t.NumExplicitMethods == 0 && t.NumEmbeddeds == 1)
                    {
                        Typ(t.EmbeddedType(0));
                        break;
                    }
                    Str("/* implicit */ ");
                }
                Str("interface{");
                {
                    bool first = true;
                    if (_ctxt is not null)
                    {
                        WriteTypeSet(t.TypeSet());
                    }
                    else
                    {
                        foreach (var m in t.ExplicitMethods)
                        {
                            if (!first) Byte(';');
                            first = false;
                            Str(m.Name);
                            Signature((Signature)m.Type!);
                        }
                        foreach (var e in t.Embeddeds)
                        {
                            if (!first) Byte(';');
                            first = false;
                            Typ(e);
                        }
                    }
                }
                Byte('}');
                break;

            case Map t:
                Str("map[");
                Typ(t.Key);
                Byte(']');
                Typ(t.Elem);
                break;

            case Chan t:
                {
                    string s = "";
                    bool parens = false;
                    switch (t.Dir)
                    {
                        case ChanDir.SendRecv:
                            s = "chan ";
                            if (t.Elem is Chan { Dir: ChanDir.RecvOnly }) parens = true;
                            break;
                        case ChanDir.SendOnly: s = "chan<- "; break;
                        case ChanDir.RecvOnly: s = "<-chan "; break;
                        default: Error("unknown channel direction"); break;
                    }
                    Str(s);
                    if (parens) Byte('(');
                    Typ(t.Elem);
                    if (parens) Byte(')');
                    break;
                }

            case Named t:
                if (_ctxt is not null) Str(_ctxt.GetId(t).ToString(CultureInfo.InvariantCulture));
                TypeNameStr(t.Obj);
                if (t.IsInstance) TypeList(t.TypeArgs.List);
                else if (_ctxt is null && t.TypeParams.Len != 0) TParamList(t.TypeParams.List);
                break;

            case TypeParam t:
                {
                    int idx = -1;
                    if (_tparams is not null)
                        for (int i = 0; i < _tparams.Len; i++) if (ReferenceEquals(_tparams.At(i), t)) { idx = i; break; }
                    if (idx >= 0)
                    {
                        Str("$" + idx.ToString(CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        Str(t.Obj.Name);
                        if (TpSubscripts || _ctxt is not null) Str(Subscript((ulong)t.Id));
                        if (_ctxt is null && Universe.Lookup(t.Obj.Name) is not null) Str("/* type parameter */");
                    }
                    break;
                }

            case Alias t:
                TypeNameStr(t.Obj);
                if (t.TypeArgs.Len != 0) TypeList(t.TypeArgs.List);
                else if (_ctxt is null && t.TypeParams.Len != 0) TParamList(t.TypeParams.List);
                if (_ctxt is not null)
                {
                    var actual = t.Actual() ?? throw new InvalidOperationException("incomplete alias");
                    Typ(actual);
                }
                break;

            default:
                Str(typ.ToString());
                break;
        }
    }

    private void WriteTypeSet(TypeSet s)
    {
        bool first = true;
        foreach (var m in s.Methods)
        {
            if (!first) Byte(';');
            first = false;
            Str(m.Name);
            Signature((Signature)m.Type!);
        }
        if (s.Terms.IsAll) { }
        else if (s.Terms.IsEmpty) Str(s.Terms.ToString());
        else
        {
            var hashes = new List<string>();
            foreach (var term in s.Terms.Terms)
            {
                var sb = new StringBuilder();
                if (term.Tilde) sb.Append('~');
                new TypeWriter(sb, _ctxt!).Typ(term.Type);
                hashes.Add(sb.ToString());
            }
            hashes.Sort(StringComparer.Ordinal);
            if (!first) Byte(';');
            Str(string.Join("|", hashes));
        }
    }

    public void TypeList(IReadOnlyList<GoType> list)
    {
        Byte('[');
        for (int i = 0; i < list.Count; i++)
        {
            if (i > 0) Byte(',');
            Typ(list[i]);
        }
        Byte(']');
    }

    public void TParamList(IReadOnlyList<TypeParam> list)
    {
        Byte('[');
        GoType? prev = null;
        for (int i = 0; i < list.Count; i++)
        {
            var tpar = list[i];
            if (i > 0)
            {
                if (!ReferenceEquals(tpar.Constraint, prev))
                {
                    Byte(' ');
                    Typ(prev);
                }
                Byte(',');
            }
            prev = tpar.Constraint;
            Typ(tpar);
        }
        if (prev is not null)
        {
            Byte(' ');
            Typ(prev);
        }
        Byte(']');
    }

    private void TypeNameStr(TypeName obj)
    {
        Str(ObjectWriter.PackagePrefix(obj.Pkg, _qf));
        Str(obj.Name);
    }

    private void TupleStr(Tuple? tup, bool variadic)
    {
        Byte('(');
        if (tup is not null)
        {
            for (int i = 0; i < tup.Len; i++)
            {
                var v = tup.At(i);
                if (i > 0) Byte(',');
                if (_ctxt is null && v.Name != "" && ParamNames)
                {
                    Str(v.Name);
                    Byte(' ');
                }
                var typ = v.Type;
                if (variadic && i == tup.Len - 1)
                {
                    if (typ is Slice s)
                    {
                        Str("...");
                        Typ(s.Elem);
                    }
                    else
                    {
                        Typ(typ);
                        Str("...");
                    }
                }
                else Typ(typ);
            }
        }
        Byte(')');
    }

    public void Signature(Signature sig)
    {
        var saved = _tparams;
        try
        {
            if (sig.TypeParams.Len != 0)
            {
                if (_ctxt is not null) _tparams = sig.TypeParams;
                TParamList(sig.TypeParams.List);
            }
            TupleStr(sig.Params, sig.Variadic);
            int n = sig.Results.Len;
            if (n == 0) return;
            Byte(' ');
            if (n == 1 && (_ctxt is not null || sig.Results.At(0).Name == ""))
            {
                Typ(sig.Results.At(0).Type);
                return;
            }
            TupleStr(sig.Results, false);
        }
        finally { _tparams = saved; }
    }

    internal static string Subscript(ulong x)
    {
        var sb = new StringBuilder();
        do
        {
            sb.Insert(0, (char)('₀' + (int)(x % 10)));
            x /= 10;
        } while (x != 0);
        return sb.ToString();
    }
}

/// <summary>Go's strconv.Quote (ASCII control, non-printable runes escaped; printable Unicode kept).</summary>
public static class GoQuote
{
    public static string Quote(string s)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append('"');
        for (int i = 0; i < s.Length;)
        {
            int r;
            int w = 1;
            if (char.IsHighSurrogate(s[i]) && i + 1 < s.Length && char.IsLowSurrogate(s[i + 1])) { r = char.ConvertToUtf32(s[i], s[i + 1]); w = 2; }
            else if (char.IsSurrogate(s[i])) { r = 0xFFFD; }
            else r = s[i];
            i += w;
            if (r == '"' || r == '\\') { sb.Append('\\').Append((char)r); continue; }
            if (IsPrint(r)) { sb.Append(char.ConvertFromUtf32(r)); continue; }
            switch (r)
            {
                case '\a': sb.Append("\\a"); break;
                case '\b': sb.Append("\\b"); break;
                case '\f': sb.Append("\\f"); break;
                case '\n': sb.Append("\\n"); break;
                case '\r': sb.Append("\\r"); break;
                case '\t': sb.Append("\\t"); break;
                case '\v': sb.Append("\\v"); break;
                default:
                    if (r < ' ' || r == 0x7f) sb.Append("\\x").Append(r.ToString("x2", CultureInfo.InvariantCulture));
                    else if (r < 0x10000) sb.Append("\\u").Append(r.ToString("x4", CultureInfo.InvariantCulture));
                    else sb.Append("\\U").Append(r.ToString("x8", CultureInfo.InvariantCulture));
                    break;
            }
        }
        sb.Append('"');
        return sb.ToString();
    }

    /// <summary>Approximates unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space.</summary>
    public static bool IsPrint(int r)
    {
        if (r < 0x80) return r >= 0x20 && r < 0x7f;
        if (r == 0xFFFD) return true;
        var cat = CharUnicodeInfo.GetUnicodeCategory(r);
        return cat switch
        {
            UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter or UnicodeCategory.TitlecaseLetter or
            UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter or UnicodeCategory.NonSpacingMark or
            UnicodeCategory.SpacingCombiningMark or UnicodeCategory.EnclosingMark or UnicodeCategory.DecimalDigitNumber or
            UnicodeCategory.LetterNumber or UnicodeCategory.OtherNumber or UnicodeCategory.ConnectorPunctuation or
            UnicodeCategory.DashPunctuation or UnicodeCategory.OpenPunctuation or UnicodeCategory.ClosePunctuation or
            UnicodeCategory.InitialQuotePunctuation or UnicodeCategory.FinalQuotePunctuation or UnicodeCategory.OtherPunctuation or
            UnicodeCategory.MathSymbol or UnicodeCategory.CurrencySymbol or UnicodeCategory.ModifierSymbol or UnicodeCategory.OtherSymbol => true,
            _ => false,
        };
    }
}

/// <summary>Object printing (models go/types object.go writeObject, packagePrefix, writeFuncName).</summary>
internal static class ObjectWriter
{
    public static string PackagePrefix(Package? pkg, Qualifier? qf)
    {
        if (pkg is null) return "";
        var s = qf is not null ? qf(pkg) : pkg.Path;
        return s != "" ? s + "." : "";
    }

    public static string FuncFullName(Func f, Qualifier? qf)
    {
        var sb = new StringBuilder();
        WriteFuncName(sb, f, qf);
        return sb.ToString();
    }

    public static void WriteFuncName(StringBuilder buf, Func f, Qualifier? qf)
    {
        if (f.Type is Signature sig)
        {
            if (sig.Recv is { } recv)
            {
                buf.Append('(');
                if (recv.Type is Interface) buf.Append("interface");
                else new TypeWriter(buf, qf).Typ(recv.Type);
                buf.Append(')').Append('.');
            }
            else if (f.Pkg is not null)
            {
                buf.Append(PackagePrefix(f.Pkg, qf));
            }
        }
        buf.Append(f.Name);
    }

    public static void WriteObject(StringBuilder buf, GoObject obj, Qualifier? qf)
    {
        TypeName? tname = null;
        var typ = obj.Type;
        switch (obj)
        {
            case PkgName p:
                buf.Append("package ").Append(p.Name);
                if (p.Imported.Path is var path && path != "" && path != p.Name)
                    buf.Append(" (").Append(GoQuote.Quote(path)).Append(')');
                return;
            case Const:
                buf.Append("const");
                break;
            case TypeName tn:
                tname = tn;
                buf.Append("type");
                if (typ is TypeParam) buf.Append(" parameter");
                break;
            case Var v:
                buf.Append(v.IsField ? "field" : "var");
                break;
            case Func f:
                buf.Append("func ");
                WriteFuncName(buf, f, qf);
                if (typ is Signature s) new TypeWriter(buf, qf).Signature(s);
                return;
            case Label:
                buf.Append("label");
                typ = null;
                break;
            case Builtin:
                buf.Append("builtin");
                typ = null;
                break;
            case Nil:
                buf.Append("nil");
                return;
            default:
                throw new InvalidOperationException($"writeObject({obj.GetType().Name})");
        }

        buf.Append(' ');
        if (obj.Pkg is not null && ReferenceEquals(obj.Pkg.Scope.Lookup(obj.Name), obj))
            buf.Append(PackagePrefix(obj.Pkg, qf));
        buf.Append(obj.Name);

        if (typ is null) return;

        if (tname is not null)
        {
            switch (typ)
            {
                case Basic:
                    return;
                case Named n when n.TypeParams.Len > 0:
                    new TypeWriter(buf, qf).TParamList(n.TypeParams.List);
                    break;
                case Alias a when a.TypeParams.Len > 0:
                    new TypeWriter(buf, qf).TParamList(a.TypeParams.List);
                    break;
            }
            if (tname.IsAlias)
            {
                buf.Append(" =");
                if (typ is Alias al) typ = al.Rhs;
            }
            else if (typ is TypeParam tp)
            {
                typ = tp.Constraint;
            }
            else
            {
                typ = typ.Underlying();
            }
        }

        if (obj.Name == "any" && ReferenceEquals(obj.Parent, Universe.Scope))
            typ = Interface.Empty;

        buf.Append(' ');
        new TypeWriter(buf, qf).Typ(typ);
    }
}
