using System.Diagnostics;
using System.Text;
using GoEscape.Harness;
using Xunit.Abstractions;

namespace GoEscape.Tests.Cli;

/// <summary>
/// Adversarial inputs (issue 7, part 5): each is generated in a temporary module and run through the built goescape
/// (`goescape -m -l -C DIR ./...`, a child process) with a time limit and a bound on memory, and must print gc's
/// answer: the exact output and exit status of `go build -gcflags='-m -l' ./...` on the same input (fixed below
/// from gc 1.27.3; OracleAgrees re-checks each expectation against gc when Go is present).
///
/// Bounds: every case must finish within its time limit and run with the .NET GC heap capped at its heap limit
/// (DOTNET_GCHeapHardLimit: going over is an OutOfMemoryException, so a failure); the peak resident set, sampled
/// every 20 ms, must stay under the same limit plus 512 MiB for the runtime and code.
///
/// Measured with /usr/bin/time (elapsed, max RSS) on this machine (2 cores, shared with other builds), goescape.dll
/// (Release, no heap limit) vs gc 1.27.3's go build; in the test run the sampled peaks stayed under these:
///   long_function_200k_lines   ours 11.0 s, 1,263 MiB   gc 26.4 s, 1,122 MiB
///   call_chain_5000            ours  2.9 s,   141 MiB   gc  2.6 s,   115 MiB
///   closures_nested_500        ours  1.9 s,    53 MiB   gc  0.5 s,    65 MiB
///   struct_10000_fields        ours  2.5 s,    66 MiB   gc  0.2 s,    41 MiB
///   recursive_generics         ours  5.5 s,    44 MiB   gc  0.04 s,   19 MiB
///   symlink_loop               ours  1.6 s,    47 MiB   gc  0.05 s,   14 MiB
///   not_utf8_string            ours  1.1 s,    46 MiB   gc  0.02 s,   14 MiB
/// Not here because goescape gets them wrong today (reported in issue 7; src/ bugs, not to be hidden by a weaker
/// test): a garbage go.mod and a UTF-16 file (other error text than gc's). Instantiation cycles, once exit 0 or
/// unbounded, are now rejected as gc does (CheckRegressionTests); a directory symlinked to itself and invalid UTF-8
/// in a comment are cases here.
/// </summary>
public sealed class AdversarialTests(ITestOutputHelper output)
{
    /// <summary>One input: Setup writes the files into the module directory (go.mod is written first unless
    /// GoMod is null); Expected is gc's whole output ("# pkg" headers included), ExitCode its exit status.
    /// Blocks: compare the "# pkg" blocks as a set (go build prints packages in the order they finish).</summary>
    public sealed record Case(string Name, Action<string> Setup, int ExitCode, string Expected, int LimitSeconds = 60,
        int HeapMiB = 512, bool Blocks = false);

    private const string GoMod = "module m\n\ngo 1.27\n";

    private static readonly Case[] All =
    [
        new("long_function_200k_lines", d => Write(d, "x.go",
                "package p\n\nfunc F(p *int) *int {\n\tx := *p\n" + Repeat("\tx = x*3 + 1\n", 200_000) + "\treturn &x\n}\n"),
            0, "# m\n./x.go:3:8: p does not escape\n./x.go:4:2: moved to heap: x", LimitSeconds: 180, HeapMiB: 2048),
        new("call_chain_5000", d => Write(d, "x.go", Chain(5000)), 0, ChainExpected(5000), LimitSeconds: 120),
        new("closures_nested_500", d => Write(d, "x.go",
                "package p\n\nfunc F() int {\n\tx := 0\n\t" + Repeat("func() {", 500) + " x++ " + Repeat("}()", 500) + "\n\treturn x\n}\n"),
            0, ClosuresExpected(500)),
        new("struct_10000_fields", d => Write(d, "x.go", BigStruct(10_000)), 0,
            "# m\n./x.go:10006:8: s does not escape\n./x.go:10008:22: &S{...} escapes to heap"),
        new("recursive_generics", d => Write(d, "x.go", RecursiveGenerics), 0,
            "# m\n./x.go:8:47: &List[go.shape.int]{...} escapes to heap"),
        new("symlink_loop", SymlinkLoop, 0,
            "# m/a\na/a.go:3:8: leaking param: p to result ~r0 level=0\n# m/b\nb/b.go:4:2: moved to heap: v", Blocks: true),
        new("symlink_to_itself", SymlinkToItself, 0,
            "# m/a\na/a.go:3:8: leaking param: p to result ~r0 level=0\n# m/b\nb/b.go:4:2: moved to heap: v", Blocks: true),
        new("not_utf8_comment", d => Write(d, "x.go", Encoding.Latin1.GetBytes("package p\n\n// caf\u00e9\nfunc F(p *int) *int { return p }\n")),
            1, "x.go:3:7: illegal UTF-8 encoding"),
        new("not_utf8_string", d => Write(d, "x.go", Encoding.Latin1.GetBytes("package p\n\nvar S = \"caf\u00e9\"\n\nfunc F(p *int) *int { return p }\n")),
            1, "# m\n./x.go:3:13: invalid UTF-8 encoding"),
    ];

    public static TheoryData<string> Cases()
    {
        var data = new TheoryData<string>();
        foreach (var c in All) data.Add(c.Name);
        return data;
    }

    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void GivesGcsAnswerInBoundedTimeAndMemory(string name)
    {
        var c = All.Single(x => x.Name == name);
        var goroot = Oracle.GoRoot(); // goescape needs Go's sources
        var dir = Make(c);
        try
        {
            var dll = typeof(GoEscape.Cli.CommandLine).Assembly.Location;
            Skip.If(string.IsNullOrEmpty(dll) || !File.Exists(Path.ChangeExtension(dll, ".runtimeconfig.json")),
                "goescape.dll is not next to the tests: no child process to bound");
            var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH");
            if (string.IsNullOrEmpty(dotnet) || !File.Exists(dotnet)) dotnet = "dotnet";
            var psi = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            foreach (var a in new[] { dll, "-m", "-l", "-C", dir, "./..." }) psi.ArgumentList.Add(a);
            psi.Environment["GOROOT"] = goroot;
            psi.Environment["DOTNET_GCHeapHardLimit"] = "0x" + ((long)c.HeapMiB << 20).ToString("X", System.Globalization.CultureInfo.InvariantCulture);
            var (r, peakRss) = RunSampled(psi, TimeSpan.FromSeconds(c.LimitSeconds));
            output.WriteLine($"{name}: exit {r.ExitCode}, {r.Elapsed.TotalSeconds:F1} s (limit {c.LimitSeconds} s), " +
                             $"peak RSS {peakRss >> 20} MiB sampled (GC heap limit {c.HeapMiB} MiB)");
            Assert.False(r.TimedOut, $"{name}: goescape did not finish within {c.LimitSeconds} s");
            Assert.False(CliHarness.LooksLikeCrash(r.Output), $"{name}: internal failure (heap limit {c.HeapMiB} MiB):\n{Head(r.Output)}");
            Assert.True(peakRss < ((long)c.HeapMiB + 512) << 20, $"{name}: peak RSS {peakRss >> 20} MiB");
            Assert.Equal(c.ExitCode, r.ExitCode);
            Assert.Equal(Normalize(c.Expected, c.Blocks), Normalize(r.Output, c.Blocks));
        }
        finally
        {
            CliHarness.TryDelete(dir);
        }
    }

    /// <summary>Keeps the expectations honest: gc's `go build -gcflags='-m -l' ./...` on the same input.</summary>
    [SkippableTheory]
    [MemberData(nameof(Cases))]
    public void OracleAgrees(string name)
    {
        var c = All.Single(x => x.Name == name);
        var goroot = Oracle.GoRoot();
        var dir = Make(c);
        try
        {
            var r = CliHarness.RunGo(goroot, dir, ["build", "-gcflags=-m -l", "./..."], TimeSpan.FromSeconds(300));
            output.WriteLine($"go build: exit {r.ExitCode}, {r.Elapsed.TotalSeconds:F1} s");
            Assert.False(r.TimedOut, $"go build timed out on {name}");
            Assert.Equal(c.ExitCode, r.ExitCode);
            Assert.Equal(Normalize(c.Expected, c.Blocks), Normalize(r.Output, c.Blocks));
        }
        finally
        {
            CliHarness.TryDelete(dir);
        }
    }

    private static string Make(Case c)
    {
        var dir = CliHarness.NewTempDir("adversarial");
        File.WriteAllText(Path.Combine(dir, "go.mod"), GoMod);
        c.Setup(dir);
        return dir;
    }

    /// <summary>Runs psi to the limit (then kills the tree) sampling the peak resident set every 20 ms.</summary>
    private static (RunResult Run, long PeakRss) RunSampled(ProcessStartInfo psi, TimeSpan limit)
    {
        var sw = Stopwatch.StartNew();
        using var p = Process.Start(psi)!;
        var outTask = p.StandardOutput.ReadToEndAsync();
        var errTask = p.StandardError.ReadToEndAsync();
        long peak = 0;
        while (!p.WaitForExit(20))
        {
            try
            {
                p.Refresh();
                peak = Math.Max(peak, p.PeakWorkingSet64);
            }
            catch (InvalidOperationException) { } // exited meanwhile
            if (sw.Elapsed > limit)
            {
                p.Kill(entireProcessTree: true);
                p.WaitForExit();
                return (new RunResult(-1, "", sw.Elapsed, true, null), peak);
            }
        }
        p.WaitForExit();
        sw.Stop();
        return (new RunResult(p.ExitCode, outTask.Result + errTask.Result, sw.Elapsed, false, null), peak);
    }

    /// <summary>Lines without trailing empty ones; with blocks, the "# pkg" blocks sorted.</summary>
    private static string Normalize(string text, bool blocks)
    {
        var lines = text.Replace("\r\n", "\n").TrimEnd('\n').Split('\n');
        if (!blocks) return string.Join("\n", lines);
        var groups = new List<string>();
        var cur = new StringBuilder();
        foreach (var l in lines)
        {
            if (l.StartsWith("# ", StringComparison.Ordinal) && cur.Length > 0) { groups.Add(cur.ToString()); cur.Clear(); }
            cur.Append(l).Append('\n');
        }
        if (cur.Length > 0) groups.Add(cur.ToString());
        groups.Sort(StringComparer.Ordinal);
        return string.Concat(groups);
    }

    private static string Head(string s) => s.Length <= 4000 ? s : s[..4000] + "...";

    private static void Write(string dir, string file, string content) => Write(dir, file, Encoding.UTF8.GetBytes(content));

    private static void Write(string dir, string file, byte[] content)
    {
        var path = Path.Combine(dir, file);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, content);
    }

    private static string Repeat(string s, int n)
    {
        var sb = new StringBuilder(s.Length * n);
        for (int i = 0; i < n; i++) sb.Append(s);
        return sb.ToString();
    }

    /// <summary>f0 calls f1 ... calls f(n-1), which returns its argument; G passes f0 a local's address.</summary>
    private static string Chain(int n)
    {
        var sb = new StringBuilder("package p\n");
        for (int i = 0; i < n; i++)
            sb.Append($"\nfunc f{i}(p *int) *int {{ {(i < n - 1 ? $"return f{i + 1}(p)" : "return p")} }}\n");
        sb.Append("\nfunc G() *int {\n\tv := 1\n\treturn f0(&v)\n}\n");
        return sb.ToString();
    }

    /// <summary>gc analyzes the chain bottom-up: f(n-1) first, each leaking p to its result; then G's v moves.</summary>
    private static string ChainExpected(int n)
    {
        var sb = new StringBuilder("# m");
        for (int i = n - 1; i >= 0; i--) sb.Append($"\n./x.go:{3 + 2 * i}:{8 + Digits(i)}: leaking param: p to result ~r0 level=0");
        sb.Append($"\n./x.go:{3 + 2 * n + 1}:2: moved to heap: v");
        return sb.ToString();
    }

    private static int Digits(int i) => i.ToString(System.Globalization.CultureInfo.InvariantCulture).Length;

    /// <summary>Every func literal of the nest (at columns 2, 10, 18, ... of line 5) does not escape. gc's
    /// positions hold 8-bit columns: from column 255 on it prints the line alone ("./x.go:5: ...").</summary>
    private static string ClosuresExpected(int n)
    {
        var sb = new StringBuilder("# m");
        for (int i = 0; i < n; i++)
        {
            int col = 2 + 8 * i;
            sb.Append(col < 255 ? $"\n./x.go:5:{col}: func literal does not escape" : "\n./x.go:5: func literal does not escape");
        }
        return sb.ToString();
    }

    private static string BigStruct(int n)
    {
        var sb = new StringBuilder("package p\n\ntype S struct {\n");
        for (int i = 0; i < n; i++) sb.Append($"\tf{i} int\n");
        sb.Append($"}}\n\nfunc F(s *S) int {{ return s.f{n - 1} }}\n\nfunc G() *S {{ return &S{{f{n / 2}: 1}} }}\n");
        return sb.ToString();
    }

    /// <summary>A generic type whose fields refer to itself, and a generic function that calls itself (both valid:
    /// the instantiations close, unlike an instantiation cycle).</summary>
    private const string RecursiveGenerics = """
        package p

        type List[T any] struct {
        	next *List[T]
        	v    T
        }

        func (l *List[T]) Push(v T) *List[T] { return &List[T]{next: l, v: v} }

        func Len[T any](l *List[T]) int {
        	if l == nil {
        		return 0
        	}
        	return 1 + Len(l.next)
        }

        type Pair[A, B any] struct {
        	a A
        	b B
        }

        func Use() int {
        	var l *List[int]
        	l = l.Push(1).Push(2)
        	return Len(l)
        }

        """;

    /// <summary>Packages a and b, a directory symlink a/loop to its parent (a loop for a walker that follows
    /// links), and a dangling symlink: go's ./... does not follow symlinked directories.</summary>
    private static void SymlinkToItself(string dir)
    {
        Write(dir, "a/a.go", "package a\n\nfunc F(p *int) *int { return p }\n");
        Write(dir, "b/b.go", "package b\n\nfunc G() *int {\n\tv := 1\n\treturn &v\n}\n");
        Directory.CreateSymbolicLink(Path.Combine(dir, "b", "self"), "../b");
    }

    private static void SymlinkLoop(string dir)
    {
        Write(dir, "a/a.go", "package a\n\nfunc F(p *int) *int { return p }\n");
        Write(dir, "b/b.go", "package b\n\nfunc G() *int {\n\tv := 1\n\treturn &v\n}\n");
        File.CreateSymbolicLink(Path.Combine(dir, "a", "loop"), "..");
        File.CreateSymbolicLink(Path.Combine(dir, "dangling"), "nowhere");
    }
}
