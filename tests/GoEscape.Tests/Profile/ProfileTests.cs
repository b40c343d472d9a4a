using System.IO.Compression;
using System.Text.Json;
using Google.Protobuf;
using GoEscape.Cli;
using GoEscape.Harness;

namespace GoEscape.Tests.Profile;

/// <summary>
/// -profile (docs/profile.md): bad input is one line and exit 2 (no Go needed: the profile is read before the analysis);
/// a real heap profile of a fixture benchmark (go test -memprofile -memprofilerate=1 -gcflags=-l) ranks the heap sites
/// pprof -top -lines attributes the bytes to, with the same byte counts.
/// </summary>
public sealed class ProfileTests
{
    private static (int Rc, string Stdout, string Stderr) Run(params string[] args)
    {
        var o = new StringWriter();
        var e = new StringWriter();
        int rc = CommandLine.Run(args, o, e);
        return (rc, o.ToString(), e.ToString().ReplaceLineEndings("\n"));
    }

    private static string Temp()
    {
        string d = Path.Combine(Path.GetTempPath(), "goescape-profile-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(d);
        return d;
    }

    /// <summary>A profile with the given sample types (type, unit) and no samples, as protobuf.</summary>
    private static byte[] Encode(params (string Type, string Unit)[] types)
    {
        var strings = new List<string> { "" };
        int S(string s) { int i = strings.IndexOf(s); if (i < 0) { strings.Add(s); i = strings.Count - 1; } return i; }
        using var ms = new MemoryStream();
        var o = new CodedOutputStream(ms);
        foreach (var (t, u) in types)
        {
            using var inner = new MemoryStream();
            var io = new CodedOutputStream(inner);
            io.WriteTag(1, WireFormat.WireType.Varint); io.WriteInt64(S(t));
            io.WriteTag(2, WireFormat.WireType.Varint); io.WriteInt64(S(u));
            io.Flush();
            o.WriteTag(1, WireFormat.WireType.LengthDelimited); o.WriteBytes(ByteString.CopyFrom(inner.ToArray()));
        }
        foreach (var s in strings) { o.WriteTag(6, WireFormat.WireType.LengthDelimited); o.WriteString(s); }
        o.Flush();
        return ms.ToArray();
    }

    private static byte[] Gzip(byte[] b)
    {
        using var ms = new MemoryStream();
        using (var gz = new GZipStream(ms, CompressionLevel.Optimal)) gz.Write(b);
        return ms.ToArray();
    }

    public static readonly TheoryData<string, string> BadInputs = new()
    {
        { "missing", "goescape: cannot read profile {0}: no such file" },
        { "text", "goescape: profile {0}: not a pprof profile" },
        { "truncated", "goescape: profile {0}: not a pprof profile: " }, // a cut gzip stream decodes to a cut protobuf or a gzip error
        { "truncated-protobuf", "goescape: profile {0}: not a pprof profile: invalid or truncated protobuf data" },
        { "cpu", "goescape: profile {0}: a CPU profile (sample types samples/count, cpu/nanoseconds); -profile needs a heap profile" },
        { "empty", "goescape: profile {0}: not a pprof profile: empty" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void BadProfileIsOneLineExit2(string kind, string want)
    {
        string dir = Temp();
        string path = Path.Combine(dir, kind + ".pb.gz");
        var heap = Encode(("alloc_objects", "count"), ("alloc_space", "bytes"), ("inuse_objects", "count"), ("inuse_space", "bytes"));
        switch (kind)
        {
            case "missing": break;
            case "text": File.WriteAllText(path, "heap profile: 1: 2 [3: 4] @ heap/1048576\n"); break;
            case "truncated": File.WriteAllBytes(path, Gzip(heap)[..20]); break;
            case "truncated-protobuf": File.WriteAllBytes(path, heap[..(heap.Length - 3)]); break;
            case "cpu": File.WriteAllBytes(path, Gzip(Encode(("samples", "count"), ("cpu", "nanoseconds")))); break;
            case "empty": File.WriteAllBytes(path, []); break;
        }
        var (rc, stdout, stderr) = Run("-l", "-C", dir, "-profile", path, ".");
        Assert.Equal(2, rc);
        Assert.Equal("", stdout);
        var lines = stderr.TrimEnd('\n').Split('\n');
        Assert.Single(lines);
        Assert.StartsWith(string.Format(System.Globalization.CultureInfo.InvariantCulture, want, path), lines[0], StringComparison.Ordinal);
    }

    private const string Work = """
        package prof

        type T struct{ a, b, c, d int64 }

        var sink any

        func NewT() *T {
        	return &T{a: 1}
        }

        func Big() []byte {
        	return make([]byte, 1000)
        }

        func Box(x int) {
        	sink = x
        }

        func Cold() *T {
        	return &T{c: 3}
        }
        """;

    private const string WorkTest = """
        package prof

        import "testing"

        var keepT *T
        var keepB []byte

        func BenchmarkWork(b *testing.B) {
        	for i := 0; i < b.N; i++ {
        		keepT = NewT()
        		keepB = Big()
        		Box(i + 1000)
        	}
        }
        """;

    [SkippableFact]
    public void RealProfileWithoutInliningRanksWhatPprofAttributes()
    {
        string goroot = Oracle.GoRoot();
        string dir = Temp();
        File.WriteAllText(Path.Combine(dir, "go.mod"), "module example.com/pf\n\ngo 1.27\n");
        File.WriteAllText(Path.Combine(dir, "work.go"), Work.Replace("        ", "", StringComparison.Ordinal) + "\n");
        File.WriteAllText(Path.Combine(dir, "work_test.go"), WorkTest + "\n");
        string mem = Path.Combine(dir, "mem.out");
        var go = GoToolchain.Run(goroot, dir, ["test", "-gcflags=-l", "-run", "^$", "-bench", ".", "-benchtime", "200x", "-memprofile=" + mem, "-memprofilerate=1", "-o", Path.Combine(dir, "prof.test"), "."]);
        Assert.True(go.ExitCode == 0, go.Output);
        var top = GoToolchain.Run(goroot, dir, ["tool", "pprof", "-top", "-lines", "-unit=B", "-nodefraction=0", "-sample_index=alloc_space", mem]);
        Assert.True(top.ExitCode == 0, top.Output);
        // pprof's rows in the fixture's work.go: (line, bytes)
        var want = new List<(int Line, long Bytes)>();
        foreach (var l in top.Stdout.Split('\n'))
        {
            var f = l.Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (f.Length < 7 || !f[^1].Contains("/work.go:", StringComparison.Ordinal) || !f[0].EndsWith('B')) continue;
            long b = long.Parse(f[0][..^1], System.Globalization.CultureInfo.InvariantCulture);
            if (b > 0) want.Add((int.Parse(f[^1][(f[^1].LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture), b));
        }
        Assert.True(want.Count >= 3, top.Stdout);
        var (rc, stdout, stderr) = Run("-goroot", goroot, "-C", dir, "-l", "-test", "-profile", mem, "-format", "json", ".");
        Assert.True(rc == 0, stderr);
        using var doc = JsonDocument.Parse(stdout);
        var heap = doc.RootElement.GetProperty("profile").GetProperty("heap").EnumerateArray()
            .Where(s => s.GetProperty("pos").GetProperty("file").GetString() == "work.go")
            .Select(s => (s.GetProperty("pos").GetProperty("line").GetInt32(), s.GetProperty("allocSpace").GetInt64())).ToList();
        Assert.Equal(want, heap);
        // the cold site is flagged
        var notSeen = doc.RootElement.GetProperty("profile").GetProperty("notSeen").EnumerateArray().Select(s => s.GetProperty("function").GetString()).ToList();
        Assert.Contains("Cold", notSeen);
        // text is deterministic
        var t1 = Run("-goroot", goroot, "-C", dir, "-l", "-test", "-profile", mem, ".");
        var t2 = Run("-goroot", goroot, "-C", dir, "-l", "-test", "-profile", mem, ".");
        Assert.Equal(0, t1.Rc);
        Assert.Equal(t1.Stdout, t2.Stdout);
        Assert.Contains("heap sites not seen in profile:", t1.Stdout, StringComparison.Ordinal);
    }
}
