namespace GoEscape.Types.Constant;

/// <summary>
/// Bridge for the model's Universe, written against the temporary ConstValue stub (ConstValue.MakeBool/MakeInt64/
/// MakeUnknown): forwards to the real go/constant clone (Const.*). Remove once Model/Universe.cs calls Const directly.
/// </summary>
internal static class ConstValueBridge
{
    extension(ConstValue)
    {
        public static ConstValue MakeBool(bool b) => Const.MakeBool(b);
        public static ConstValue MakeInt64(long x) => Const.MakeInt64(x);
        public static ConstValue MakeUnknown() => Const.MakeUnknown();
    }
}
