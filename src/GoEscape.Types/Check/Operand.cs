using System.Text;
using GoEscape.Syntax;
using GoEscape.Types.Constant;

namespace GoEscape.Types;

/// <summary>Operand modes (types2 operandMode; same order as ExprMode).</summary>
internal enum OperandMode : byte { Invalid, NoValue, Builtin, TypeExpr, Constant, Variable, MapIndex, Value, NilValue, CommaOk, CommaErr }

/// <summary>An operand of an expression being checked (models types2.operand).</summary>
internal sealed class Operand
{
    public OperandMode Mode;
    public Expr? Expr;
    public GoType Type = Universe.Invalid;
    public ConstValue? Val;
    public BuiltinId Id;

    public bool IsValid => Mode != OperandMode.Invalid;
    public void Invalidate() => Mode = OperandMode.Invalid;
    public bool IsNil => Mode == OperandMode.NilValue;

    public Operand Clone() => (Operand)MemberwiseClone();

    public void CopyFrom(Operand o)
    {
        Mode = o.Mode; Expr = o.Expr; Type = o.Type; Val = o.Val; Id = o.Id;
    }

    private static readonly string[] ModeStrings =
    [
        "invalid operand", "no value", "built-in", "type", "constant", "variable", "map index expression", "value",
        "nil", "comma, ok expression", "comma, error expression",
    ];

    /// <summary>models types2.operandString</summary>
    public string Format(Qualifier? qf)
    {
        if (Mode == OperandMode.NilValue)
        {
            if (Type is Basic { Kind: BasicKind.Invalid }) return "nil (with invalid type)";
            if (Type is Basic { Kind: BasicKind.UntypedNil }) return "nil";
            return $"nil (of type {GoTypes.TypeString(Type, qf)})";
        }
        var buf = new StringBuilder();
        string expr = "";
        if (Expr != null) expr = Checker.ExprString(Expr);
        else
        {
            expr = Mode switch
            {
                OperandMode.Builtin => Universe.BuiltinInfo(Id).Name,
                OperandMode.TypeExpr => GoTypes.TypeString(Type, qf),
                OperandMode.Constant => Val?.ToString() ?? "",
                _ => "",
            };
        }
        if (expr != "") buf.Append(expr).Append(" (");
        bool hasType = false;
        switch (Mode)
        {
            case OperandMode.Invalid or OperandMode.NoValue or OperandMode.Builtin or OperandMode.TypeExpr:
                break;
            default:
                if (Checker.IsUntyped(Type)) { buf.Append(((Basic)Type).Name).Append(' '); break; }
                hasType = true;
                break;
        }
        buf.Append(ModeStrings[(int)Mode]);
        if (Mode == OperandMode.Constant && Val != null)
        {
            var s = Val.ToString();
            if (s != expr) buf.Append(' ').Append(s);
        }
        if (hasType)
        {
            if (Checker.IsValidType(Type))
            {
                string desc = Checker.IsGeneric(Type) ? "generic " : "";
                var tpar = Checker.Unalias(Type) as TypeParam;
                if (tpar == null && Type is Alias or Named)
                {
                    string what = Checker.CompositeKind(Type);
                    if (what == "") what = (Type.Underlying() as Basic)?.Name ?? "";
                    desc += what + " ";
                }
                buf.Append(" of ").Append(desc).Append("type ").Append(GoTypes.TypeString(Type, qf));
                if (tpar != null)
                {
                    buf.Append(" constrained by ").Append(GoTypes.TypeString(tpar.Constraint ?? Universe.Invalid, qf));
                    if (tpar.Iface().TypeSet().Terms.IsEmpty) buf.Append(" with empty type set");
                }
            }
            else buf.Append(" with invalid type");
        }
        if (expr != "") buf.Append(')');
        return buf.ToString();
    }

    public override string ToString() => Format(null);
}

public sealed partial class Checker
{
    // ------------------------------------------------------------------------------------------------
    // Operand-level predicates (models types2 operand.go assignableTo)

    /// <summary>models types2.(*operand).assignableTo</summary>
    internal bool AssignableTo(Operand x, GoType T, ref string? cause)
    {
        if (!x.IsValid || !IsValidType(T)) return true;
        var origT = T;
        var V = Unalias(x.Type);
        T = Unalias(T);
        if (GoTypes.Identical(V, T)) return true;
        var Vu = V.Underlying();
        var Tu = T.Underlying();
        var Vp = V as TypeParam;
        var Tp = T as TypeParam;

        if (IsUntyped(Vu))
        {
            if (Tp != null)
            {
                return TypeParamIs(Tp, t => t != null && ImplicitTypeAndValue(x, t.Type!).Type != null);
            }
            return ImplicitTypeAndValue(x, T).Type != null;
        }
        if (GoTypes.Identical(Vu, Tu) && (!HasName(V) || !HasName(T)) && Vp == null && Tp == null) return true;

        if ((Tu is Interface && Tp == null) || IsInterfacePtr(Tu))
        {
            if (Implements(V, T, false, ref cause)) return true;
            if (Vp == null) return false;
            cause = "";
        }
        if (Vu is Interface && Vp == null)
        {
            string? dummy = null;
            if (Implements(T, V, false, ref dummy))
            {
                cause = "need type assertion";
                return false;
            }
        }
        if (Vu is Chan { Dir: ChanDir.SendRecv } vc && Tu is Chan tc && GoTypes.Identical(vc.Elem, tc.Elem))
            return !HasName(V) || !HasName(T);

        if (Vp == null && Tp == null) return false;

        string? c = cause;
        void Errorf(string msg)
        {
            if (c != null) { if (c != "") msg += "\n\t" + c; c = msg; }
        }
        if (!HasName(V) && Tp != null)
        {
            bool ok = false;
            TypeParamIs(Tp, t =>
            {
                if (t == null) return false;
                string? cc = c;
                ok = AssignableTo(x, t.Type!, ref cc);
                c = cc;
                if (!ok) { Errorf($"cannot assign {TS(x.Type)} to {TS(t.Type!)} (in {TS(Tp)})"); return false; }
                return true;
            });
            cause = c;
            return ok;
        }
        if (Vp != null && !HasName(T))
        {
            var x2 = x.Clone();
            bool ok = false;
            TypeParamIs(Vp, v =>
            {
                if (v == null) return false;
                x2.Type = v.Type!;
                string? cc = c;
                ok = AssignableTo(x2, T, ref cc);
                c = cc;
                if (!ok) { Errorf($"cannot assign {TS(v.Type!)} (in {TS(Vp)}) to {TS(origT)}"); return false; }
                return true;
            });
            cause = c;
            return ok;
        }
        return false;
    }

    /// <summary>models types2.(*TypeParam).is: calls f for each specific term (null for "all types").</summary>
    internal static bool TypeParamIs(TypeParam tp, Func<TypeTerm?, bool> f) => tp.Iface().TypeSet().Is(f);

    /// <summary>models types2.(*TypeParam).typeset: calls f for each term with its underlying type.</summary>
    internal static bool TypeParamTypeset(TypeParam tp, Func<GoType?, GoType?, bool> f) => tp.Iface().TypeSet().All(f);

    internal string TS(GoType t) => GoTypes.TypeString(t, Qf);

    internal string OpString(Operand x) => x.Format(Qf);

    /// <summary>models types2.(*Checker).qualifier: omit the current package; use the package name otherwise
    /// (the path if the name is ambiguous among imports).</summary>
    internal string Qf(Package p)
    {
        if (ReferenceEquals(p, _pkg)) return "";
        if (_pkgPathMap == null)
        {
            _pkgPathMap = new Dictionary<string, HashSet<string>>();
            var seen = new HashSet<Package>(ReferenceEqualityComparer.Instance);
            void Walk(Package q)
            {
                if (!seen.Add(q)) return;
                if (!_pkgPathMap.TryGetValue(q.Name, out var set)) _pkgPathMap[q.Name] = set = new HashSet<string>();
                set.Add(q.Path);
                foreach (var i in q.Imports) Walk(i);
            }
            Walk(_pkg);
            foreach (var pn in _imports) Walk(pn.Imported);
        }
        if (_pkgPathMap.TryGetValue(p.Name, out var paths) && paths.Count > 1) return "\"" + p.Path + "\"";
        return p.Name;
    }

    private Dictionary<string, HashSet<string>>? _pkgPathMap;
}
