namespace GoEscape.IR;

/// <summary>Node helpers from gc's ir package used by escape analysis.</summary>
public static class IrUtil
{
    /// <summary>Models ir.IsBlank.</summary>
    public static bool IsBlank(Node? n) => n switch
    {
        Name nm => nm.Sym.IsBlank,
        _ => false,
    };

    /// <summary>Models ir.StaticCalleeName: the statically known function of a callee expression.</summary>
    public static Name? StaticCalleeName(Node n) => n switch
    {
        SelectorExpr { Op: Op.OMETHEXPR } s => MethodExprName(s),
        Name { Class: Class.PFUNC } nm => nm,
        ClosureExpr c => c.Func.Nname,
        _ => null,
    };

    /// <summary>Models ir.MethodExprName: the PFUNC name of the method selected by ODOTMETH, OMETHVALUE or OMETHEXPR.</summary>
    public static Name? MethodExprName(Node n) => n is SelectorExpr s ? s.Selection?.Nname : null;

    /// <summary>Models ir.OuterValue: the outermost variable of x.f, x[i] (arrays), conversions.</summary>
    public static Node OuterValue(Node n)
    {
        while (true)
        {
            switch (n)
            {
                case SelectorExpr { Op: Op.ODOT } s: n = s.X; continue;
                case ParenExpr p: n = p.X; continue;
                case ConvExpr { Op: Op.OCONVNOP } c: n = c.X; continue;
                case IndexExpr { Op: Op.OINDEX } i when i.X.Type!.IsArray: n = i.X; continue;
            }
            return n;
        }
    }

    /// <summary>Models ir.IsZero.</summary>
    public static bool IsZero(Node n)
    {
        switch (n)
        {
            case NilExpr: return true;
            case BasicLit lit: return lit.Val.IsZero;
            case CompLitExpr { Op: Op.OARRAYLIT } a:
                foreach (var e in a.List)
                    if (!IsZero(e is KeyExpr k ? k.Value! : e)) return false;
                return true;
            case CompLitExpr { Op: Op.OSTRUCTLIT } s:
                foreach (var e in s.List)
                    if (!IsZero(((StructKeyExpr)e).Value)) return false;
                return true;
        }
        return false;
    }

    /// <summary>Models ir.IsNil.</summary>
    public static bool IsNil(Node n) => n.Op == Op.ONIL;

    /// <summary>Models ir.IsSmallIntConst: an int literal that fits in int32.</summary>
    public static bool IsSmallIntConst(Node? n)
        => n is BasicLit lit && lit.Val.TryInt64(out long v) && v == (int)v && lit.Val.Kind == ConstKind.Int;

    public static long Int64Val(Node n) => ((BasicLit)n).Val.TryInt64(out long v) ? v : throw new InvalidOperationException("not int64");

    /// <summary>Models ir.SameSafeExpr: same side-effect-free expression.</summary>
    public static bool SameSafeExpr(Node l, Node r)
    {
        while (l is ConvExpr { Op: Op.OCONVNOP } lc) l = lc.X;
        while (r is ConvExpr { Op: Op.OCONVNOP } rc) r = rc.X;
        if (l.Op != r.Op || !Identical(l.Type, r.Type)) return false;
        switch (l)
        {
            case Name: return l == r;
            case SelectorExpr ls when l.Op is Op.ODOT or Op.ODOTPTR:
                var rs = (SelectorExpr)r;
                return ls.Sel == rs.Sel && SameSafeExpr(ls.X, rs.X);
            case StarExpr lst: return SameSafeExpr(lst.X, ((StarExpr)r).X);
            case UnaryExpr lu when l.Op is Op.ONOT or Op.OBITNOT or Op.OPLUS or Op.ONEG:
                return SameSafeExpr(lu.X, ((UnaryExpr)r).X);
            case ConvExpr lcv when l.Op == Op.OCONV:
                return IsSimple(l.Type!) && SameSafeExpr(lcv.X, ((ConvExpr)r).X);
            case IndexExpr li:
                var ri = (IndexExpr)r;
                return SameSafeExpr(li.X, ri.X) && SameSafeExpr(li.Index, ri.Index);
            case BinaryExpr lb when l.Op is Op.OADD or Op.OSUB or Op.OOR or Op.OXOR or Op.OMUL or Op.OLSH or Op.ORSH or Op.OAND or Op.OANDNOT or Op.ODIV or Op.OMOD:
                var rb = (BinaryExpr)r;
                return SameSafeExpr(lb.X, rb.X) && SameSafeExpr(lb.Y, rb.Y);
            case BasicLit ll:
                return ll.Val.Equals(((BasicLit)r).Val);
            case NilExpr:
                return true;
        }
        return false;
    }

    private static bool IsSimple(IrType t) => t.Kind is >= Kind.TINT8 and <= Kind.TBOOL;

    /// <summary>Type identity: the lowering canonicalizes types, so identity is reference equality (plus structural for unnamed composites).</summary>
    public static bool Identical(IrType? a, IrType? b)
    {
        if (ReferenceEquals(a, b)) return true;
        if (a == null || b == null || a.Kind != b.Kind) return false;
        if (a.Sym != null || b.Sym != null) return false;
        return a.Kind switch
        {
            Kind.TPTR or Kind.TSLICE => Identical(a.Elem, b.Elem),
            Kind.TARRAY => a.NumElem == b.NumElem && Identical(a.Elem, b.Elem),
            Kind.TMAP => Identical(a.Key, b.Key) && Identical(a.Elem, b.Elem),
            Kind.TCHAN => a.ChanDir == b.ChanDir && Identical(a.Elem, b.Elem),
            _ => false,
        };
    }

    /// <summary>Models ir.IsReflectHeaderDataField: x.Data of reflect.SliceHeader/StringHeader.</summary>
    public static bool IsReflectHeaderDataField(Node l)
    {
        if (l.Type is not { Kind: Kind.TUINTPTR } || l is not SelectorExpr s) return false;
        IrSym? tsym = l.Op switch
        {
            Op.ODOT => s.X.Type!.Sym,
            Op.ODOTPTR => s.X.Type!.Elem!.Sym,
            _ => null,
        };
        if (tsym == null || s.Sel.Name != "Data" || tsym.Pkg?.Path != "reflect") return false;
        return tsym.Name is "SliceHeader" or "StringHeader";
    }

    /// <summary>Models ir.ValidTypeForConst.</summary>
    public static bool ValidTypeForConst(IrType t, IrConst v) => v.Kind switch
    {
        ConstKind.Int => t.Kind is >= Kind.TINT8 and <= Kind.TUINTPTR || t.Kind == Kind.TIDEAL,
        ConstKind.Float => t.Kind is Kind.TFLOAT32 or Kind.TFLOAT64 || t.Kind == Kind.TIDEAL,
        ConstKind.Complex => t.Kind is Kind.TCOMPLEX64 or Kind.TCOMPLEX128 || t.Kind == Kind.TIDEAL,
        ConstKind.String => t.Kind == Kind.TSTRING,
        ConstKind.Bool => t.Kind == Kind.TBOOL,
        _ => false,
    };

    /// <summary>Models ir.HasUniquePos.</summary>
    public static bool HasUniquePos(Node n) => n.Op switch
    {
        Op.ONAME => false,
        Op.OLITERAL => n is BasicLit { Sym: null } && n.Pos.IsKnown,
        _ => n.Pos.IsKnown,
    };
}
