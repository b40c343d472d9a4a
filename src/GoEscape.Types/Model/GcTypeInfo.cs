namespace GoEscape.Types;

/// <summary>Layout facts gc's back half (walk, escape analysis) asks of types, computed on the model with gc sizes:
/// pointer data size, HasPointers, IsDirectIface and not-in-heap (models cmd/compile/internal/types CalcSize ptrBytes,
/// PtrDataSize, HasPointers, IsDirectIface and noder.isNotInHeap). Types must not contain type parameters.</summary>
public static class GcTypeInfo
{
    /// <summary>Models noder.isNotInHeap: t is or contains (via arrays/struct fields) internal/runtime/sys.nih.</summary>
    public static bool IsNotInHeap(GoType t)
    {
        t = GoTypes.Unalias(t);
        if (t is Named named)
        {
            var obj = named.Obj;
            if (obj.Name == "nih" && obj.Pkg?.Path == "internal/runtime/sys") return true;
            t = named.Underlying();
        }
        switch (t)
        {
            case Array a: return IsNotInHeap(a.Elem);
            case Struct s:
                foreach (var f in s.Fields) if (IsNotInHeap(f.Type!)) return true;
                return false;
            default: return false;
        }
    }

    /// <summary>Models types.PtrDataSize: the length of the prefix of t's memory that can contain pointers.</summary>
    public static long PtrDataSize(GoType t, GcSizes? sizes = null)
    {
        sizes ??= GcSizes.Amd64;
        long ptr = sizes.WordSize;
        switch (t.Underlying())
        {
            case Pointer p: return IsNotInHeap(p.Elem) ? 0 : ptr;
            case Basic b:
                return b.Kind switch
                {
                    BasicKind.UnsafePointer or BasicKind.String => ptr,
                    _ => 0,
                };
            case Chan or Map or Signature: return ptr;
            case Interface: return 2 * ptr;
            case Slice s: return IsNotInHeap(s.Elem) ? 0 : ptr;
            case Array a:
                {
                    if (a.Len <= 0) return 0;
                    long x = PtrDataSize(a.Elem, sizes);
                    return x > 0 ? sizes.Sizeof(a.Elem) * (a.Len - 1) + x : 0;
                }
            case Struct st:
                {
                    if (st.NumFields == 0) return 0;
                    var offsets = sizes.Offsetsof(st.Fields);
                    for (int i = st.NumFields - 1; i >= 0; i--)
                    {
                        long size = PtrDataSize(st.Field(i).Type!, sizes);
                        if (size > 0) return offsets[i] + size;
                    }
                    return 0;
                }
            case TypeParam or Union or Tuple:
                throw new InvalidOperationException("PtrDataSize of " + t);
            default:
                return 0;
        }
    }

    /// <summary>Models Type.HasPointers.</summary>
    public static bool HasPointers(GoType t, GcSizes? sizes = null) => PtrDataSize(t, sizes) > 0;

    /// <summary>Models types.IsDirectIface: values of t are stored directly in an interface's data word.</summary>
    public static bool IsDirectIface(GoType t, GcSizes? sizes = null)
    {
        sizes ??= GcSizes.Amd64;
        return sizes.Sizeof(t) == sizes.WordSize && PtrDataSize(t, sizes) == sizes.WordSize;
    }
}
