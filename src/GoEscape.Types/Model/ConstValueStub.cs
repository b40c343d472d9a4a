// TEMPORARY stub until the `constant` branch lands: delete this file when merging it.
// Only the members the type model uses are declared (MakeBool, MakeInt64, MakeUnknown).
namespace GoEscape.Types.Constant;

public abstract class ConstValue
{
    private sealed class Stub(string s) : ConstValue { public override string ToString() => s; }
    public static ConstValue MakeBool(bool b) => new Stub(b ? "true" : "false");
    public static ConstValue MakeInt64(long x) => new Stub(x.ToString(System.Globalization.CultureInfo.InvariantCulture));
    public static ConstValue MakeUnknown() => new Stub("unknown");
}
