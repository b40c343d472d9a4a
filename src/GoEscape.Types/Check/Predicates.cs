namespace GoEscape.Types;

// Type predicates used by the checker (models types2 predicates.go, under.go, parts of lookup.go and instantiate.go).
public sealed partial class Checker
{
    internal static GoType Unalias(GoType t) => t is Alias a ? a.Actual() ?? Universe.Invalid : t;

    /// <summary>types2 isValid; an alias whose RHS is not yet known (being checked) counts as valid, as in types2.</summary>
    internal static bool IsValidType(GoType? t)
    {
        if (t == null) return false;
        if (t is Alias a && a.Actual() == null) return true;
        return !ReferenceEquals(Unalias(t), Universe.Invalid);
    }

    // IsBasic, IsBoolean, IsInteger, IsUnsigned, IsFloat, IsComplex, IsNumeric, IsString, IsIntegerOrFloat and
    // IsConstType are the model's (GoEscape.Types.Predicates, imported with `using static` in Check/GlobalUsings.cs).

    /// <summary>models types2.allBasic: for type parameters, all types in the type set must satisfy info.</summary>
    internal static bool AllBasic(GoType t, BasicInfo info)
    {
        if (Unalias(t) is TypeParam tp) return TypeParamTypeset(tp, (_, u) => u != null && IsBasic(u, info));
        return IsBasic(t, info);
    }
    internal static bool AllBoolean(GoType t) => AllBasic(t, BasicInfo.IsBoolean);
    internal static bool AllInteger(GoType t) => AllBasic(t, BasicInfo.IsInteger);
    internal static bool AllUnsigned(GoType t) => AllBasic(t, BasicInfo.IsUnsigned);
    internal static bool AllNumeric(GoType t) => AllBasic(t, BasicInfo.IsNumeric);
    internal static bool AllString(GoType t) => AllBasic(t, BasicInfo.IsString);
    internal static bool AllOrdered(GoType t) => AllBasic(t, BasicInfo.IsOrdered);
    internal static bool AllNumericOrString(GoType t) => AllBasic(t, BasicInfo.IsNumeric | BasicInfo.IsString);

    internal static bool HasName(GoType t) => t is Basic or Named or TypeParam or Alias;

    internal static bool IsTypeLit(GoType t) => t is not (Named or TypeParam or Alias);

    internal static bool IsTyped(GoType t) => !IsUntyped(t);

    internal static bool IsUntypedNumeric(GoType t) => t is Basic b && (b.Info & BasicInfo.IsUntyped) != 0 && (b.Info & BasicInfo.IsNumeric) != 0;

    internal static bool IsInterface(GoType t) => t.Underlying() is Interface && Unalias(t) is not TypeParam;
    internal static bool IsNonTypeParamInterface(GoType t) => Unalias(t) is not TypeParam && t.Underlying() is Interface;
    internal static bool IsTypeParam(GoType t) => Unalias(t) is TypeParam;

    internal static bool IsGeneric(GoType t)
    {
        if (t is Alias a && a.Origin == a && a.TypeParams.Len > 0 && a.TypeArgs.Len == 0) return true;
        return Unalias(t) is Named n && n.Origin == n && n.TypeParams.Len > 0 && n.TypeArgs.Len == 0 && !n.IsInstance;
    }

    /// <summary>Models types2.isInterfacePtr: a pointer to an interface or to a type parameter (types2's IsInterface
    /// holds for type parameters).</summary>
    internal static bool IsInterfacePtr(GoType t) => t.Underlying() is Pointer p && p.Elem.Underlying() is Interface;

    internal static string CompositeKind(GoType t) => t.Underlying() switch
    {
        Basic => "",
        Array => "array",
        Slice => "slice",
        Struct => "struct",
        Pointer => "pointer",
        Signature => "func",
        Interface => "interface",
        Map => "map",
        Chan => "chan",
        Tuple => "tuple",
        Union => "union",
        _ => "",
    };

    /// <summary>models types2.Default</summary>
    internal static GoType Default(GoType t)
    {
        if (t is Basic b)
        {
            return b.Kind switch
            {
                BasicKind.UntypedBool => Universe.Typ[(int)BasicKind.Bool],
                BasicKind.UntypedInt => Universe.Typ[(int)BasicKind.Int],
                BasicKind.UntypedRune => Universe.RuneType,
                BasicKind.UntypedFloat => Universe.Typ[(int)BasicKind.Float64],
                BasicKind.UntypedComplex => Universe.Typ[(int)BasicKind.Complex128],
                BasicKind.UntypedString => Universe.Typ[(int)BasicKind.String],
                _ => t,
            };
        }
        return t;
    }

    /// <summary>models types2.maxType</summary>
    internal static GoType? MaxType(GoType x, GoType y)
    {
        if (ReferenceEquals(x, y)) return x;
        if (IsUntypedNumeric(x) && IsUntypedNumeric(y))
            return ((Basic)x).Kind > ((Basic)y).Kind ? x : y;
        return null;
    }

    /// <summary>models types2.hasNil</summary>
    internal static bool HasNil(GoType t)
    {
        switch (t.Underlying())
        {
            case Basic b: return b.Kind == BasicKind.UnsafePointer;
            case Slice or Pointer or Signature or Map or Chan: return true;
            case Interface:
                if (Unalias(t) is TypeParam tp) return TypeParamTypeset(tp, (_, u) => u != null && HasNil(u));
                return true;
        }
        return false;
    }

    /// <summary>models types2.comparableType; returns null if comparable, else a cause ("" for none).</summary>
    internal string? ComparableType(GoType T, bool dynamic, HashSet<GoType>? seen)
    {
        seen ??= new HashSet<GoType>(ReferenceEqualityComparer.Instance);
        if (!seen.Add(T)) return null;
        switch (T.Underlying())
        {
            case Basic b:
                if (b.Kind == BasicKind.UntypedNil) return "";
                return null;
            case Pointer or Chan:
                return null;
            case Struct s:
                foreach (var f in s.Fields)
                    if (ComparableType(f.Type!, dynamic, seen) != null) return $"struct containing {TS(f.Type!)} cannot be compared";
                return null;
            case Array a:
                if (ComparableType(a.Elem, dynamic, seen) != null) return $"{TS(T)} cannot be compared";
                return null;
            case Interface it:
                if ((dynamic && !IsTypeParam(T)) || it.TypeSet().IsComparable(seen)) return null;
                return it.TypeSet().Terms.IsEmpty ? "empty type set" : "incomparable types in type set";
            default:
                return "";
        }
    }

    internal bool Comparable(GoType T) => ComparableType(T, true, null) == null;

    /// <summary>models types2.underIs</summary>
    internal static bool UnderIs(GoType t, Func<GoType?, bool> f)
    {
        if (Unalias(t) is TypeParam tp) return TypeParamTypeset(tp, (_, u) => f(u));
        return f(t.Underlying());
    }

    /// <summary>models types2.commonUnder: the common underlying type of all types in t's type set; error text otherwise.</summary>
    internal (GoType? Type, string? Err) CommonUnder(GoType t, Func<GoType?, GoType?, string?>? cond = null)
    {
        if (Unalias(t) is not TypeParam tp)
        {
            var u0 = t.Underlying();
            if (cond != null && cond(t, u0) is { } e0) return (null, e0);
            return (u0, null);
        }
        GoType? ct = null, cu = null;
        string? err = null;
        TypeParamTypeset(tp, (tt, u) =>
        {
            if (cond != null && cond(tt, u) is { } e) { err = e; return false; }
            if (u == null) { err = "no specific type"; return false; }
            if (cu == null) { ct = tt; cu = u; return true; }
            if (cu is Chan chu && u is Chan ch)
            {
                if (!GoTypes.Identical(chu.Elem, ch.Elem)) { err = $"channels {TS(ct!)} and {TS(tt!)} have different element types"; return false; }
                if (chu.Dir == ch.Dir) { }
                else if (chu.Dir == ChanDir.SendRecv) { ct = tt; cu = u; }
                else if (ch.Dir != ChanDir.SendRecv) { err = $"channels {TS(ct!)} and {TS(tt!)} have conflicting directions"; return false; }
                return true;
            }
            if (!GoTypes.Identical(cu, u)) { err = $"{TS(ct!)} and {TS(tt!)} have different underlying types"; return false; }
            return true;
        });
        if (err != null) return (null, err);
        return (cu, null);
    }

    /// <summary>The common underlying type, or null (models the old types2.coreType for non-channel uses).</summary>
    internal GoType? CoreType(GoType t) => CommonUnder(t).Type;

    /// <summary>models types2.coreString: like CoreType but treats []byte|string as string.</summary>
    internal GoType? CoreString(GoType t)
    {
        if (Unalias(t) is not TypeParam tp) return t.Underlying();
        GoType? su = null;
        bool hasString = false;
        bool ok = TypeParamTypeset(tp, (_, u) =>
        {
            if (u == null) return false;
            if (IsString(u)) { u = Universe.Typ[(int)BasicKind.String].Underlying(); hasString = true; }
            if (su == null) { su = u; return true; }
            if (IsString(su) && u is Slice { Elem: var e } && IsByte(e)) return true;
            if (su is Slice { Elem: var e2 } && IsByte(e2) && IsString(u)) { su = u; return true; }
            return GoTypes.Identical(su, u);
        });
        if (!ok) return null;
        if (hasString) return Universe.Typ[(int)BasicKind.String];
        return su;
    }

    internal static bool IsByte(GoType t) => t.Underlying() is Basic { Kind: BasicKind.Uint8 };

    /// <summary>models types2.deref</summary>
    internal static (GoType, bool) Deref(GoType t)
    {
        if (Unalias(t) is Pointer p) return (p.Elem, true);
        return (t, false);
    }

    internal static GoType DerefStructPtr(GoType t)
    {
        if (t.Underlying() is Pointer p && p.Elem.Underlying() is Struct) return p.Elem;
        return t;
    }

    // ------------------------------------------------------------------------------------------------
    // Interface satisfaction (models types2.(*Checker).implements / missingMethod)

    internal bool Implements(GoType V, GoType T, bool constraint, ref string? cause)
    {
        var Vu = V.Underlying();
        var Tu = T.Underlying();
        if (!IsValidType(Vu) || !IsValidType(Tu)) return true;
        if (Vu is Pointer p && !IsValidType(p.Elem.Underlying())) return true;
        string verb = constraint ? "satisfy" : "implement";
        if (Tu is not Interface Ti)
        {
            if (cause != null)
            {
                string detail = IsInterfacePtr(Tu) ? InterfacePtrError(T) : $"{TS(T)} is not an interface";
                cause = $"{TS(V)} does not {verb} {TS(T)} ({detail})";
            }
            return false;
        }
        if (Ti.IsEmpty) return true;
        var Vi = Vu as Interface;
        if (Vi != null && Vi.TypeSet().Terms.IsEmpty) return true;
        if (Ti.TypeSet().Terms.IsEmpty)
        {
            if (cause != null) cause = $"cannot {verb} {TS(T)} (empty type set)";
            return false;
        }
        string? mcause = cause != null ? "" : null;
        var (m, _) = MissingMethod(V, Ti, true, ref mcause);
        if (m != null && !HasInvalidEmbeddedFields(V, null))
        {
            if (cause != null) cause = $"{TS(V)} does not {verb} {TS(T)} {mcause}";
            return false;
        }
        bool CheckComparability(ref string? cause2)
        {
            if (!Ti.IsComparable()) return true;
            if (ComparableType(V, false, null) == null) return true;
            if (constraint && ComparableType(V, true, null) == null) return true;
            if (cause2 != null) cause2 = $"{TS(V)} does not {verb} comparable";
            return false;
        }
        var ts = Ti.TypeSet();
        if (ts.Terms.IsEmpty || ts.Terms.IsAll) return CheckComparability(ref cause);
        if (Vi != null)
        {
            if (!Vi.TypeSet().SubsetOf(ts))
            {
                if (cause != null) cause = $"{TS(V)} does not {verb} {TS(T)}";
                return false;
            }
            return CheckComparability(ref cause);
        }
        GoType? alt = null;
        if (ts.Is(t =>
        {
            if (t == null || !t.Includes(V))
            {
                if (t != null && alt == null && !t.Tilde && GoTypes.Identical(t.Type!, t.Type!.Underlying()))
                {
                    var tt = new TypeTerm(true, t.Type);
                    if (tt.Includes(V)) alt = t.Type;
                }
                return true;
            }
            return false;
        }))
        {
            if (cause != null)
            {
                string detail = alt != null ? $"possibly missing ~ for {TS(alt)} in {TS(T)}" : $"{TS(V)} missing in {ts.Terms}";
                cause = $"{TS(V)} does not {verb} {TS(T)} ({detail})";
            }
            return false;
        }
        return CheckComparability(ref cause);
    }

    /// <summary>Models types2.Checker.interfacePtrError.</summary>
    internal string InterfacePtrError(GoType T) => IsTypeParam(((Pointer)T.Underlying()).Elem)
        ? $"type {TS(T)} is pointer to type parameter, not type parameter"
        : $"type {TS(T)} is pointer to interface, not interface";

    private static bool HasInvalidEmbeddedFields(GoType T, HashSet<Struct>? seen)
    {
        if (DerefStructPtr(T).Underlying() is Struct s)
        {
            seen ??= new HashSet<Struct>(ReferenceEqualityComparer.Instance);
            if (!seen.Add(s)) return false;
            foreach (var f in s.Fields)
                if (f.Embedded && (!IsValidType(f.Type) || HasInvalidEmbeddedFields(f.Type!, seen))) return true;
        }
        return false;
    }

    /// <summary>models types2.(*Checker).missingMethod with equivalent = Identical.</summary>
    internal (Func? Method, bool WrongType) MissingMethod(GoType V, Interface T, bool isStatic, ref string? cause)
    {
        var methods = T.AllMethods;
        if (methods.Count == 0) return (null, false);
        int state = 0; // 0 ok, 1 notFound, 2 wrongName, 3 unexported, 4 wrongSig, 5 ambigSel, 6 ptrRecv, 7 field
        Func? m = null, f = null;
        if (V.Underlying() is Interface u)
        {
            var tset = u.TypeSet();
            foreach (var mm in methods)
            {
                m = mm;
                (_, f) = tset.LookupMethod(m.Pkg, m.Name, false);
                if (f == null)
                {
                    if (!isStatic) continue;
                    state = 1; break;
                }
                if (!GoTypes.Identical(f.Type!, m.Type!)) { state = 4; break; }
            }
        }
        else
        {
            foreach (var mm in methods)
            {
                m = mm;
                var (obj, index, indirect) = LookupUtil.LookupFieldOrMethod(V, false, m.Pkg, m.Name, false);
                if (obj == null)
                {
                    if (index != null) state = 5;
                    else if (indirect) state = 6;
                    else
                    {
                        state = 1;
                        var (o2, _, _) = LookupUtil.LookupFieldOrMethod(V, false, m.Pkg, m.Name, true);
                        f = o2 as Func;
                        if (f != null) state = f.Name == m.Name ? 3 : 2;
                    }
                    break;
                }
                f = obj as Func;
                if (f == null) { state = 7; break; }
                ObjDecl(f);
                if (!GoTypes.Identical(f.Type!, m.Type!)) { state = 4; break; }
            }
        }
        if (state == 0) return (null, false);
        if (cause != null && m != null)
        {
            // types2 missingMethod: f may be formatted below, so it must have a fully set-up signature
            if (f != null) ObjDecl(f);
            cause = state switch
            {
                1 => IsInterfacePtr(V) ? "(" + InterfacePtrError(V) + ")" : IsInterfacePtr(T) ? "(" + InterfacePtrError(T) + ")" : $"(missing method {m.Name})",
                2 => $"(missing method {m.Name})\n\t\thave {FuncString(f!, false)}\n\t\twant {FuncString(m, false)}",
                3 => $"(unexported method {m.Name})",
                4 => WrongSig(f!, m),
                5 => $"(ambiguous selector {TS(V)}.{m.Name})",
                6 => $"(method {m.Name} has pointer receiver)",
                7 => $"({TS(V)}.{m.Name} is a field, not a method)",
                _ => "",
            };
        }
        return (m, state is 4 or 6);
    }

    private string WrongSig(Func f, Func m)
    {
        string fs = FuncString(f, false), ms = FuncString(m, false);
        if (fs == ms) { fs = FuncString(f, true); ms = FuncString(m, true); }
        if (fs == ms) return $"(wrong type for method {m.Name})";
        return $"(wrong type for method {m.Name})\n\t\thave {fs}\n\t\twant {ms}";
    }

    private string FuncString(Func f, bool pkgInfo)
    {
        var sb = new System.Text.StringBuilder(f.Name);
        Qualifier qf = pkgInfo ? p => p.Path : Qf;
        if (f.Type is Signature sig) GoTypes.WriteSignature(sb, sig, qf);
        else sb.Append("()"); // signature still being set up (a declaration cycle, reported elsewhere)
        return sb.ToString();
    }

    /// <summary>models types2.(*Checker).assertableTo</summary>
    internal bool AssertableTo(GoType V, GoType T, ref string? cause)
    {
        if (IsInterface(T)) return true;
        var (m, _) = MissingMethod(T, (Interface)V.Underlying(), false, ref cause);
        return m == null;
    }
}
