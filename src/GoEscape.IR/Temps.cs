using System.Globalization;

namespace GoEscape.IR;

/// <summary>Compiler temporaries (models typecheck.TempAt and Func.NewLocal).</summary>
public static class Temps
{
    /// <summary>A new ".autotmp_N" local of fn, N being the number of declarations so far (gc's autotmpname(len(Dcl))).</summary>
    public static Name TempAt(XPos pos, Func fn, IrType type)
    {
        var sym = new IrSym(null, ".autotmp_" + fn.Dcl.Count.ToString(CultureInfo.InvariantCulture));
        var n = NewLocal(pos, fn, sym, type);
        n.Esc = Esc.Never;
        n.AutoTemp = true;
        return n;
    }

    /// <summary>Models Func.NewLocal: a PAUTO declared in fn.</summary>
    public static Name NewLocal(XPos pos, Func fn, IrSym sym, IrType type)
    {
        var n = new Name(pos, sym, type, Class.PAUTO) { Curfn = fn };
        fn.Dcl.Add(n);
        return n;
    }
}
