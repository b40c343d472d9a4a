using Tuple = GoEscape.Types.Tuple;
using Func = GoEscape.Types.Func;
using System.IO.Compression;
using System.Text;
using GoEscape.Types;
using Xunit.Abstractions;

namespace GoEscape.Tests.TypesModel;

/// <summary>
/// Differential test against go/types: testdata/typesmodel/stdlib.dump.gz holds the type graph of a set of standard
/// library packages as go/types sees them (written by testdata/typesmodel/dump with Go 1.27) plus go/types' answers:
/// ObjectString, TypeString (full path and RelativeTo), underlying types, method sets of T and *T, gc/amd64
/// Sizeof/Alignof, Comparable, and the underlying types of instances. The test rebuilds the graph with the C# model
/// (instances via Instantiate, so substitution and expansion are exercised) and compares every answer.
/// Set GOESCAPE_REGEN_GOLDEN=1 (with Go installed) to rewrite the dump.
/// </summary>
public sealed class StdlibDumpTests(ITestOutputHelper output)
{
    public static readonly string[] Packages =
    [
        "unsafe", "errors", "io", "fmt", "bytes", "strings", "strconv", "sort", "slices", "maps", "iter", "cmp", "sync",
        "sync/atomic", "context", "time", "os", "bufio", "reflect", "errors", "math/big", "container/list", "regexp",
        "encoding/json", "encoding/binary", "net/http", "net/netip", "go/ast", "go/types", "go/constant", "text/template",
        "unique", "iter", "runtime", "internal/abi", "log/slog", "hash/maphash", "database/sql",
    ];

    private static string SourceTestData([System.Runtime.CompilerServices.CallerFilePath] string here = "")
        => Path.Combine(Path.GetDirectoryName(here)!, "..", "testdata", "typesmodel");

    [SkippableFact]
    public void ModelAgreesWithGoTypesOnStdlib()
    {
        RegenerateIfAsked();
        var path = Path.Combine(SourceTestData(), "stdlib.dump.gz");
        if (!File.Exists(path)) path = Path.Combine(AppContext.BaseDirectory, "testdata", "typesmodel", "stdlib.dump.gz");
        Assert.True(File.Exists(path), "missing dump " + path);
        using var gz = new GZipStream(File.OpenRead(path), CompressionMode.Decompress);
        using var reader = new StreamReader(gz, Encoding.UTF8);
        var lines = new List<string[]>();
        for (string? line; (line = reader.ReadLine()) is not null;) lines.Add(line.Split('\t'));

        var loader = new DumpLoader(lines);
        var failures = new List<string>();
        int checks = 0;
        void Check(string what, string want, string got)
        {
            checks++;
            if (want != got) failures.Add($"{what}:\n    want {want}\n    got  {got}");
        }
        foreach (var f in lines)
        {
            switch (f[0])
            {
                case "XO":
                    {
                        var obj = loader.Obj(int.Parse(f[1]));
                        Check("ObjectString " + obj.Name, Unquote(f[2]), Guard(() => GoTypes.ObjectString(obj, null)));
                        break;
                    }
                case "XT":
                    {
                        var t = loader.Type(int.Parse(f[1]));
                        var pkg = loader.CurrentPkg!;
                        Check("TypeString", Unquote(f[2]), Guard(() => GoTypes.TypeString(t, null)));
                        Check("TypeString(RelativeTo)", Unquote(f[3]), Guard(() => GoTypes.TypeString(t, GoTypes.RelativeTo(pkg))));
                        Check("Underlying of " + Unquote(f[2]), Unquote(f[4]), Guard(() => GoTypes.TypeString(t.Underlying(), null)));
                        break;
                    }
                case "XM":
                    {
                        var t = loader.Type(int.Parse(f[1]));
                        Check("MethodSet " + t, Unquote(f[2]), Guard(() => GoTypes.NewMethodSet(t).ToString()));
                        Check("MethodSet *" + t, Unquote(f[3]), Guard(() => GoTypes.NewMethodSet(new Pointer(t)).ToString()));
                        break;
                    }
                case "XS":
                    {
                        var t = loader.Type(int.Parse(f[1]));
                        Check("Sizeof/Alignof " + t, f[2] + " " + f[3], Guard(() => $"{GcSizes.Amd64.Sizeof(t)} {GcSizes.Amd64.Alignof(t)}"));
                        break;
                    }
                case "XC":
                    {
                        var t = loader.Type(int.Parse(f[1]));
                        Check("Comparable/IsInterface " + t, f[2] + " " + f[3], Guard(() => $"{(GoTypes.Comparable(t) ? 1 : 0)} {(GoTypes.IsInterface(t) ? 1 : 0)}"));
                        break;
                    }
                case "XI":
                    {
                        var t = loader.Type(int.Parse(f[1]));
                        Check("instance", Unquote(f[2]), Guard(() => GoTypes.TypeString(t, null)));
                        Check("instance underlying " + Unquote(f[2]), Unquote(f[3]), Guard(() => GoTypes.TypeString(t.Underlying(), null)));
                        break;
                    }
                case "XA":
                    {
                        var t = loader.Type(int.Parse(f[1]));
                        var i = (Named)loader.Type(int.Parse(f[2]));
                        var it = (Interface)i.Underlying();
                        var got = Guard(() =>
                        {
                            var (m, wrong) = GoTypes.MissingMethod(t, it, true);
                            return string.Join(" ", GoTypes.Implements(t, it) ? 1 : 0, GoTypes.Implements(new Pointer(t), it) ? 1 : 0,
                                GoTypes.AssignableTo(t, i) ? 1 : 0, GoTypes.ConvertibleTo(t, i) ? 1 : 0, m?.Name ?? "-", wrong ? 1 : 0);
                        });
                        Check($"Implements/MissingMethod({t}, {i})", string.Join(" ", f[3], f[4], f[5], f[6], Unquote(f[7]), f[8]), got);
                        break;
                    }
                case "XL":
                    {
                        var t = loader.Type(int.Parse(f[1]));
                        var pkg = loader.Pkg(Unquote(f[2]));
                        var name = Unquote(f[3]);
                        bool addressable = f[4] == "1";
                        var got = Guard(() =>
                        {
                            var (obj, index, indirect) = GoTypes.LookupFieldOrMethod(t, addressable, pkg, name);
                            return string.Join(" | ", obj is null ? "-" : GoTypes.ObjectString(obj, null),
                                "[" + string.Join(" ", index ?? []) + "]", indirect ? 1 : 0);
                        });
                        Check($"LookupFieldOrMethod({t}, {addressable}, {name})", string.Join(" | ", Unquote(f[5]), Unquote(f[6]), f[7]), got);
                        break;
                    }
                case "XF":
                    {
                        // XF pos tparams explicit-targs params args nil-flags want want-string
                        var tps = loader.TypeList(f[2]).Cast<TypeParam>().ToList();
                        var explicitTargs = loader.TypeList(f[3]);
                        var ps = (Tuple)loader.Type(int.Parse(f[4]));
                        var argTypes = loader.TypeList(f[5]);
                        var nils = f[6].Split(',').Skip(1).Select(x => x == "1").ToList();
                        var want = loader.TypeList(f[7]);
                        var args = argTypes.Select((t, i) => new InferArg(t, nils[i], "arg" + i)).ToList();
                        var got = Guard(() =>
                        {
                            // as types2's Checker.arguments does: rename the type parameters (recursive calls)
                            var (tps2, ps2) = Inference.RenameTParams(tps, ps);
                            var r = GoTypes.Infer(tps2, explicitTargs, (Tuple)ps2, args);
                            if (!r.Ok) return "error: " + r.Error;
                            for (int i = 0; i < want.Count; i++)
                                if (!GoTypes.Identical(want[i], r.Inferred![i])) return "not identical: " + string.Join(", ", r.Inferred.Select(x => x.ToString()));
                            return string.Join(", ", r.Inferred!.Select(x => x.ToString()));
                        });
                        Check("Infer at " + Unquote(f[1]), Unquote(f[8]), got);
                        break;
                    }
                case "SC":
                    loader.CurrentPkg = loader.Pkg(Unquote(f[1]));
                    break;
            }
        }
        output.WriteLine($"{checks - failures.Count}/{checks} go/types answers reproduced");
        foreach (var fl in failures.Take(40)) output.WriteLine(fl);
        Assert.True(checks > 10000, $"only {checks} checks: dump too small?");
        Assert.True(failures.Count == 0, $"{failures.Count} of {checks} differ; first: {failures.FirstOrDefault()}");
    }

    private static string Guard(Func<string> f)
    {
        try { return f(); }
        catch (Exception e) { return "EXCEPTION " + e.GetType().Name + ": " + e.Message; }
    }

    private static void RegenerateIfAsked()
    {
        if (Environment.GetEnvironmentVariable("GOESCAPE_REGEN_GOLDEN") != "1") return;
        var goroot = Oracle.GoRoot();
        var psi = GoEscape.Harness.GoToolchain.StartInfo(goroot, Path.Combine(SourceTestData(), "dump"), ["run", "-mod=mod", ".", .. Packages.Distinct()]);
        psi.RedirectStandardError = false; // go run's errors go to the test log
        using var proc = System.Diagnostics.Process.Start(psi)!;
        using (var fs = File.Create(Path.Combine(SourceTestData(), "stdlib.dump.gz")))
        using (var gz = new GZipStream(fs, CompressionLevel.SmallestSize))
            proc.StandardOutput.BaseStream.CopyTo(gz);
        proc.WaitForExit();
        Assert.Equal(0, proc.ExitCode);
    }

    /// <summary>Go's strconv.Unquote for strconv.Quote output (\xNN are raw bytes of the UTF-8 encoding).</summary>
    internal static string Unquote(string s)
    {
        if (s.Length < 2 || s[0] != '"' || s[^1] != '"') throw new FormatException("not a quoted string: " + s);
        var bytes = new List<byte>(s.Length);
        var buf = new byte[4];
        for (int i = 1; i < s.Length - 1; i++)
        {
            char c = s[i];
            if (c != '\\')
            {
                int cp = c;
                if (char.IsHighSurrogate(c)) { cp = char.ConvertToUtf32(c, s[i + 1]); i++; }
                int n = new Rune(cp).EncodeToUtf8(buf);
                for (int k = 0; k < n; k++) bytes.Add(buf[k]);
                continue;
            }
            c = s[++i];
            switch (c)
            {
                case 'a': bytes.Add(7); break;
                case 'b': bytes.Add(8); break;
                case 'f': bytes.Add(12); break;
                case 'n': bytes.Add(10); break;
                case 'r': bytes.Add(13); break;
                case 't': bytes.Add(9); break;
                case 'v': bytes.Add(11); break;
                case '\\': bytes.Add((byte)'\\'); break;
                case '"': bytes.Add((byte)'"'); break;
                case '\'': bytes.Add((byte)'\''); break;
                case 'x': bytes.Add(Convert.ToByte(s.Substring(i + 1, 2), 16)); i += 2; break;
                case 'u' or 'U':
                    {
                        int len = c == 'u' ? 4 : 8;
                        int cp = Convert.ToInt32(s.Substring(i + 1, len), 16);
                        i += len;
                        int n = new Rune(cp).EncodeToUtf8(buf);
                        for (int k = 0; k < n; k++) bytes.Add(buf[k]);
                        break;
                    }
                default:
                    if (c is >= '0' and <= '7') { bytes.Add(Convert.ToByte(s.Substring(i, 3), 8)); i += 2; break; }
                    throw new FormatException("bad escape in " + s);
            }
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }

    /// <summary>Rebuilds the dumped graph with the C# model (ids resolved on demand).</summary>
    private sealed class DumpLoader
    {
        private readonly Dictionary<int, string[]> _types = [], _objs = [], _details = [], _funcSigs = [];
        private readonly Dictionary<int, GoType> _typeMemo = [];
        private readonly Dictionary<int, GoObject> _objMemo = [];
        private readonly Dictionary<string, Package> _pkgs = [];
        private readonly Context _ctxt = new();
        public Package? CurrentPkg;

        public DumpLoader(List<string[]> lines)
        {
            foreach (var f in lines)
            {
                switch (f[0])
                {
                    case "B" or "PTR" or "SL" or "AR" or "MAP" or "CH" or "ST" or "TU" or "SIG" or "IF" or "UN" or "NA" or "NI" or "TP" or "AL" or "ALI":
                        _types[int.Parse(f[1])] = f; break;
                    case "V" or "F" or "TN" or "C":
                        _objs[int.Parse(f[1])] = f; break;
                    case "FS":
                        _funcSigs[int.Parse(f[1])] = f; break;
                    case "NAD" or "TPC" or "ALD" or "IFD":
                        _details[int.Parse(f[1]) * 4 + f[0] switch { "NAD" => 0, "TPC" => 1, "ALD" => 2, _ => 3 }] = f; break;
                    case "TNT":
                        _details[-1 - int.Parse(f[1])] = f; break;
                    case "P":
                        Pkg(Unquote(f[1])).Name = Unquote(f[2]); break;
                    case "SC":
                        break;
                }
            }
            // materialise every type (so type names get their Named/Alias), then the package scopes
            foreach (var id in _types.Keys.Order().ToList()) Type(id);
            foreach (var f in lines)
                if (f[0] == "SC")
                {
                    var o = Obj(int.Parse(f[2]));
                    Pkg(Unquote(f[1])).Scope.Insert(o);
                }
        }

        public Package? PkgOrNull(string path) => path == "-" ? null : Pkg(path);

        public Package Pkg(string path)
        {
            if (path == "unsafe") return Universe.Unsafe;
            if (!_pkgs.TryGetValue(path, out var p))
                _pkgs[path] = p = new Package(path, path[(path.LastIndexOf('/') + 1)..]);
            return p;
        }

        public List<GoType> TypeList(string s) => [.. Ids(s).Select(Type)];

        private static int[] Ids(string s) => s == "-" ? [] : [.. s.Split(',').Where(x => x != "-").Select(int.Parse)];

        public GoObject Obj(int id)
        {
            if (_objMemo.TryGetValue(id, out var o)) return o;
            var f = _objs[id];
            var pkg = f[0] == "V" ? null : PkgOrNull(f[2]);
            var name = f[0] == "V" ? "" : Unquote(f[3]);
            switch (f[0])
            {
                case "TN":
                    {
                        if (pkg is null || pkg == Universe.Unsafe)
                        {
                            o = (pkg is null ? Universe.Lookup(name) : Universe.Unsafe.Scope.Lookup(name))!;
                            _objMemo[id] = o;
                            return o;
                        }
                        var tn = new TypeName(SourcePos.None, pkg, name, null);
                        _objMemo[id] = tn;
                        if (_details.TryGetValue(-1 - id, out var tnt)) tn.Type = Type(int.Parse(tnt[2]));
                        return tn;
                    }
                case "V":
                    {
                        // V id kind pkg name type embedded
                        var v = new Var((VarKind)int.Parse(f[2]), SourcePos.None, PkgOrNull(f[3]), Unquote(f[4]), null, f[6] == "1");
                        _objMemo[id] = v;
                        v.Type = Type(int.Parse(f[5]));
                        return v;
                    }
                case "F":
                    {
                        if (pkg is null && name == "Error") { _objMemo[id] = Universe.ErrorMethod; return Universe.ErrorMethod; }
                        var fn = new Func(SourcePos.None, pkg, name, null);
                        _objMemo[id] = fn;
                        fn.Type = Type(int.Parse(_funcSigs[id][2]));
                        return fn;
                    }
                case "C":
                    {
                        var c = new Const(SourcePos.None, pkg, name, null, GoEscape.Types.Constant.Const.MakeUnknown());
                        _objMemo[id] = c;
                        c.Type = Type(int.Parse(f[4]));
                        return c;
                    }
            }
            throw new InvalidOperationException("bad object record " + string.Join(" ", f));
        }

        public GoType Type(int id)
        {
            if (_typeMemo.TryGetValue(id, out var t)) return t;
            var f = _types[id];
            switch (f[0])
            {
                case "B":
                    {
                        var kind = (BasicKind)int.Parse(f[2]);
                        var name = Unquote(f[3]);
                        t = name == "byte" ? Universe.ByteType : name == "rune" ? Universe.RuneType : Universe.Typ[(int)kind];
                        break;
                    }
                case "PTR": t = new Pointer(Type(int.Parse(f[2]))); break;
                case "SL": t = new Slice(Type(int.Parse(f[2]))); break;
                case "AR": t = new GoEscape.Types.Array(Type(int.Parse(f[3])), long.Parse(f[2])); break;
                case "MAP": t = new Map(Type(int.Parse(f[2])), Type(int.Parse(f[3]))); break;
                case "CH": t = new Chan((ChanDir)int.Parse(f[2]), Type(int.Parse(f[3]))); break;
                case "ST":
                    {
                        var fields = Ids(f[3]).Select(i => (Var)Obj(i)).ToList();
                        var tags = f.Skip(4).Select(Unquote).ToList();
                        t = new Struct(fields, tags);
                        break;
                    }
                case "TU": t = new Tuple(Ids(f[2]).Select(i => (Var)Obj(i)).ToList()); break;
                case "SIG":
                    {
                        var recvId = int.Parse(f[2]);
                        var recv = recvId < 0 ? null : (Var)Obj(recvId);
                        var rtps = Ids(f[3]).Select(i => (TypeParam)Type(i)).ToList();
                        var tps = Ids(f[4]).Select(i => (TypeParam)Type(i)).ToList();
                        t = new Signature(recv, rtps, tps, (Tuple)Type(int.Parse(f[5])), (Tuple)Type(int.Parse(f[6])), f[7] == "1");
                        break;
                    }
                case "IF":
                    {
                        var iface = Interface.NewIncomplete();
                        if (f[2] == "1") iface.MarkImplicit();
                        _typeMemo[id] = iface;
                        var d = _details[id * 4 + 3];
                        foreach (var m in Ids(d[2])) iface.AddMethod((Func)Obj(m));
                        foreach (var e in Ids(d[3])) iface.AddEmbedded(Type(e));
                        iface.Complete();
                        return iface;
                    }
                case "UN":
                    t = new Union([.. f[2].Split(',').Select(x => x.Split(':')).Select(p => new Term(p[0] == "1", Type(int.Parse(p[1]))))]);
                    break;
                case "NA":
                    {
                        var obj = (TypeName)Obj(int.Parse(f[2]));
                        if (obj.Pkg is null || obj.Pkg == Universe.Unsafe) { t = obj.Type!; break; } // predeclared
                        var named = new Named(obj, null);
                        _typeMemo[id] = named;
                        var d = _details[id * 4 + 0];
                        var tps = Ids(d[2]).Select(i => (TypeParam)Type(i)).ToList();
                        if (tps.Count > 0) named.SetTypeParams(tps);
                        named.SetUnderlying(Type(int.Parse(d[3])));
                        foreach (var m in Ids(d[4])) named.AddMethod((Func)Obj(m));
                        return named;
                    }
                case "NI":
                case "ALI":
                    t = GoTypes.Instantiate(_ctxt, Type(int.Parse(f[2])), [.. Ids(f[3]).Select(Type)], false);
                    break;
                case "TP":
                    {
                        var obj = (TypeName)Obj(int.Parse(f[2]));
                        var tp = new TypeParam(obj, null);
                        _typeMemo[id] = tp;
                        tp.SetConstraint(Type(int.Parse(_details[id * 4 + 1][2])));
                        return tp;
                    }
                case "AL":
                    {
                        var obj = (TypeName)Obj(int.Parse(f[2]));
                        if (obj.Pkg is null) { t = obj.Type!; break; } // any
                        var alias = new Alias(obj, null);
                        _typeMemo[id] = alias;
                        var d = _details[id * 4 + 2];
                        var tps = Ids(d[2]).Select(i => (TypeParam)Type(i)).ToList();
                        if (tps.Count > 0) alias.SetTypeParams(tps);
                        alias.SetRhs(Type(int.Parse(d[3])));
                        return alias;
                    }
                default:
                    throw new InvalidOperationException("bad type record " + string.Join(" ", f));
            }
            _typeMemo[id] = t;
            return t;
        }
    }
}
