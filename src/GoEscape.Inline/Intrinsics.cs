using System.Reflection;
using GoEscape.IR;

namespace GoEscape.Inline;

/// <summary>
/// The functions gc 1.27's SSA back end compiles as instructions rather than calls (ssagen.IsIntrinsicCall and
/// findIntrinsic), per architecture: the table is gc's own test table (ssagen/intrinsics_test.go wantIntrinsics,
/// built with GOPPC64=power10 and GORISCV64=rva23u64, so a few ppc64/riscv64 entries may differ from those
/// architectures' defaults). The inliner charges an intrinsic call like any other node.
/// </summary>
public static class Intrinsics
{
    private static readonly HashSet<(string Arch, string Pkg, string Fn)> Table = Load();

    private static HashSet<(string, string, string)> Load()
    {
        var set = new HashSet<(string, string, string)>();
        using var s = Assembly.GetExecutingAssembly().GetManifestResourceStream("GoEscape.Inline.Intrinsics.txt")
            ?? throw new InvalidOperationException("the intrinsics table is not embedded");
        using var r = new StreamReader(s);
        while (r.ReadLine() is { } line)
        {
            var f = line.Split(' ');
            if (f.Length == 3) set.Add((f[0], f[1], f[2]));
        }
        return set;
    }

    /// <summary>Models ssagen.IsIntrinsicCall.</summary>
    public static bool IsIntrinsicCall(CallExpr call, InlineOptions opts)
    {
        if (call.Fun is Name name) return IsIntrinsicSym(name.Sym, opts);
        if (call.Fun is { Op: Op.OMETHEXPR } && IrUtil.MethodExprName(call.Fun)?.Func is { } fn) return IsIntrinsicSym(fn.Sym, opts);
        return false;
    }

    /// <summary>Models ssagen.findIntrinsic != nil (soft-float and intrinsics-disabled builds are not modelled).</summary>
    public static bool IsIntrinsicSym(IrSym sym, InlineOptions opts)
    {
        if (sym.Pkg == null || sym.Pkg == IrPkg.Builtin) return false;
        string pkg = sym.Pkg.Path;
        // The race detector needs to be able to intercept these calls.
        if (opts.Race && pkg == "sync/atomic") return false;
        // instrumenting (race, msan, asan) drops runtime.slicebytetostringtmp
        if (opts.Race && pkg == "runtime" && sym.Name == "slicebytetostringtmp") return false;
        return Table.Contains((opts.GoArch, pkg, sym.Name));
    }
}
