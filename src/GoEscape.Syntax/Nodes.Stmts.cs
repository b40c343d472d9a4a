namespace GoEscape.Syntax;

public abstract class Stmt : Node
{
}

/// <summary>Statements allowed in if/for/switch headers: EmptyStmt, ExprStmt, SendStmt, AssignStmt, RangeClause.</summary>
public abstract class SimpleStmt : Stmt
{
}

public sealed class EmptyStmt : SimpleStmt
{
    public override NodeKind Kind => NodeKind.EmptyStmt;
}

/// <summary>Label: Stmt. Pos is the ':'.</summary>
public sealed class LabeledStmt : Stmt
{
    public override NodeKind Kind => NodeKind.LabeledStmt;
    public Name Label { get; set; } = null!;
    public Stmt Stmt { get; set; } = null!;
}

/// <summary>{ List }. Pos is the '{'.</summary>
public sealed class BlockStmt : Stmt
{
    public override NodeKind Kind => NodeKind.BlockStmt;
    public List<Stmt> List { get; set; } = new();
    public Pos Rbrace { get; set; }
}

/// <summary>X. Pos is X.Pos.</summary>
public sealed class ExprStmt : SimpleStmt
{
    public override NodeKind Kind => NodeKind.ExprStmt;
    public Expr X { get; set; } = null!;
}

/// <summary>Chan &lt;- Value. Pos is the '&lt;-'.</summary>
public sealed class SendStmt : SimpleStmt
{
    public override NodeKind Kind => NodeKind.SendStmt;
    public Expr Chan { get; set; } = null!;
    public Expr Value { get; set; } = null!;
}

/// <summary>const/type/var declarations in a function. Pos is the keyword.</summary>
public sealed class DeclStmt : Stmt
{
    public override NodeKind Kind => NodeKind.DeclStmt;
    public List<Decl> DeclList { get; set; } = new();
}

/// <summary>
/// Lhs Op= Rhs. Op == None for '=', Def for ':=', else the operator of op=.
/// Rhs == null means Lhs++ (Op == Add) or Lhs-- (Op == Sub). Lhs/Rhs are ListExprs for multiple values.
/// Pos is the assignment operator token.
/// </summary>
public sealed class AssignStmt : SimpleStmt
{
    public override NodeKind Kind => NodeKind.AssignStmt;
    public Operator Op { get; set; }
    public Expr Lhs { get; set; } = null!;
    /// <summary>null means Lhs++ / Lhs--.</summary>
    public Expr? Rhs { get; set; }
}

/// <summary>break/continue/fallthrough/goto [Label]. Pos is the keyword.</summary>
public sealed class BranchStmt : Stmt
{
    public override NodeKind Kind => NodeKind.BranchStmt;
    /// <summary>Token.Break, Continue, Fallthrough, or Goto.</summary>
    public Token Tok { get; set; }
    /// <summary>May be null.</summary>
    public Name? Label { get; set; }
    /// <summary>
    /// Continuation of control flow after the branch, computed by branch checking (ParseMode.CheckBranches):
    /// a LabeledStmt for goto, a SwitchStmt/SelectStmt/ForStmt for break/continue; null for fallthrough or if unresolved.
    /// </summary>
    public Stmt? Target { get; set; }
}

/// <summary>go/defer Call. Pos is the keyword.</summary>
public sealed class CallStmt : Stmt
{
    public override NodeKind Kind => NodeKind.CallStmt;
    /// <summary>Token.Go or Token.Defer.</summary>
    public Token Tok { get; set; }
    /// <summary>The call (may be a non-call expression in erroneous code; parens are removed).</summary>
    public Expr Call { get; set; } = null!;
    /// <summary>Argument to runtime.deferprocat; set by later stages, null after parsing.</summary>
    public Expr? DeferAt { get; set; }
}

/// <summary>return [Results]. Pos is 'return'.</summary>
public sealed class ReturnStmt : Stmt
{
    public override NodeKind Kind => NodeKind.ReturnStmt;
    /// <summary>null means no explicit return values (ListExpr for several).</summary>
    public Expr? Results { get; set; }
}

/// <summary>if [Init;] Cond Then [else Else]. Pos is 'if'.</summary>
public sealed class IfStmt : Stmt
{
    public override NodeKind Kind => NodeKind.IfStmt;
    /// <summary>May be null.</summary>
    public SimpleStmt? Init { get; set; }
    /// <summary>Non-null after parsing (BadExpr on error) unless the header was malformed.</summary>
    public Expr? Cond { get; set; }
    public BlockStmt Then { get; set; } = null!;
    /// <summary>null, an IfStmt, or a BlockStmt.</summary>
    public Stmt? Else { get; set; }
}

/// <summary>for [Init]; [Cond]; [Post] Body, or for RangeClause Body (Init is the RangeClause). Pos is 'for'.</summary>
public sealed class ForStmt : Stmt
{
    public override NodeKind Kind => NodeKind.ForStmt;
    /// <summary>May be null; a RangeClause for range loops.</summary>
    public SimpleStmt? Init { get; set; }
    /// <summary>May be null.</summary>
    public Expr? Cond { get; set; }
    /// <summary>May be null.</summary>
    public SimpleStmt? Post { get; set; }
    public BlockStmt Body { get; set; } = null!;
}

/// <summary>switch [Init;] [Tag] { Body }. Tag may be a TypeSwitchGuard. Pos is 'switch'.</summary>
public sealed class SwitchStmt : Stmt
{
    public override NodeKind Kind => NodeKind.SwitchStmt;
    /// <summary>May be null.</summary>
    public SimpleStmt? Init { get; set; }
    /// <summary>May be null; a TypeSwitchGuard for type switches.</summary>
    public Expr? Tag { get; set; }
    public List<CaseClause> Body { get; } = new();
    public Pos Rbrace { get; set; }
}

/// <summary>select { Body }. Pos is 'select'.</summary>
public sealed class SelectStmt : Stmt
{
    public override NodeKind Kind => NodeKind.SelectStmt;
    public List<CommClause> Body { get; } = new();
    public Pos Rbrace { get; set; }
}

/// <summary>[Lhs = | Lhs :=] range X. Pos is 'range'.</summary>
public sealed class RangeClause : SimpleStmt
{
    public override NodeKind Kind => NodeKind.RangeClause;
    /// <summary>null means no Lhs = or Lhs :=; a ListExpr for k, v.</summary>
    public Expr? Lhs { get; set; }
    /// <summary>true means :=.</summary>
    public bool Def { get; set; }
    public Expr X { get; set; } = null!;
}

/// <summary>case Cases: Body / default: Body. Pos is 'case'/'default'.</summary>
public sealed class CaseClause : Node
{
    public override NodeKind Kind => NodeKind.CaseClause;
    /// <summary>null means default clause (ListExpr for several).</summary>
    public Expr? Cases { get; set; }
    public List<Stmt> Body { get; set; } = new();
    public Pos Colon { get; set; }
}

/// <summary>case Comm: Body / default: Body. Pos is 'case'/'default'.</summary>
public sealed class CommClause : Node
{
    public override NodeKind Kind => NodeKind.CommClause;
    /// <summary>Send or receive statement; null means default clause.</summary>
    public SimpleStmt? Comm { get; set; }
    public List<Stmt> Body { get; set; } = new();
    public Pos Colon { get; set; }
}
