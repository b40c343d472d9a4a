using GoEscape.IR;

namespace GoEscape.Escape;

/// <summary>Helpers of escape analysis (escape/utils.go).</summary>
public static class Utils
{
    /// <summary>Maximum size of a variable allocated on the stack (ir.MaxStackVarSize; 64 KiB under -smallframes, see gc.Main).</summary>
    public static long MaxStackVarSize(bool smallFrames) => smallFrames ? 64 * 1024 : 128 * 1024;
    /// <summary>Maximum size of implicit variables (new, &amp;T{}, make, closures) allocated on the stack (ir.MaxImplicitStackVarSize; 16 KiB under -smallframes).</summary>
    public static long MaxImplicitStackVarSize(bool smallFrames) => smallFrames ? 16 * 1024 : 64 * 1024;

    /// <summary>
    /// Models escape.HeapAllocReason: why n must be heap allocated regardless of flows, or "".
    /// Since Go 1.25 a non-constant make([]T, n) is no longer forced to the heap (the backend uses a small
    /// stack buffer when n is small), so only constant sizes are checked here.
    /// </summary>
    public static string HeapAllocReason(Node? n, bool smallFrames = false)
    {
        if (n?.Type == null) return "";
        long maxStack = MaxStackVarSize(smallFrames), maxImplicit = MaxImplicitStackVarSize(smallFrames);

        // Parameters are always passed via the stack.
        if (n is Name { Class: Class.PPARAM or Class.PPARAMOUT }) return "";

        if (n.Type.Size > maxStack) return "too large for stack";
        if (n.Type.Alignment > IrType.PtrSize) return "too aligned for stack";

        if (n.Op is Op.ONEW or Op.OPTRLIT && n.Type.Elem!.Size > maxImplicit) return "too large for stack";
        if (n.Op is Op.ONEW or Op.OPTRLIT && n.Type.Elem!.Alignment > IrType.PtrSize) return "too aligned for stack";

        if (n is ClosureExpr clo && ClosureTypeSize(clo) > maxImplicit) return "too large for stack";
        if (n is SelectorExpr { Op: Op.OMETHVALUE } mv && MethodValueTypeSize(mv) > maxImplicit) return "too large for stack";

        if (n is MakeExpr { Op: Op.OMAKESLICE } mk)
        {
            var r = mk.Cap ?? mk.Len;
            var elem = n.Type.Elem!;
            if (elem.Size == 0)
            {
                // TODO: stack allocate these? See issue 65685.
                return "zero-sized element";
            }
            if (!IrUtil.IsSmallIntConst(r))
            {
                // For non-constant sizes, we do a hybrid approach: if the size is small enough, use a stack
                // buffer; otherwise the backend allocates on the heap.
                return "";
            }
            // Check that the size is small enough for stack allocation.
            if (IrUtil.Int64Val(r!) > maxImplicit / elem.Size) return "too large for stack";
        }
        return "";
    }

    /// <summary>Size of typecheck.ClosureType: struct { F uintptr; captured vars (by value, or pointers) }.</summary>
    private static long ClosureTypeSize(ClosureExpr clo)
    {
        var fields = new List<Field> { new(null, IrType.Uintptr) };
        foreach (var v in clo.Func.ClosureVars)
        {
            var t = v.Type!;
            if (!v.Byval) t = IrType.NewPtr(t);
            fields.Add(new Field(v.Sym, t));
        }
        return IrType.NewStruct(fields).Size;
    }

    /// <summary>Size of typecheck.MethodValueType: struct { F uintptr; R recvType }.</summary>
    private static long MethodValueTypeSize(SelectorExpr n)
        => IrType.NewStruct([new Field(null, IrType.Uintptr), new Field(null, n.X.Type!)]).Size;

    /// <summary>Models isSliceSelfAssign: "dst.ptr = dst.ptr[a:b]"-like assignments that don't change what dst points to.</summary>
    private static bool IsSliceSelfAssign(Node dst, Node src)
    {
        // Detect the following special case: val.pointer = val.pointer[a:b], *val.pointer = (*val.pointer)[a:b].
        Node? dstX;
        switch (dst)
        {
            case StarExpr s: dstX = s.X; break;
            case SelectorExpr { Op: Op.ODOTPTR } d: dstX = d.X; break;
            default: return false;
        }
        if (dstX.Op != Op.ONAME) return false;
        switch (src.Op)
        {
            case Op.OSLICE: case Op.OSLICE3: case Op.OSLICESTR: break;
            case Op.OSLICEARR: case Op.OSLICE3ARR:
                if (((SliceExpr)src).X.Op == Op.OADDR) return false;
                break;
            default: return false;
        }
        Node? baseX;
        switch (((SliceExpr)src).X)
        {
            case StarExpr s: baseX = s.X; break;
            case SelectorExpr { Op: Op.ODOTPTR } d: baseX = d.X; break;
            default: return false;
        }
        if (baseX.Op != Op.ONAME) return false;
        return dstX == baseX;
    }

    /// <summary>Models isSelfAssign: assignments that can't make the destination escape ("x.f = x.g", "a[i] = a[j]").</summary>
    public static bool IsSelfAssign(Node dst, Node src)
    {
        if (IsSliceSelfAssign(dst, src)) return true;

        // Detect trivial assignments that assign back to the same object.
        if (dst.Op != src.Op) return false;
        switch (dst)
        {
            case SelectorExpr { Op: Op.ODOT or Op.ODOTPTR } d:
                // Safe trailing accessors that are permitted to differ.
                return IrUtil.SameSafeExpr(d.X, ((SelectorExpr)src).X);
            case IndexExpr { Op: Op.OINDEX } i:
                var si = (IndexExpr)src;
                if (MayAffectMemory(i.Index) || MayAffectMemory(si.Index)) return false;
                return IrUtil.SameSafeExpr(i.X, si.X);
            default:
                return false;
        }
    }

    /// <summary>Models mayAffectMemory: conservatively, whether evaluating n may affect program memory.</summary>
    private static bool MayAffectMemory(Node n)
    {
        switch (n)
        {
            case Name or BasicLit or NilExpr: return false;
            case BinaryExpr { Op: Op.OADD or Op.OSUB or Op.OOR or Op.OXOR or Op.OMUL or Op.OLSH or Op.ORSH or Op.OAND or Op.OANDNOT or Op.ODIV or Op.OMOD } b:
                return MayAffectMemory(b.X) || MayAffectMemory(b.Y);
            case IndexExpr { Op: Op.OINDEX } i: return MayAffectMemory(i.X) || MayAffectMemory(i.Index);
            case ConvExpr { Op: Op.OCONVNOP or Op.OCONV } c: return MayAffectMemory(c.X);
            case UnaryExpr { Op: Op.OLEN or Op.OCAP or Op.ONOT or Op.OBITNOT or Op.OPLUS or Op.ONEG } u: return MayAffectMemory(u.X);
            case SelectorExpr { Op: Op.ODOT or Op.ODOTPTR } s: return MayAffectMemory(s.X);
            case StarExpr st: return MayAffectMemory(st.X);
            default: return true;
        }
    }
}
