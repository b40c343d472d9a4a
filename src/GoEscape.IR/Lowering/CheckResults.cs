using GoEscape.Types;
using Tuple = GoEscape.Types.Tuple;
using GoEscape.Types.Constant;
using Syn = GoEscape.Syntax;

namespace GoEscape.IR.Lowering;

/// <summary>
/// What the lowering needs from the type checker, for one package (the subset of types2.Info that gc's noder
/// writer reads). The driver adapts the checker's side tables to it; keeping it an interface keeps the lowering
/// independent of how the checker stores its results.
/// </summary>
public interface ICheckResults
{
    /// <summary>The checked package.</summary>
    Package Package { get; }
    /// <summary>Recorded type of an expression (for untyped constants, the type after implicit conversion); null if none.</summary>
    GoType? TypeOf(Syn.Expr e);
    /// <summary>Constant value of an expression, if it is constant.</summary>
    ConstValue? ValueOf(Syn.Expr e);
    /// <summary>The expression denotes a type.</summary>
    bool IsType(Syn.Expr e);
    /// <summary>The expression denotes a builtin function.</summary>
    bool IsBuiltin(Syn.Expr e);
    /// <summary>Object defined (Defs) or used (Uses) by an identifier.</summary>
    GoObject? ObjectOf(Syn.Name n);
    /// <summary>Object defined by an identifier (Defs only).</summary>
    GoObject? DefOf(Syn.Name n);
    /// <summary>Implicitly declared objects (type switch clause variables, anonymous params).</summary>
    GoObject? ImplicitOf(Syn.Node n);
    /// <summary>Field or method selection of a selector expression (null for qualified identifiers).</summary>
    Selection? SelectionOf(Syn.SelectorExpr e);
    /// <summary>Type arguments of an instantiated generic function or type named by the identifier.</summary>
    IReadOnlyList<GoType>? TypeArgsOf(Syn.Name n);
    /// <summary>Package-level variable initializers in initialization order (types2.Info.InitOrder).</summary>
    IReadOnlyList<(IReadOnlyList<Var> Lhs, Syn.Expr Rhs)> InitOrder { get; }
    /// <summary>Language version of a file ("go1.22"), "" if unknown.</summary>
    string FileVersion(Syn.File f);
}
