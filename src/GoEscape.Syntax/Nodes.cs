namespace GoEscape.Syntax;

// Syntax tree nodes, shaped like gc's cmd/compile/internal/syntax/nodes.go: same node kinds, same fields,
// same meaning. Conventions:
//  * Pos is EXACTLY the position gc's parser assigns (the position gc's error messages and -m print):
//    for terminals the token start; for non-terminals a token uniquely associated with the production
//    (usually the left-most one, but e.g. the operator of a binary Operation, the '(' of a CallExpr,
//    the '.' of a SelectorExpr, the '[' of an IndexExpr, the ':' of a KeyValueExpr, the operator of an
//    AssignStmt). Use Positions.StartPos(node) for the left-most position.
//  * End is the position just past the node's last token (for editor ranges / go/ast comparisons).
//    It is not known for nodes synthesized by the parser for error recovery (End == default).
//  * Fields documented "may be null" are the only nullable ones; lists are never null (maybe empty).
//  * Id: a per-file sequential number (1..File.NodeCount) assigned by the parser to every node it creates,
//    so later stages may keep side tables as arrays indexed by Id; nodes do not override Equals, so
//    reference-equality dictionaries (Dictionary<Expr, T>) work as well. Stages that build new nodes
//    leave Id == 0.

/// <summary>Discriminator for switch expressions over node kinds.</summary>
public enum NodeKind : byte
{
    File,
    // declarations
    ImportDecl, ConstDecl, TypeDecl, VarDecl, FuncDecl,
    // expressions
    BadExpr, Name, BasicLit, CompositeLit, KeyValueExpr, FuncLit, ParenExpr, SelectorExpr, IndexExpr, SliceExpr,
    AssertExpr, TypeSwitchGuard, Operation, CallExpr, ListExpr,
    ArrayType, SliceType, DotsType, StructType, Field, InterfaceType, FuncType, MapType, ChanType,
    // statements
    EmptyStmt, LabeledStmt, BlockStmt, ExprStmt, SendStmt, DeclStmt, AssignStmt, BranchStmt, CallStmt,
    ReturnStmt, IfStmt, ForStmt, SwitchStmt, SelectStmt, RangeClause, CaseClause, CommClause,
}

public abstract class Node
{
    // Per-thread id counter, active only while a parser runs on this thread.
    [ThreadStatic] private static int[]? t_ids;

    protected Node()
    {
        var c = t_ids;
        if (c != null) Id = ++c[0];
        IdentityHash = Syntax.IdentityHash.Next();
    }

    /// <summary>Hash code for side tables keyed by node identity (see <see cref="NodeIdentity"/>).</summary>
    public int IdentityHash { get; }

    internal static int[]? BeginIds()
    {
        var old = t_ids;
        t_ids = new int[1];
        return old;
    }

    internal static int EndIds(int[]? previous)
    {
        int n = t_ids![0];
        t_ids = previous;
        return n;
    }

    /// <summary>The position gc's parser associates with this node (see file comment).</summary>
    public Pos Pos { get; set; }
    /// <summary>Position just past the last token of the node (default if synthesized).</summary>
    public Pos End { get; set; }
    /// <summary>Per-file sequential node number (0 for nodes not created by the parser).</summary>
    public int Id { get; set; }
    public abstract NodeKind Kind { get; }
    public override string ToString() => Printer.String(this);
}

// ----------------------------------------------------------------------------
// Files

/// <summary>package PkgName; DeclList[0], DeclList[1], ...</summary>
public sealed class File : Node
{
    public override NodeKind Kind => NodeKind.File;
    /// <summary>Pragmas before the package clause; may be null.</summary>
    public Pragmas? Pragma { get; set; }
    public Name PkgName { get; set; } = null!;
    public List<Decl> DeclList { get; } = new();
    /// <summary>Position of EOF.</summary>
    public Pos EOF { get; set; }
    /// <summary>Minimum Go version from a //go:build line before the package clause ("" if none), e.g. "go1.21".</summary>
    public string GoVersion { get; set; } = "";
    /// <summary>Build constraint expression text from the //go:build line ("" if none).</summary>
    public string BuildConstraint { get; set; } = "";
    /// <summary>Number of node Ids assigned in this file (Ids are 1..NodeCount).</summary>
    public int NodeCount { get; set; }
    /// <summary>The file's PosBase.</summary>
    public PosBase Base { get; set; } = null!;
    /// <summary>All //go: directives seen in the file, in source order (including misplaced ones).</summary>
    public List<Directive> Directives { get; } = new();
    /// <summary>//go:linkname and //go:linknamestd directives (file-level, as gc's noder keeps them).</summary>
    public List<Linkname> Linknames { get; } = new();
    /// <summary>Byte offset of the start of each line (index 0 = line 1).</summary>
    public int[] LineStarts { get; set; } = [];
    /// <summary>True if the package clause was missing or broken (gc's fileOrNil returned nil); the tree is then empty.</summary>
    public bool Broken { get; set; }
}

// ----------------------------------------------------------------------------
// Declarations

public abstract class Decl : Node
{
    /// <summary>Pragmas preceding the declaration; may be null.</summary>
    public Pragmas? Pragma { get; set; }
}

/// <summary>All declarations belonging to the same parenthesized group point to the same Group object.</summary>
public sealed class Group
{
}

/// <summary>[LocalPkgName] Path</summary>
public sealed class ImportDecl : Decl
{
    public override NodeKind Kind => NodeKind.ImportDecl;
    /// <summary>null means not part of a group.</summary>
    public Group? Group { get; set; }
    /// <summary>Including "."; null means no rename present.</summary>
    public Name? LocalPkgName { get; set; }
    /// <summary>Path.Bad || Path.Kind == StringLit; null means no path.</summary>
    public BasicLit? Path { get; set; }
}

/// <summary>NameList [Type] [= Values]</summary>
public sealed class ConstDecl : Decl
{
    public override NodeKind Kind => NodeKind.ConstDecl;
    public Group? Group { get; set; }
    public List<Name> NameList { get; set; } = new();
    /// <summary>null means no type.</summary>
    public Expr? Type { get; set; }
    /// <summary>null means no values (a ListExpr if several).</summary>
    public Expr? Values { get; set; }
}

/// <summary>Name [TParamList] [=] Type</summary>
public sealed class TypeDecl : Decl
{
    public override NodeKind Kind => NodeKind.TypeDecl;
    public Group? Group { get; set; }
    public Name Name { get; set; } = null!;
    /// <summary>null means no type parameters.</summary>
    public List<Field>? TParamList { get; set; }
    public bool Alias { get; set; }
    public Expr Type { get; set; } = null!;
}

/// <summary>NameList Type [= Values] | NameList = Values</summary>
public sealed class VarDecl : Decl
{
    public override NodeKind Kind => NodeKind.VarDecl;
    public Group? Group { get; set; }
    public List<Name> NameList { get; set; } = new();
    /// <summary>null means no type.</summary>
    public Expr? Type { get; set; }
    /// <summary>null means no values (a ListExpr if several).</summary>
    public Expr? Values { get; set; }
}

/// <summary>func [Recv] Name [TParamList] Type [{ Body }]</summary>
public sealed class FuncDecl : Decl
{
    public override NodeKind Kind => NodeKind.FuncDecl;
    /// <summary>null means regular function.</summary>
    public Field? Recv { get; set; }
    public Name Name { get; set; } = null!;
    /// <summary>null means no type parameters.</summary>
    public List<Field>? TParamList { get; set; }
    public FuncType Type { get; set; } = null!;
    /// <summary>null means no body (forward declaration).</summary>
    public BlockStmt? Body { get; set; }
}
