using System.Text;

namespace GoEscape.Syntax;

/// <summary>Small helpers with Go's string semantics (unicode.IsSpace, strings.TrimSpace, strings.Fields, strconv.Atoi,
/// Go's byte-wise string order).</summary>
public static class GoStrings
{
    /// <summary>unicode.IsSpace.</summary>
    public static bool IsSpace(char c) => c switch
    {
        '\t' or '\n' or '\v' or '\f' or '\r' or ' ' or '\u0085' or '\u00A0' => true,
        _ => c > 0xff && char.IsWhiteSpace(c),
    };

    public static string TrimSpace(string s)
    {
        int i = 0, j = s.Length;
        while (i < j && IsSpace(s[i])) i++;
        while (j > i && IsSpace(s[j - 1])) j--;
        return i == 0 && j == s.Length ? s : s[i..j];
    }

    public static List<string> Fields(string s)
    {
        var list = new List<string>();
        int i = 0;
        while (i < s.Length)
        {
            while (i < s.Length && IsSpace(s[i])) i++;
            int start = i;
            while (i < s.Length && !IsSpace(s[i])) i++;
            if (i > start) list.Add(s[start..i]);
        }
        return list;
    }

    /// <summary>strconv.Atoi for plain decimal numbers (optional sign).</summary>
    public static bool TryAtoi(ReadOnlySpan<char> s, out int n)
    {
        n = 0;
        if (s.IsEmpty) return false;
        bool neg = false;
        if (s[0] is '+' or '-') { neg = s[0] == '-'; s = s[1..]; if (s.IsEmpty) return false; }
        long v = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '9') return false;
            v = v * 10 + (c - '0');
            if (v > int.MaxValue) return false;
        }
        n = (int)(neg ? -v : v);
        return true;
    }

    /// <summary>Go's string ordering (byte-wise UTF-8). For our inputs ordinal UTF-16 order is equivalent
    /// except for surrogate pairs, which we handle by comparing UTF-8 bytes.</summary>
    public static int Compare(string? a, string? b)
    {
        if (ReferenceEquals(a, b)) return 0;
        if (a is null) return -1;
        if (b is null) return 1;
        int n = Math.Min(a.Length, b.Length);
        for (int i = 0; i < n; i++)
        {
            char x = a[i], y = b[i];
            if (x == y) continue;
            if (char.IsSurrogate(x) || char.IsSurrogate(y) || x >= 0x800 || y >= 0x800)
                return Encoding.UTF8.GetBytes(a).AsSpan().SequenceCompareTo(Encoding.UTF8.GetBytes(b));
            return x.CompareTo(y);
        }
        return a.Length.CompareTo(b.Length);
    }

    public static readonly IComparer<string> Comparer = Comparer<string>.Create((a, b) => Compare(a, b));

}
