using GoEscape.Types.Constant;

namespace GoEscape.Tests;

/// <summary>
/// Workaround (lowering branch): TypesModel/TypeStringTests.cs was written against the model's temporary ConstValue stub
/// (ConstValue.MakeInt64); the checker's bridge for it is internal to GoEscape.Types, so the test assembly gets its own.
/// Remove once that test calls Const.MakeInt64.
/// </summary>
internal static class ConstValueTestBridge
{
    extension(ConstValue)
    {
        public static ConstValue MakeInt64(long x) => Const.MakeInt64(x);
    }
}
