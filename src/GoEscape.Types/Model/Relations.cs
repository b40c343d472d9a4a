namespace GoEscape.Types;

/// <summary>Assignability, convertibility and interface satisfaction (models types2 operand.assignableTo,
/// conversions.convertibleTo, instantiate.implements, expr.implicitTypeAndValue for non-constant values).</summary>
public static class Relations
{
    /// <summary>Whether an untyped non-constant value of type x (untyped bool/numeric/nil) may be implicitly converted to
    /// target (models implicitTypeAndValue for x.mode != constant_). Returns the resulting type or null.</summary>
    public static GoType? ImplicitType(GoType x, GoType target)
    {
        if (!Predicates.IsValid(x) || Predicates.IsTyped(x) || !Predicates.IsValid(target)) return x;
        if (Predicates.IsUntyped(target)) return Predicates.MaxType(x, target);
        if (x is Basic { Kind: BasicKind.UntypedNil }) return Predicates.HasNil(target) ? target : null;
        switch (target.Underlying())
        {
            case Basic:
                switch (((Basic)x).Kind)
                {
                    case BasicKind.UntypedBool: if (!Predicates.IsBoolean(target)) return null; break;
                    case BasicKind.UntypedInt or BasicKind.UntypedRune or BasicKind.UntypedFloat or BasicKind.UntypedComplex:
                        if (!Predicates.IsNumeric(target)) return null; break;
                    case BasicKind.UntypedString: if (!Predicates.IsString(target)) return null; break;
                    default: return null;
                }
                break;
            case Interface u:
                if (Predicates.IsTypeParam(target))
                {
                    if (!Predicates.UnderIs(target, uu => uu is not null && ImplicitType(x, uu) is not null)) return null;
                    break;
                }
                if (!u.IsEmpty) return null;
                return GoTypes.Default(x);
            default:
                return null;
        }
        return target;
    }

    /// <summary>Models operand.assignableTo for a value of type V. untypedOk decides for untyped V whether it can be
    /// implicitly converted to a given target (the checker passes representability for constants); default: ImplicitType.</summary>
    public static bool AssignableTo(GoType V0, GoType T0, Cause? cause, Func<GoType, bool>? untypedOk = null)
    {
        if (!Predicates.IsValid(V0) || !Predicates.IsValid(T0)) return true;
        var origT = T0;
        var V = GoTypes.Unalias(V0);
        var T = GoTypes.Unalias(T0);
        if (GoTypes.Identical(V, T)) return true;
        var Vu = V.Underlying();
        var Tu = T.Underlying();
        var Vp = V as TypeParam;
        var Tp = T as TypeParam;
        untypedOk ??= target => ImplicitType(V, target) is not null;

        if (Predicates.IsUntyped(Vu))
        {
            if (Tp is not null) return Tp.Iface().TypeSet().Is(t => t is not null && untypedOk(t.Type!));
            return untypedOk(T);
        }

        if (GoTypes.Identical(Vu, Tu) && (!Predicates.HasName(V) || !Predicates.HasName(T)) && Vp is null && Tp is null) return true;

        if ((Tu is Interface && Tp is null) || LookupUtil.IsInterfacePtr(Tu))
        {
            if (Implements(V, T, false, cause, null)) return true;
            if (Vp is null) return false;
            if (cause is not null) cause.Message = "";
        }

        if (Vu is Interface && Vp is null)
        {
            if (Implements(T, V, false, null, null))
            {
                if (cause is not null) cause.Message = "need type assertion";
                return false;
            }
        }

        if (Vu is Chan { Dir: ChanDir.SendRecv } Vc && Tu is Chan Tc && GoTypes.Identical(Vc.Elem, Tc.Elem))
            return !Predicates.HasName(V) || !Predicates.HasName(T);

        if (Vp is null && Tp is null) return false;

        void Errorf(string format, params object[] args)
        {
            if (cause is null) return;
            var msg = cause.Sprintf(format, args);
            if (cause.Message != "") msg += "\n\t" + cause.Message;
            cause.Message = msg;
        }

        if (!Predicates.HasName(V) && Tp is not null)
        {
            bool ok = false;
            Tp.Iface().TypeSet().Is(term =>
            {
                if (term is null) return false;
                ok = AssignableTo(V0, term.Type!, cause, untypedOk);
                if (!ok) { Errorf("cannot assign %s to %s (in %s)", V0, term.Type!, Tp); return false; }
                return true;
            });
            return ok;
        }

        if (Vp is not null && !Predicates.HasName(T))
        {
            bool ok = false;
            Vp.Iface().TypeSet().Is(term =>
            {
                if (term is null) return false;
                ok = AssignableTo(term.Type!, T0, cause, untypedOk);
                if (!ok) { Errorf("cannot assign %s (in %s) to %s", term.Type!, Vp, origT); return false; }
                return true;
            });
            return ok;
        }
        return false;
    }

    private static bool IsUintptr(GoType t) => t.Underlying() is Basic { Kind: BasicKind.Uintptr };
    private static bool IsUnsafePointer(GoType t) => t.Underlying() is Basic { Kind: BasicKind.UnsafePointer };
    private static bool IsPointer(GoType t) => t.Underlying() is Pointer;
    private static bool IsBytesOrRunes(GoType t) =>
        t.Underlying() is Slice s && s.Elem.Underlying() is Basic { Kind: BasicKind.Byte or BasicKind.Rune };

    /// <summary>Models operand.convertibleTo for a non-constant value of type V (constant conversions are the checker's).</summary>
    public static bool ConvertibleTo(GoType V0, GoType T0, Cause? cause, Func<GoType, bool>? untypedOk = null)
    {
        if (AssignableTo(V0, T0, cause, untypedOk)) return true;
        var origT = T0;
        var V = GoTypes.Unalias(V0);
        var T = GoTypes.Unalias(T0);
        var Vu = V.Underlying();
        var Tu = T.Underlying();
        var Vp = V as TypeParam;
        var Tp = T as TypeParam;

        if (GoTypes.IdenticalIgnoreTags(Vu, Tu) && Vp is null && Tp is null) return true;
        if (V is Pointer vp && T is Pointer tp &&
            GoTypes.IdenticalIgnoreTags(vp.Elem.Underlying(), tp.Elem.Underlying()) &&
            !Predicates.IsTypeParam(vp.Elem) && !Predicates.IsTypeParam(tp.Elem)) return true;
        if (Predicates.IsIntegerOrFloat(Vu) && Predicates.IsIntegerOrFloat(Tu)) return true;
        if (Predicates.IsComplex(Vu) && Predicates.IsComplex(Tu)) return true;
        if ((Predicates.IsInteger(Vu) || IsBytesOrRunes(Vu)) && Predicates.IsString(Tu)) return true;
        if (Predicates.IsString(Vu) && IsBytesOrRunes(Tu)) return true;
        if ((IsPointer(Vu) || IsUintptr(Vu)) && IsUnsafePointer(Tu)) return true;
        if (IsUnsafePointer(Vu) && (IsPointer(Tu) || IsUintptr(Tu))) return true;
        if (Vu is Slice s)
        {
            switch (Tu)
            {
                case Array a when GoTypes.Identical(s.Elem, a.Elem): return true;
                case Pointer p when p.Elem.Underlying() is Array a2 && GoTypes.Identical(s.Elem, a2.Elem): return true;
            }
        }
        if (Vp is null && Tp is null) return false;

        void Errorf(string format, params object[] args)
        {
            if (cause is null) return;
            var msg = cause.Sprintf(format, args);
            if (cause.Message != "") msg += "\n\t" + cause.Message;
            cause.Message = msg;
        }

        if (Vp is not null && Tp is not null)
        {
            return Vp.Iface().TypeSet().Is(vt =>
            {
                if (vt is null) return false;
                return Tp.Iface().TypeSet().Is(tt =>
                {
                    if (tt is null) return false;
                    if (!ConvertibleTo(vt.Type!, tt.Type!, cause, untypedOk))
                    {
                        Errorf("cannot convert %s (in %s) to type %s (in %s)", vt.Type!, Vp, tt.Type!, Tp);
                        return false;
                    }
                    return true;
                });
            });
        }
        if (Vp is not null)
        {
            return Vp.Iface().TypeSet().Is(vt =>
            {
                if (vt is null) return false;
                if (!ConvertibleTo(vt.Type!, T0, cause, untypedOk))
                {
                    Errorf("cannot convert %s (in %s) to type %s", vt.Type!, Vp, origT);
                    return false;
                }
                return true;
            });
        }
        return Tp!.Iface().TypeSet().Is(tt =>
        {
            if (tt is null) return false;
            if (!ConvertibleTo(V0, tt.Type!, cause, untypedOk))
            {
                Errorf("cannot convert %s to type %s (in %s)", V0, tt.Type!, Tp);
                return false;
            }
            return true;
        });
    }

    /// <summary>Models Checker.implements: whether V implements T (constraint: satisfies). allowComparable20 decides
    /// whether spec-comparable (non-strict) types satisfy comparable (go1.20+); null means yes.</summary>
    public static bool Implements(GoType V, GoType T, bool constraint, Cause? cause, Func<bool>? allowGo120)
    {
        var Vu = V.Underlying();
        var Tu = T.Underlying();
        if (!Predicates.IsValid(Vu) || !Predicates.IsValid(Tu)) return true;
        if (Vu is Pointer p && !Predicates.IsValid(p.Elem.Underlying())) return true;

        var verb = constraint ? "satisfy" : "implement";
        if (Tu is not Interface Ti)
        {
            if (cause is not null)
            {
                var detail = LookupUtil.IsInterfacePtr(Tu)
                    ? LookupUtil.InterfacePtrError(T, cause)
                    : cause.Sprintf("%s is not an interface", T);
                cause.Message = cause.Sprintf("%s does not " + verb + " %s", V, T) + " (" + detail + ")";
            }
            return false;
        }
        if (Ti.IsEmpty) return true;
        var Vi = Vu as Interface;
        if (Vi is not null && Vi.TypeSet().IsEmpty) return true;
        if (Ti.TypeSet().IsEmpty)
        {
            if (cause is not null) cause.Message = cause.Sprintf("cannot " + verb + " %s (empty type set)", T);
            return false;
        }

        if (!LookupUtil.HasAllMethods(V, T, true, GoTypes.Identical, cause))
        {
            if (cause is not null) cause.Message = cause.Sprintf("%s does not " + verb + " %s ", V, T) + cause.Message;
            return false;
        }

        bool CheckComparability()
        {
            if (!Ti.IsComparable()) return true;
            if (Predicates.ComparableType(V, false, null) is null) return true;
            if (constraint && Predicates.ComparableType(V, true, null) is null)
            {
                if (allowGo120 is null || allowGo120()) return true;
                if (cause is not null) cause.Message = cause.Sprintf("%s to " + verb + " comparable requires go1.20 or later", V);
                return false;
            }
            if (cause is not null) cause.Message = cause.Sprintf("%s does not " + verb + " comparable", V);
            return false;
        }

        if (!Ti.TypeSet().HasTerms) return CheckComparability();

        if (Vi is not null)
        {
            if (!Vi.TypeSet().SubsetOf(Ti.TypeSet()))
            {
                if (cause is not null) cause.Message = cause.Sprintf("%s does not " + verb + " %s", V, T);
                return false;
            }
            return CheckComparability();
        }

        GoType? alt = null;
        if (Ti.TypeSet().Is(t =>
        {
            if (!t!.Includes(V))
            {
                if (alt is null && !t.Tilde && GoTypes.Identical(t.Type, t.Type!.Underlying()))
                {
                    if (new TypeTerm(true, t.Type).Includes(V)) alt = t.Type;
                }
                return true;
            }
            return false;
        }))
        {
            if (cause is not null)
            {
                string detail;
                if (alt is not null) detail = cause.Sprintf("possibly missing ~ for %s in %s", alt, T);
                else if (Mentions(Ti, V)) detail = cause.Sprintf("%s mentions %s, but %s is not in the type set of %s", T, V, V, T);
                else detail = cause.Sprintf("%s missing in ", V) + TermListString(Ti.TypeSet().Terms, cause.Qualifier);
                cause.Message = cause.Sprintf("%s does not " + verb + " %s", V, T) + " (" + detail + ")";
            }
            return false;
        }
        return CheckComparability();
    }

    private static string TermListString(TermList tl, Qualifier? qf)
    {
        if (tl.IsEmpty) return "∅";
        var parts = new List<string>();
        foreach (var t in tl.Terms)
            parts.Add(t.Type is null ? "𝓤" : (t.Tilde ? "~" : "") + GoTypes.TypeString(t.Type, qf));
        return string.Join(" | ", parts);
    }

    private static bool Mentions(GoType T, GoType typ)
    {
        switch (T)
        {
            case Interface i:
                foreach (var e in i.Embeddeds) if (Mentions(e, typ)) return true;
                return false;
            case Union u:
                foreach (var t in u.Terms) if (Mentions(t.Type, typ)) return true;
                return false;
            default:
                return GoTypes.Identical(T, typ);
        }
    }
}

public static partial class GoTypes
{
    /// <summary>Models types.AssignableTo (non-constant value of type v).</summary>
    public static bool AssignableTo(GoType v, GoType t) => Relations.AssignableTo(v, t, null);
    public static bool AssignableTo(GoType v, GoType t, Cause? cause) => Relations.AssignableTo(v, t, cause);
    /// <summary>Models types.ConvertibleTo (non-constant value of type v).</summary>
    public static bool ConvertibleTo(GoType v, GoType t) => Relations.ConvertibleTo(v, t, null);
    public static bool ConvertibleTo(GoType v, GoType t, Cause? cause) => Relations.ConvertibleTo(v, t, cause);

    /// <summary>Models types.Implements.</summary>
    public static bool Implements(GoType v, Interface t)
    {
        if (t.IsEmpty) return true;
        if (!Predicates.IsValid(v.Underlying())) return false;
        return Relations.Implements(v, t, false, null, null);
    }
    public static bool Implements(GoType v, GoType t, bool constraint, Cause? cause) => Relations.Implements(v, t, constraint, cause, null);
    /// <summary>Models types.Satisfies.</summary>
    public static bool Satisfies(GoType v, Interface t) => Relations.Implements(v, t, true, null, null);
}
