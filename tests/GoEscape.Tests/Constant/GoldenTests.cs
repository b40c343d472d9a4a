using System.Globalization;
using System.IO.Compression;
using System.Numerics;
using System.Text;
using GoEscape.Types.Constant;
using Xunit.Abstractions;

namespace GoEscape.Tests.Constant;

/// <summary>
/// Replays testdata/constant/golden.txt.gz — go/constant's own results for tens of thousands of literals and
/// operations (written by testdata/constant/gen with Go 1.27) — against GoEscape.Types.Constant.
/// Set GOESCAPE_REGEN_GOLDEN=1 (with Go installed) to rewrite the golden file from the oracle.
/// </summary>
public sealed class GoldenTests(ITestOutputHelper output)
{
    private static string TestData => Path.Combine(AppContext.BaseDirectory, "testdata", "constant");

    private static string SourceTestData([System.Runtime.CompilerServices.CallerFilePath] string here = "")
        => Path.Combine(Path.GetDirectoryName(here)!, "..", "testdata", "constant");

    [SkippableFact]
    public void GoldenFileMatchesGoConstant()
    {
        RegenerateIfAsked();
        var path = Path.Combine(SourceTestData(), "golden.txt.gz");
        if (!File.Exists(path))
            path = Path.Combine(TestData, "golden.txt.gz");
        Assert.True(File.Exists(path), "missing golden file " + path);
        var lines = ReadLines(path);
        var replay = new Replay();
        int cases = 0;
        var failures = new List<string>();
        foreach (var line in lines)
        {
            if (line.Length == 0 || line[0] == '#')
                continue;
            cases++;
            int sep = line.IndexOf("\t=>\t", StringComparison.Ordinal);
            Assert.True(sep > 0, "bad golden line: " + line);
            string op = line[..sep], want = line[(sep + 4)..];
            string got;
            try
            {
                got = replay.Run(op.Split('\t'));
            }
            catch (Exception e)
            {
                got = "EXCEPTION " + e.GetType().Name + ": " + e.Message;
                replay.Failed(op);
            }
            if (got != want)
                failures.Add($"{op}\n   want: {want}\n   got:  {got}");
        }
        output.WriteLine($"{cases - failures.Count}/{cases} golden cases pass");
        File.WriteAllLines(Path.Combine(Path.GetTempPath(), "goescape-constant-failures.txt"), failures);
        foreach (var f in failures.Take(40))
            output.WriteLine(f);
        Assert.True(cases > 30000, $"golden file too small: {cases} cases");
        Assert.True(failures.Count == 0, $"{failures.Count} of {cases} golden cases differ; first:\n" + string.Join("\n", failures.Take(15)));
    }

    private static List<string> ReadLines(string path)
    {
        using var fs = File.OpenRead(path);
        using var gz = new GZipStream(fs, CompressionMode.Decompress);
        using var r = new StreamReader(gz, new UTF8Encoding(false));
        var list = new List<string>();
        while (r.ReadLine() is { } l)
            list.Add(l);
        return list;
    }

    private void RegenerateIfAsked()
    {
        if (Environment.GetEnvironmentVariable("GOESCAPE_REGEN_GOLDEN") != "1")
            return;
        var goroot = Oracle.GoRoot();
        var psi = GoEscape.Harness.GoToolchain.StartInfo(goroot, Path.Combine(SourceTestData(), "gen"), ["run", "-mod=mod", "."]);
        psi.RedirectStandardError = false; // go run's errors go to the test log
        using var p = System.Diagnostics.Process.Start(psi)!;
        using var outFile = File.Create(Path.Combine(SourceTestData(), "golden.txt.gz"));
        using (var gz = new GZipStream(outFile, CompressionLevel.SmallestSize))
            p.StandardOutput.BaseStream.CopyTo(gz);
        p.WaitForExit();
        Assert.Equal(0, p.ExitCode);
    }

    /// <summary>Interprets golden operations (see gen/main.go for the format).</summary>
    private sealed class Replay
    {
        private readonly List<ConstValue?> _vals = [];

        public void Failed(string op)
        {
            if (op.StartsWith("v\t", StringComparison.Ordinal))
                _vals.Add(null);
        }

        private ConstValue V(string id) => _vals[int.Parse(id, CultureInfo.InvariantCulture)] ?? throw new InvalidOperationException("operand failed earlier");

        private static byte[] Unquote(string q) => GoQuote.Unquote(Encoding.UTF8.GetBytes(q)) ?? throw new FormatException(q);

        public string Run(string[] f)
        {
            switch (f[0])
            {
                case "v":
                {
                    var v = Make(f);
                    _vals.Add(v);
                    return Describe(v);
                }
                case "cmp":
                {
                    var x = V(f[1]);
                    var y = V(f[2]);
                    var sb = new StringBuilder();
                    foreach (var op in new[] { CompareOperator.Eql, CompareOperator.Neq, CompareOperator.Lss, CompareOperator.Leq, CompareOperator.Gtr, CompareOperator.Geq })
                    {
                        try { sb.Append(Const.Compare(x, op, y) ? '1' : '0'); }
                        catch (InvalidOperationException) { sb.Append('-'); }
                    }
                    return sb.ToString();
                }
                case "q":
                    return Query(V(f[1]));
                case "rep":
                    return Rep(V(f[1]), Enum.Parse<BasicTarget>(f[2]));
                default:
                    throw new InvalidOperationException("unknown golden op " + f[0]);
            }
        }

        private ConstValue Make(string[] f)
        {
            switch (f[1])
            {
                case "lit":
                    var kind = f[2] switch
                    {
                        "INT" => LiteralKind.Int,
                        "FLOAT" => LiteralKind.Float,
                        "IMAG" => LiteralKind.Imag,
                        "CHAR" => LiteralKind.Rune,
                        _ => LiteralKind.String,
                    };
                    return Const.MakeFromLiteral(Unquote(f[3]), kind);
                case "i64": return Const.MakeInt64(long.Parse(f[2], CultureInfo.InvariantCulture));
                case "u64": return Const.MakeUint64(ulong.Parse(f[2], CultureInfo.InvariantCulture));
                case "f64": return Const.MakeFloat64(BitConverter.Int64BitsToDouble(long.Parse(f[2], NumberStyles.HexNumber)));
                case "big": return Const.MakeBigInt(BigInteger.Parse(f[2], CultureInfo.InvariantCulture));
                case "rat": return Const.MakeRat(BigInteger.Parse(f[2], CultureInfo.InvariantCulture), BigInteger.Parse(f[3], CultureInfo.InvariantCulture));
                case "flt": return Const.MakeFloat(BigFloat.Parse(f[2], Const.Prec) ?? throw new FormatException(f[2]));
                case "str": return Const.MakeString(Unquote(f[2]));
                case "bool": return Const.MakeBool(f[2] == "true");
                case "unk": return Const.Unknown;
                case "bin": return Const.BinaryOp(V(f[2]), BinOp(f[3]), V(f[4]));
                case "un":
                    var uop = f[2] switch { "+" => UnaryOperator.Plus, "-" => UnaryOperator.Minus, "^" => UnaryOperator.Xor, _ => UnaryOperator.Not };
                    return Const.UnaryOp(uop, V(f[3]), uint.Parse(f[4], CultureInfo.InvariantCulture));
                case "shift":
                    return Const.Shift(V(f[2]), f[3] == "<<" ? ShiftOperator.Shl : ShiftOperator.Shr, uint.Parse(f[4], CultureInfo.InvariantCulture));
                case "cplx": return Const.BinaryOp(V(f[2]), BinaryOperator.Add, Const.MakeImag(V(f[3])));
                default:
                    return Conv(f[1], V(f[2]));
            }
        }

        private static ConstValue Conv(string name, ConstValue x) => name switch
        {
            "toint" => Const.ToInt(x),
            "tofloat" => Const.ToFloat(x),
            "tocomplex" => Const.ToComplex(x),
            "real" => Const.Real(x),
            "imag" => Const.Imag(x),
            "num" => Const.Num(x),
            "denom" => Const.Denom(x),
            "mkimag" => Const.MakeImag(x),
            _ => throw new InvalidOperationException("unknown op " + name),
        };

        private static BinaryOperator BinOp(string s) => s switch
        {
            "+" => BinaryOperator.Add,
            "-" => BinaryOperator.Sub,
            "*" => BinaryOperator.Mul,
            "/" => BinaryOperator.Quo,
            "QUO" => BinaryOperator.IntQuo,
            "%" => BinaryOperator.Rem,
            "&" => BinaryOperator.And,
            "|" => BinaryOperator.Or,
            "^" => BinaryOperator.Xor,
            "&^" => BinaryOperator.AndNot,
            "&&" => BinaryOperator.LogAnd,
            "||" => BinaryOperator.LogOr,
            _ => throw new InvalidOperationException("unknown binary op " + s),
        };

        private static string Repr(ConstValue v)
            => v.Kind == ConstKind.Complex ? "complex(" + Repr(Const.Real(v)) + "," + Repr(Const.Imag(v)) + ")" : v.ReprName;

        private static string B(bool b) => b ? "1" : "0";

        private static string Describe(ConstValue v)
        {
            var sb = new StringBuilder();
            sb.Append(Repr(v)).Append('\t').Append(v.String()).Append('\t').Append(v.ExactString());
            var inv = CultureInfo.InvariantCulture;
            switch (v.Kind)
            {
                case ConstKind.Int:
                {
                    var (i, ie) = Const.Int64Val(v);
                    var (u, ue) = Const.Uint64Val(v);
                    sb.Append(inv, $"\ti64={i},{B(ie)} u64={u},{B(ue)} bl={Const.BitLen(v)} sg={Const.Sign(v)}");
                    var (f, fe) = Const.Float64Val(v);
                    var (g, ge) = Const.Float32Val(v);
                    sb.Append(inv, $" f64={BitConverter.DoubleToInt64Bits(f):x16},{B(fe)} f32={BitConverter.SingleToInt32Bits(g):x8},{B(ge)}");
                    break;
                }
                case ConstKind.Float:
                {
                    var (f, fe) = Const.Float64Val(v);
                    var (g, ge) = Const.Float32Val(v);
                    sb.Append(inv, $"\tf64={BitConverter.DoubleToInt64Bits(f):x16},{B(fe)} f32={BitConverter.SingleToInt32Bits(g):x8},{B(ge)} sg={Const.Sign(v)}");
                    break;
                }
                case ConstKind.Complex:
                    sb.Append(inv, $"\tsg={Const.Sign(v)}");
                    break;
                case ConstKind.String:
                    sb.Append(inv, $"\tlen={Const.StringLen(v)}");
                    break;
            }
            return sb.ToString();
        }

        private static string Short(ConstValue v) => Repr(v) + ":" + v.ExactString();

        private static string RepFlags(ConstValue x, BasicTarget t)
        {
            bool plain = Representable.Check(x, t);
            bool ok = Representable.Check(x, t, out var r);
            var s = B(plain) + B(ok);
            if (ok && !ReferenceEquals(r, x))
                s += ":" + Short(r);
            return s;
        }

        private static string Rep(ConstValue x, BasicTarget t) => RepFlags(x, t);

        private static string Query(ConstValue x)
        {
            var parts = new List<string>();
            void Try(string name, Func<string> f)
            {
                string r;
                try { r = f(); }
                catch (InvalidOperationException) { r = "!"; }
                parts.Add(name + "=" + r);
            }
            foreach (var fn in new[] { "toint", "tofloat", "tocomplex", "real", "imag", "num", "denom" })
                Try(fn, () => Short(Conv(fn, x)));
            foreach (var t in Enum.GetValues<BasicTarget>())
                Try(t.ToString(), () => RepFlags(x, t));
            return string.Join(" ", parts);
        }
    }
}
