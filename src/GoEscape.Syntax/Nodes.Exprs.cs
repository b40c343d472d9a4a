namespace GoEscape.Syntax;

public abstract class Expr : Node
{
}

/// <summary>Placeholder for an expression that failed to parse.</summary>
public sealed class BadExpr : Expr
{
    public override NodeKind Kind => NodeKind.BadExpr;
}

/// <summary>An identifier. Value is interned per parse.</summary>
public sealed class Name : Expr
{
    public override NodeKind Kind => NodeKind.Name;
    public string Value { get; set; }
    public Name(Pos pos, string value) { Pos = pos; Value = value; }
}

/// <summary>A literal token, Value is its source text.</summary>
public sealed class BasicLit : Expr
{
    public override NodeKind Kind => NodeKind.BasicLit;
    public string Value { get; set; } = "";
    public LitKind LitKind { get; set; }
    /// <summary>true means the literal Value has syntax errors.</summary>
    public bool Bad { get; set; }
}

/// <summary>Type { ElemList[0], ElemList[1], ... }. Pos is the '{'.</summary>
public sealed class CompositeLit : Expr
{
    public override NodeKind Kind => NodeKind.CompositeLit;
    /// <summary>null means no literal type (elided in an outer literal).</summary>
    public Expr? Type { get; set; }
    public List<Expr> ElemList { get; } = new();
    /// <summary>Number of elements with keys.</summary>
    public int NKeys { get; set; }
    public Pos Rbrace { get; set; }
}

/// <summary>Key: Value. Pos is the ':'.</summary>
public sealed class KeyValueExpr : Expr
{
    public override NodeKind Kind => NodeKind.KeyValueExpr;
    public Expr Key { get; set; } = null!;
    public Expr Value { get; set; } = null!;
}

/// <summary>func Type { Body }. Pos is 'func'.</summary>
public sealed class FuncLit : Expr
{
    public override NodeKind Kind => NodeKind.FuncLit;
    public FuncType Type { get; set; } = null!;
    public BlockStmt Body { get; set; } = null!;
}

/// <summary>(X). Only kept where gc keeps it (before '{' and in go/defer operands).</summary>
public sealed class ParenExpr : Expr
{
    public override NodeKind Kind => NodeKind.ParenExpr;
    public Expr X { get; set; } = null!;
}

/// <summary>X.Sel. Pos is the '.'.</summary>
public sealed class SelectorExpr : Expr
{
    public override NodeKind Kind => NodeKind.SelectorExpr;
    public Expr X { get; set; } = null!;
    public Name Sel { get; set; } = null!;
}

/// <summary>X[Index] or X[T1, T2, ...] (Index is then a ListExpr). Pos is the '['.</summary>
public sealed class IndexExpr : Expr
{
    public override NodeKind Kind => NodeKind.IndexExpr;
    public Expr X { get; set; } = null!;
    public Expr Index { get; set; } = null!;
}

/// <summary>X[Index[0] : Index[1] : Index[2]]; entries may be null. Pos is the '['.</summary>
public sealed class SliceExpr : Expr
{
    public override NodeKind Kind => NodeKind.SliceExpr;
    public Expr X { get; set; } = null!;
    /// <summary>Three entries, each may be null.</summary>
    public Expr?[] Index { get; } = new Expr?[3];
    /// <summary>Full slice expression (3 indices).</summary>
    public bool Full { get; set; }
}

/// <summary>X.(Type). Pos is the '.'.</summary>
public sealed class AssertExpr : Expr
{
    public override NodeKind Kind => NodeKind.AssertExpr;
    public Expr X { get; set; } = null!;
    public Expr Type { get; set; } = null!;
}

/// <summary>[Lhs :=] X.(type). Pos is the '.'.</summary>
public sealed class TypeSwitchGuard : Expr
{
    public override NodeKind Kind => NodeKind.TypeSwitchGuard;
    /// <summary>null means no Lhs :=.</summary>
    public Name? Lhs { get; set; }
    public Expr X { get; set; } = null!;
}

/// <summary>Unary (Y == null) or binary operation. Pos is the operator (for unary: the operator, which is leftmost).
/// Also used for pointer types (*T: Op == Mul, Y == null) and type-set terms (~T, A|B).</summary>
public sealed class Operation : Expr
{
    public override NodeKind Kind => NodeKind.Operation;
    public Operator Op { get; set; }
    public Expr X { get; set; } = null!;
    /// <summary>null means unary expression.</summary>
    public Expr? Y { get; set; }
}

/// <summary>Fun(ArgList...). Pos is the '('.</summary>
public sealed class CallExpr : Expr
{
    public override NodeKind Kind => NodeKind.CallExpr;
    public Expr Fun { get; set; } = null!;
    public List<Expr> ArgList { get; set; } = new();
    /// <summary>Last argument is followed by ...</summary>
    public bool HasDots { get; set; }
    /// <summary>Position of the closing ')' (not in gc's node; default if missing).</summary>
    public Pos Rparen { get; set; }
}

/// <summary>ElemList[0], ElemList[1], ... (at least 2 elements). Pos is that of the first element.</summary>
public sealed class ListExpr : Expr
{
    public override NodeKind Kind => NodeKind.ListExpr;
    public List<Expr> ElemList { get; set; } = new();
}

/// <summary>[Len]Elem. Pos is the '['.</summary>
public sealed class ArrayType : Expr
{
    public override NodeKind Kind => NodeKind.ArrayType;
    /// <summary>null means Len is "..." ([...]T).</summary>
    public Expr? Len { get; set; }
    public Expr Elem { get; set; } = null!;
}

/// <summary>[]Elem. Pos is the '['.</summary>
public sealed class SliceType : Expr
{
    public override NodeKind Kind => NodeKind.SliceType;
    public Expr Elem { get; set; } = null!;
}

/// <summary>...Elem (final variadic parameter). Pos is the '...'.</summary>
public sealed class DotsType : Expr
{
    public override NodeKind Kind => NodeKind.DotsType;
    public Expr Elem { get; set; } = null!;
}

/// <summary>struct { FieldList[i] TagList[i]; ... }. Pos is 'struct'.</summary>
public sealed class StructType : Expr
{
    public override NodeKind Kind => NodeKind.StructType;
    public List<Field> FieldList { get; } = new();
    /// <summary>i &gt;= TagList.Count || TagList[i] == null means no tag for field i.</summary>
    public List<BasicLit?> TagList { get; } = new();
}

/// <summary>
/// [Name] Type: a struct field, parameter, result, type parameter or interface element.
/// Names declared in one list (a, b int) share the SAME Type object (reference-identical), as in gc.
/// Pos: the name if present, else the start of the type.
/// </summary>
public sealed class Field : Node
{
    public override NodeKind Kind => NodeKind.Field;
    /// <summary>null means anonymous field/parameter, or embedded element (interfaces).</summary>
    public Name? Name { get; set; }
    /// <summary>Never null after parsing (may be BadExpr).</summary>
    public Expr Type { get; set; } = null!;
}

/// <summary>interface { MethodList[0]; ... }. Pos is 'interface'.</summary>
public sealed class InterfaceType : Expr
{
    public override NodeKind Kind => NodeKind.InterfaceType;
    public List<Field> MethodList { get; } = new();
}

/// <summary>func(ParamList) ResultList. Pos: as in gc, the token after 'func' / the function name, i.e. the '('
/// of the parameters or the '[' of type parameters (for interface methods: the '(' after the method name).</summary>
public sealed class FuncType : Expr
{
    public override NodeKind Kind => NodeKind.FuncType;
    public List<Field> ParamList { get; set; } = new();
    public List<Field> ResultList { get; set; } = new();
}

/// <summary>map[Key]Value. Pos is 'map'.</summary>
public sealed class MapType : Expr
{
    public override NodeKind Kind => NodeKind.MapType;
    public Expr Key { get; set; } = null!;
    public Expr Value { get; set; } = null!;
}

/// <summary>chan Elem, &lt;-chan Elem, chan&lt;- Elem. Pos is 'chan' or the '&lt;-' of &lt;-chan.</summary>
public sealed class ChanType : Expr
{
    public override NodeKind Kind => NodeKind.ChanType;
    public ChanDir Dir { get; set; }
    public Expr Elem { get; set; } = null!;
}
