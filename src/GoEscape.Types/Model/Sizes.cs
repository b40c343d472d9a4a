namespace GoEscape.Types;

/// <summary>gc's memory layout (models types2 gcSizes in gcsizes.go).</summary>
public sealed class GcSizes : ISizes
{
    public long WordSize { get; }
    public long MaxAlign { get; }
    public GcSizes(long wordSize, long maxAlign) { WordSize = wordSize; MaxAlign = maxAlign; }

    public static readonly GcSizes Amd64 = new(8, 8);

    private static readonly byte[] s_basicSizes = BuildBasicSizes();
    private static byte[] BuildBasicSizes()
    {
        var b = new byte[(int)BasicKind.UntypedNil + 1];
        b[(int)BasicKind.Bool] = 1; b[(int)BasicKind.Int8] = 1; b[(int)BasicKind.Int16] = 2; b[(int)BasicKind.Int32] = 4;
        b[(int)BasicKind.Int64] = 8; b[(int)BasicKind.Uint8] = 1; b[(int)BasicKind.Uint16] = 2; b[(int)BasicKind.Uint32] = 4;
        b[(int)BasicKind.Uint64] = 8; b[(int)BasicKind.Float32] = 4; b[(int)BasicKind.Float64] = 8;
        b[(int)BasicKind.Complex64] = 8; b[(int)BasicKind.Complex128] = 16;
        return b;
    }

    private static long Align(long x, long a) => (x + a - 1) & ~(a - 1);

    /// <summary>Models IsSyncAtomicAlign64.</summary>
    public static bool IsSyncAtomicAlign64(GoType T)
    {
        if (GoTypes.AsNamed(T) is not { } named) return false;
        var obj = named.Obj;
        return obj.Name == "align64" && obj.Pkg is { } p && (p.Path == "sync/atomic" || p.Path == "internal/runtime/atomic");
    }

    // Named types whose size or alignment is being computed on this thread. The checker reports invalid recursive
    // types (types2 validType) and computes sizes only of valid ones, but a size may be asked for while the package
    // is still being checked (unsafe.Sizeof in an array length): re-entering a type ends the recursion instead of
    // overflowing the stack, and yields the values of an empty struct.
    // (Separate stacks for sizes and alignments: a struct's size legitimately asks for its own alignment. Instances
    // are compared by identity of origin and type arguments: expanding an invalid T[int] may yield new, identical
    // instances of T[int].)
    [ThreadStatic] private static List<Named>? t_sizing;
    [ThreadStatic] private static List<Named>? t_aligning;

    private static bool Enter(ref List<Named>? stack, GoType T, out Named? named)
    {
        named = (T is Alias a ? a.Actual() : T) as Named;
        if (named is null) return true;
        stack ??= new List<Named>();
        foreach (var n in stack)
        {
            if (ReferenceEquals(n, named) || (named.IsInstance && ReferenceEquals(n.Origin, named.Origin) && GoTypes.Identical(n, named)))
            {
                named = null;
                return false;
            }
        }
        stack.Add(named);
        return true;
    }

    public long Alignof(GoType T)
    {
        if (!Enter(ref t_aligning, T, out var named)) return 1;
        try { return AlignofUnguarded(T); }
        finally { if (named is not null) t_aligning!.RemoveAt(t_aligning.Count - 1); }
    }

    private long AlignofUnguarded(GoType T)
    {
        switch (T.Underlying())
        {
            case Array t:
                return Alignof(t.Elem);
            case Struct t:
                {
                    if (t.NumFields == 0 && IsSyncAtomicAlign64(T)) return 8;
                    long max = 1;
                    foreach (var f in t.Fields) { var a = Alignof(f.Type!); if (a > max) max = a; }
                    return max;
                }
            case Slice or Interface:
                return WordSize;
            case Basic b when (b.Info & BasicInfo.IsString) != 0:
                return WordSize;
            case TypeParam or Union:
                throw new InvalidOperationException("unreachable: Alignof type parameter/union");
        }
        long sz = Sizeof(T);
        if (sz < 1) return 1;
        if (Predicates.IsComplex(T)) sz /= 2;
        return sz > MaxAlign ? MaxAlign : sz;
    }

    public long[] Offsetsof(IReadOnlyList<Var> fields)
    {
        var offsets = new long[fields.Count];
        long offs = 0;
        for (int i = 0; i < fields.Count; i++)
        {
            if (offs < 0) { offsets[i] = -1; continue; }
            var f = fields[i];
            long a = Alignof(f.Type!);
            offs = Align(offs, a);
            offsets[i] = offs;
            long d = Sizeof(f.Type!);
            if (d >= 0 && offs >= 0) offs = unchecked(offs + d);
            else offs = -1;
        }
        return offsets;
    }

    public long Sizeof(GoType T)
    {
        if (!Enter(ref t_sizing, T, out var named)) return 0;
        try { return SizeofUnguarded(T); }
        finally { if (named is not null) t_sizing!.RemoveAt(t_sizing.Count - 1); }
    }

    private long SizeofUnguarded(GoType T)
    {
        switch (T.Underlying())
        {
            case Basic t:
                {
                    var k = (int)t.Kind;
                    if (k < s_basicSizes.Length && s_basicSizes[k] > 0) return s_basicSizes[k];
                    if (t.Kind == BasicKind.String) return WordSize * 2;
                    break;
                }
            case Array t:
                {
                    long n = t.Len;
                    if (n <= 0) return 0;
                    long esize = Sizeof(t.Elem);
                    if (esize < 0) return -1;
                    if (esize == 0) return 0;
                    if (esize > long.MaxValue / n) return -1;
                    return esize * n;
                }
            case Slice:
                return WordSize * 3;
            case Struct t:
                {
                    int n = t.NumFields;
                    if (n == 0) return 0;
                    var offsets = Offsetsof(t.Fields);
                    long offs = offsets[n - 1];
                    long size = Sizeof(t.Field(n - 1).Type!);
                    if (offs < 0 || size < 0) return -1;
                    if (offs > 0 && size == 0) size = 1;
                    return unchecked(Align(offs + size, Alignof(T)));
                }
            case Interface:
                return WordSize * 2;
            case TypeParam or Union:
                throw new InvalidOperationException("unreachable: Sizeof type parameter/union");
        }
        return WordSize;
    }

    /// <summary>Offset of the field selected by an index path (models Config.offsetof), -1 if too large.</summary>
    public long Offsetof(GoType T, IReadOnlyList<int> index)
    {
        long offs = 0;
        foreach (var i in index)
        {
            var s = (Struct)T.Underlying();
            long d = Offsetsof(s.Fields)[i];
            if (d < 0) return -1;
            offs += d;
            if (offs < 0) return -1;
            T = s.Field(i).Type!;
        }
        return offs;
    }

    /// <summary>Models gcArchSizes.</summary>
    public static GcSizes? ForArch(string arch) => arch switch
    {
        "386" => new(4, 4),
        "amd64" => Amd64,
        "amd64p32" => new(4, 8),
        "arm" => new(4, 4),
        "arm64" => new(8, 8),
        "loong64" => new(8, 8),
        "mips" or "mipsle" => new(4, 4),
        "mips64" or "mips64le" => new(8, 8),
        "ppc64" or "ppc64le" => new(8, 8),
        "riscv64" => new(8, 8),
        "s390x" => new(8, 8),
        "sparc64" => new(8, 8),
        "wasm" => new(8, 8),
        _ => null,
    };
}

public static partial class GoTypes
{
    /// <summary>Models types.SizesFor for the gc compiler (null for unknown compiler/arch).</summary>
    public static ISizes? SizesFor(string compiler, string arch) => compiler == "gc" ? GcSizes.ForArch(arch) : null;
}
