using System.Globalization;
using System.Text;

namespace GoEscape.Fuzz;

/// <summary>Seed corpora (small Go files of $GOROOT/test and $GOROOT/src) and the Go-syntax dictionary.</summary>
public static class Corpus
{
    /// <summary>The trees seeds are taken from, relative to GOROOT: gc's test suite (valid and invalid programs),
    /// the type checkers' test data (mostly invalid code with ERROR comments), the syntax package's test data.</summary>
    public static readonly string[] SeedTrees =
    [
        "test",
        "src/internal/types/testdata",
        "src/cmd/compile/internal/syntax/testdata",
        "src/go/parser/testdata",
    ];

    /// <summary>
    /// All candidate seed files (ordinal path order) of at most <paramref name="maxSize"/> bytes. The smoke run takes
    /// an evenly spaced deterministic sample; `tools/fuzz seed` takes them all and lets afl-cmin minimize the set.
    /// </summary>
    public static List<string> Candidates(string goroot, int maxSize)
    {
        var files = new List<string>();
        foreach (var tree in SeedTrees)
        {
            var dir = Path.Combine(goroot, tree);
            if (!Directory.Exists(dir)) continue;
            foreach (var f in Directory.EnumerateFiles(dir, "*.go", SearchOption.AllDirectories))
            {
                var len = new FileInfo(f).Length;
                if (len > 0 && len <= maxSize) files.Add(f);
            }
        }
        files.Sort(StringComparer.Ordinal);
        return files;
    }

    /// <summary>An evenly spaced sample of <paramref name="count"/> candidates (deterministic).</summary>
    public static List<string> Sample(List<string> candidates, int count)
    {
        if (candidates.Count <= count) return [.. candidates];
        var r = new List<string>(count);
        for (int i = 0; i < count; i++) r.Add(candidates[(int)((long)i * candidates.Count / count)]);
        return r;
    }

    /// <summary>The tokens of an AFL dictionary file (name="value" lines with \\, \" and \xNN escapes).</summary>
    public static List<byte[]> LoadDictionary(string path)
    {
        var tokens = new List<byte[]>();
        foreach (var raw in System.IO.File.ReadAllLines(path))
        {
            var line = raw.Trim();
            if (line.Length == 0 || line[0] == '#') continue;
            int q = line.IndexOf('"');
            if (q < 0 || !line.EndsWith('"') || q == line.Length - 1) throw new FormatException($"{path}: bad dictionary line: {raw}");
            var body = line[(q + 1)..^1];
            var bytes = new List<byte>();
            for (int i = 0; i < body.Length; i++)
            {
                char c = body[i];
                if (c == '\\' && i + 1 < body.Length)
                {
                    char n = body[++i];
                    if (n == 'x' && i + 2 < body.Length)
                    {
                        bytes.Add(byte.Parse(body.AsSpan(i + 1, 2), NumberStyles.HexNumber, CultureInfo.InvariantCulture));
                        i += 2;
                    }
                    else bytes.Add((byte)n);
                }
                else bytes.AddRange(Encoding.UTF8.GetBytes(c.ToString()));
            }
            tokens.Add([.. bytes]);
        }
        return tokens;
    }

    /// <summary>The dictionary shipped beside the fuzzer's assembly.</summary>
    public static string DictionaryPath => Path.Combine(AppContext.BaseDirectory, "go.dict");
}

/// <summary>
/// Deterministic structure-unaware mutations for the smoke run (the coverage-guided campaigns use AFL++'s own):
/// byte flips, dictionary insertions and replacements, deletions, duplications, splices of two inputs, and deep
/// nesting. The same seed gives the same sequence of inputs.
/// </summary>
public sealed class Mutator(int seed, IReadOnlyList<byte[]> dictionary)
{
    private readonly Random _rng = new(seed);

    public byte[] Mutate(byte[] input, byte[] other)
    {
        var data = new List<byte>(input);
        int rounds = 1 + _rng.Next(4);
        for (int r = 0; r < rounds; r++) MutateOnce(data, other);
        if (data.Count > 64 * 1024) data.RemoveRange(64 * 1024, data.Count - 64 * 1024);
        return [.. data];
    }

    private void MutateOnce(List<byte> d, byte[] other)
    {
        int pos = d.Count == 0 ? 0 : _rng.Next(d.Count + 1);
        switch (_rng.Next(10))
        {
            case 0: // flip a bit
                if (d.Count > 0) { int i = _rng.Next(d.Count); d[i] ^= (byte)(1 << _rng.Next(8)); }
                break;
            case 1: // random byte
                if (d.Count > 0) d[_rng.Next(d.Count)] = (byte)_rng.Next(256);
                break;
            case 2: case 3: // insert a dictionary token
                d.InsertRange(pos, Token());
                break;
            case 4: // replace a short span by a token
            {
                int len = Math.Min(d.Count - Math.Min(pos, d.Count), 1 + _rng.Next(8));
                if (len > 0) d.RemoveRange(pos, len);
                d.InsertRange(Math.Min(pos, d.Count), Token());
                break;
            }
            case 5: // delete a span
            {
                int len = Math.Min(d.Count - Math.Min(pos, d.Count), 1 + _rng.Next(32));
                if (len > 0) d.RemoveRange(pos, len);
                break;
            }
            case 6: // duplicate a span
            {
                if (d.Count == 0) break;
                int start = _rng.Next(d.Count), len = Math.Min(d.Count - start, 1 + _rng.Next(64));
                d.InsertRange(pos, d.GetRange(start, len));
                break;
            }
            case 7: // splice in a piece of another input
            {
                if (other.Length == 0) break;
                int start = _rng.Next(other.Length), len = Math.Min(other.Length - start, 1 + _rng.Next(256));
                d.InsertRange(pos, other.AsSpan(start, len).ToArray());
                break;
            }
            case 8: // deep nesting of one bracket-like construct
            {
                string[] open = ["(", "[", "{", "*", "func() ", "[]", "&", "-", "!", "<-", "struct{ f ", "interface{ "];
                var o = Encoding.UTF8.GetBytes(open[_rng.Next(open.Length)]);
                int n = 1 << _rng.Next(12);
                var piece = new List<byte>(o.Length * n);
                for (int i = 0; i < n; i++) piece.AddRange(o);
                d.InsertRange(pos, piece);
                break;
            }
            default: // swap two lines
            {
                var lines = new List<List<byte>>();
                var cur = new List<byte>();
                foreach (var b in d) { cur.Add(b); if (b == '\n') { lines.Add(cur); cur = []; } }
                if (cur.Count > 0) lines.Add(cur);
                if (lines.Count < 2) break;
                int a = _rng.Next(lines.Count), b2 = _rng.Next(lines.Count);
                (lines[a], lines[b2]) = (lines[b2], lines[a]);
                d.Clear();
                foreach (var l in lines) d.AddRange(l);
                break;
            }
        }
    }

    private byte[] Token() => dictionary.Count == 0 ? [(byte)_rng.Next(256)] : dictionary[_rng.Next(dictionary.Count)];
}
