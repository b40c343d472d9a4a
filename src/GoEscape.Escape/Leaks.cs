namespace GoEscape.Escape;

/// <summary>
/// How a parameter leaks (models escape.leaks): minimal deref counts for flows to the heap, to a mutator, to a
/// callee, and to each of the first 5 results; -1 means "no flow". Encoded as gc's param Note string
/// "esc:" + one byte per entry (derefs+1, capped at 255), trailing zero bytes trimmed; "" means the empty
/// leaks of a param that... leaks to the heap directly (Heap()==0 encodes as "").
/// </summary>
public struct Leaks : IEquatable<Leaks>
{
    public const int LeakHeap = 0, LeakMutator = 1, LeakCallee = 2, LeakResult0 = 3;
    public const int Size = 8;
    /// <summary>Number of results whose leaks are tracked (numEscResults).</summary>
    public const int NumEscResults = Size - LeakResult0;

    private ulong _bits; // 8 bytes, byte i = entry i

    public readonly int Heap => Get(LeakHeap);
    public readonly int Mutator => Get(LeakMutator);
    public readonly int Callee => Get(LeakCallee);
    public readonly int Result(int i) => Get(LeakResult0 + i);

    public void AddHeap(int derefs) => Add(LeakHeap, derefs);
    public void AddMutator(int derefs) => Add(LeakMutator, derefs);
    public void AddCallee(int derefs) => Add(LeakCallee, derefs);
    public void AddResult(int i, int derefs) => Add(LeakResult0 + i, derefs);

    private readonly byte Raw(int i) => (byte)(_bits >> (8 * i));
    private readonly int Get(int i) => Raw(i) - 1;

    private void Add(int i, int derefs)
    {
        int old = Get(i);
        if (old < 0 || derefs < old) Set(i, derefs);
    }

    private void Set(int i, int derefs)
    {
        int v = derefs + 1;
        if (v < 0) throw new InvalidOperationException($"invalid derefs count: {derefs}");
        if (v > 255) v = 255;
        _bits = (_bits & ~(0xFFUL << (8 * i))) | ((ulong)v << (8 * i));
    }

    /// <summary>Removes redundant flows: anything at least as deep as a heap flow is subsumed (leaks.Optimize).</summary>
    public void Optimize()
    {
        int x = Heap;
        if (x < 0) return;
        for (int i = 1; i < Size; i++)
            if (Get(i) >= x) Set(i, -1);
    }

    /// <summary>Models leaks.Encode.</summary>
    public readonly string Encode()
    {
        if (Heap == 0) return "";
        int n = Size;
        while (n > 0 && Raw(n - 1) == 0) n--;
        var chars = new char[4 + n];
        "esc:".CopyTo(chars);
        for (int i = 0; i < n; i++) chars[4 + i] = (char)Raw(i);
        return new string(chars);
    }

    /// <summary>Models parseLeaks: a note without the "esc:" prefix means "leaks to heap".</summary>
    public static Leaks Parse(string s)
    {
        var l = new Leaks();
        if (!s.StartsWith("esc:", StringComparison.Ordinal))
        {
            l.AddHeap(0);
            return l;
        }
        for (int i = 4; i < s.Length && i - 4 < Size; i++)
            l._bits |= (ulong)(byte)s[i] << (8 * (i - 4));
        return l;
    }

    public readonly bool Any()
    {
        if (Heap >= 0 || Mutator >= 0 || Callee >= 0) return true;
        for (int i = 0; i < NumEscResults; i++) if (Result(i) >= 0) return true;
        return false;
    }

    public readonly bool Equals(Leaks o) => _bits == o._bits;
    public override readonly bool Equals(object? obj) => obj is Leaks l && Equals(l);
    public override readonly int GetHashCode() => _bits.GetHashCode();
    public static bool operator ==(Leaks a, Leaks b) => a.Equals(b);
    public static bool operator !=(Leaks a, Leaks b) => !a.Equals(b);
}
