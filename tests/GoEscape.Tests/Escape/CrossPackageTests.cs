using GoEscape.Escape;
using GoEscape.IR;
using static GoEscape.Tests.Escape.IrBuilder;
using Func = GoEscape.IR.Func;

namespace GoEscape.Tests.Escape;

/// <summary>
/// testdata/escape/xpkg: package lib is analyzed first and its tags exported; package main imports them
/// (as gc does through export data) and its calls use them.
/// </summary>
public sealed class CrossPackageTests
{
    private static IrBuilder BuildLib()
    {
        var b = new IrBuilder("lib/lib.go", "lib");
        var pInt = Ptr(IrType.Int);
        var global = new Name(b.P(3, 5), new IrSym(b.Pkg, "global"), pInt, Class.PEXTERN);

        // 5 func Identity(z *int) *int { return z }
        var identity = b.Func("Identity", 5, 6, null, [Par("z", pInt, 5, 15)], [Par("~r0", pInt, 5, 22)]);
        identity.Body(identity.Return(5, 30, identity["z"]));
        // 7 func Store(p *int) { global = p }
        var store = b.Func("Store", 7, 6, null, [Par("p", pInt, 7, 12)], []);
        store.Body(store.Assign(global, store["p"], 7, 29));
        // 9 type T struct{ p *int }
        var tT = b.Named("T", b.Struct(("p", pInt)));
        // 11 func (t *T) Get() *int { return t.p }
        var get = b.Func("(*T).Get", 11, 13, Par("t", Ptr(tT), 11, 7), [], [Par("~r0", pInt, 11, 19)]);
        get.Body(get.Return(11, 26, b.DotPtr(get["t"], "p", pInt, 11, 34)));
        return b;
    }

    /// <summary>Builds main against lib's exported tags.</summary>
    private static IrBuilder BuildMain(Dictionary<string, string[]> libTags)
    {
        var b = new IrBuilder("./main.go");
        var pInt = Ptr(IrType.Int);
        var libPkg = new IrPkg("x/lib", "lib");
        var identity = Imported(libPkg, "Identity", null, [Param("z", pInt)], [Param("~r0", pInt)]);
        EscapeExport.Apply(identity.Type!, libTags["Identity"]);
        var store = Imported(libPkg, "Store", null, [Param("p", pInt)], []);
        EscapeExport.Apply(store.Type!, libTags["Store"]);
        var tT = IrType.NewNamed(new IrSym(libPkg, "T")).SetUnderlying(IrType.NewStruct([new Field(new IrSym(libPkg, "p"), pInt)]));
        var get = Imported(libPkg, "(*T).Get", Param("t", Ptr(tT)), [], [Param("~r0", pInt)]);
        EscapeExport.Apply(get.Type!, libTags["(*T).Get"]);

        // 5 func f1() int { x := 0; return *lib.Identity(&x) }
        var f1 = b.Func("f1", 5, 6, null, [], [Par("~r0", IrType.Int, 5, 11)]);
        {
            var x = f1.Local("x", IrType.Int, 6, 2);
            f1.Body(f1.Define(x, b.Int(0, 6, 7), 6, 4), f1.Return(7, 2, b.Deref(b.Call(identity, 7, 22, b.AddrOf(x, 7, 23)), 7, 9)));
        }
        // 10 func f2() *int { y := 0; return lib.Identity(&y) }
        var f2 = b.Func("f2", 10, 6, null, [], [Par("~r0", pInt, 10, 11)]);
        {
            var y = f2.Local("y", IrType.Int, 11, 2);
            f2.Body(f2.Define(y, b.Int(0, 11, 7), 11, 4), f2.Return(12, 2, b.Call(identity, 12, 21, b.AddrOf(y, 12, 22))));
        }
        // 15 func f3() { z := 0; lib.Store(&z) }
        var f3 = b.Func("f3", 15, 6, null, [], []);
        {
            var z = f3.Local("z", IrType.Int, 16, 2);
            f3.Body(f3.Define(z, b.Int(0, 16, 7), 16, 4), b.Call(store, 17, 11, b.AddrOf(z, 17, 12)));
        }
        // 20 func f4() *int { t := &lib.T{}; return t.Get() }
        var f4 = b.Func("f4", 20, 6, null, [], [Par("~r0", pInt, 20, 11)]);
        {
            var t = f4.Local("t", Ptr(tT), 21, 2);
            f4.Body(
                f4.Define(t, b.PtrLit(b.StructLit(tT, 21, 13), 21, 7), 21, 4),
                f4.Return(22, 2, b.MethodCall(get, Ptr(tT), t, 22, 14)));
        }
        b.Func("main", 25, 6, null, [], []);
        return b;
    }

    private static (List<string> Lines, IrBuilder B) Run(IrBuilder b, int m) => (SeedTests.Run(b, m), b);

    [Fact]
    public void Lib_MatchesGc()
    {
        Assert.Equal(SeedTests.Expected("xpkg/lib.m1.txt"), Run(BuildLib(), 1).Lines);
        Assert.Equal(SeedTests.Expected("xpkg/lib.m2.txt"), Run(BuildLib(), 2).Lines);
    }

    [Fact]
    public void Main_UsesExportedTags_MatchesGc()
    {
        var (_, lib) = Run(BuildLib(), 0);
        var tags = EscapeExport.Collect(lib.Funcs);
        Assert.Equal("result0=0", EscapeExport.Describe(tags["Identity"][0]));
        Assert.Equal("heap=0", EscapeExport.Describe(tags["Store"][0]));
        Assert.Equal("result0=1", EscapeExport.Describe(tags["(*T).Get"][0]));
        Assert.Equal(SeedTests.Expected("xpkg/main.m1.txt"), Run(BuildMain(tags), 1).Lines);
        Assert.Equal(SeedTests.Expected("xpkg/main.m2.txt"), Run(BuildMain(tags), 2).Lines);
    }
}
