namespace GoEscape.Types.Constant;

/// <summary>The kind of a constant value (models go/constant.Kind).</summary>
public enum ConstKind { Unknown, Bool, String, Int, Float, Complex }

/// <summary>The kind of a Go literal token passed to <see cref="Const.MakeFromLiteral"/>
/// (models token.INT, FLOAT, IMAG, CHAR, STRING).</summary>
public enum LiteralKind { Int, Float, Imag, Rune, String }

/// <summary>Binary operators accepted by <see cref="Const.BinaryOp"/>.
/// <see cref="IntQuo"/> is go/constant's token.QUO_ASSIGN: integer division of Int operands.</summary>
public enum BinaryOperator { Add, Sub, Mul, Quo, IntQuo, Rem, And, Or, Xor, AndNot, LogAnd, LogOr }

/// <summary>Unary operators accepted by <see cref="Const.UnaryOp"/>: + - ^ !.</summary>
public enum UnaryOperator { Plus, Minus, Xor, Not }

/// <summary>Shift operators accepted by <see cref="Const.Shift"/>.</summary>
public enum ShiftOperator { Shl, Shr }

/// <summary>Comparison operators accepted by <see cref="Const.Compare"/>.</summary>
public enum CompareOperator { Eql, Neq, Lss, Leq, Gtr, Geq }

/// <summary>Rounding modes of math/big used by go/constant.</summary>
public enum RoundingMode { ToNearestEven, ToZero, AwayFromZero }

/// <summary>Basic types a constant can be checked against (models the types2 basic kinds that
/// representableConst distinguishes; sizes are those of amd64).</summary>
public enum BasicTarget
{
    Bool, Int, Int8, Int16, Int32, Int64, Uint, Uint8, Uint16, Uint32, Uint64, Uintptr,
    Float32, Float64, Complex64, Complex128, String,
    UntypedBool, UntypedInt, UntypedRune, UntypedFloat, UntypedComplex, UntypedString,
}
