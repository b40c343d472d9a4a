using System.Text;

namespace GoEscape.Syntax;

/// <summary>
/// Interns identifiers scanned from UTF-8 bytes (no allocation for repeated names) and recognizes keywords.
/// One table per parse (not thread-safe); a table may be reused across sequential parses.
/// </summary>
public sealed class NameTable
{
    private struct Entry
    {
        public byte[]? Key;
        public int Hash;
        public string Value;
        public Token Keyword;
    }

    private Entry[] _entries = new Entry[1024];
    private int _count;

    public NameTable()
    {
        for (var t = Token.Break; t <= Token.Var; t++)
        {
            var s = t.String();
            Add(Encoding.UTF8.GetBytes(s), Hash(Encoding.UTF8.GetBytes(s)), s, t);
        }
    }

    private static int Hash(ReadOnlySpan<byte> s)
    {
        uint h = 2166136261;
        foreach (var b in s) h = (h ^ b) * 16777619;
        return (int)(h & 0x7fffffff);
    }

    /// <summary>Returns the interned string for the identifier bytes, and its keyword token (None if not a keyword).</summary>
    public (string Name, Token Keyword) Lookup(ReadOnlySpan<byte> s)
    {
        int h = Hash(s);
        int mask = _entries.Length - 1;
        for (int i = h & mask; ; i = (i + 1) & mask)
        {
            ref var e = ref _entries[i];
            if (e.Key == null)
            {
                var str = Encoding.UTF8.GetString(s);
                Add(s.ToArray(), h, str, Token.None);
                return (str, Token.None);
            }
            if (e.Hash == h && s.SequenceEqual(e.Key)) return (e.Value, e.Keyword);
        }
    }

    private void Add(byte[] key, int h, string value, Token kw)
    {
        if ((_count + 1) * 2 > _entries.Length) Grow();
        int mask = _entries.Length - 1;
        int i = h & mask;
        while (_entries[i].Key != null) i = (i + 1) & mask;
        _entries[i] = new Entry { Key = key, Hash = h, Value = value, Keyword = kw };
        _count++;
    }

    private void Grow()
    {
        var old = _entries;
        _entries = new Entry[old.Length * 2];
        int mask = _entries.Length - 1;
        foreach (var e in old)
        {
            if (e.Key == null) continue;
            int i = e.Hash & mask;
            while (_entries[i].Key != null) i = (i + 1) & mask;
            _entries[i] = e;
        }
    }
}
