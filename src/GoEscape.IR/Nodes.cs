namespace GoEscape.IR;

/// <summary>Escape decision recorded on a node (models ir.EscUnknown/EscNone/EscHeap/EscNever).</summary>
public enum Esc : byte { Unknown, None, Heap, Never }

/// <summary>
/// An IR node shaped like gc's after typecheck. Fields are mutable because later passes rewrite the tree in
/// place as gc does (escape analysis rewrites make sizes to literals, go/defer calls are normalized, ...).
/// </summary>
public abstract class Node
{
    protected Node(Op op, XPos pos) { Op = op; Pos = pos; }

    public Op Op { get; set; }
    public XPos Pos { get; set; }
    public IrType? Type { get; set; }
    /// <summary>Statements to run before the node (gc's Init list).</summary>
    public List<Node> Init { get; } = [];
    /// <summary>Introduced implicitly by typecheck (implicit &amp;, *, conversions; "... argument" literals).</summary>
    public bool Implicit { get; set; }
    public Esc Esc { get; set; }

    public override string ToString() => Fmt.Node(this);
}

/// <summary>Variable classes (ir.Class).</summary>
public enum Class : byte { Pxxx, PEXTERN, PAUTO, PAUTOHEAP, PPARAM, PPARAMOUT, PTYPEPARAM, PFUNC }

/// <summary>ONAME: a variable or function name (ir.Name).</summary>
public sealed class Name : Node
{
    public Name(XPos pos, IrSym sym, IrType? type, Class cls) : base(Op.ONAME, pos) { Sym = sym; Type = type; Class = cls; }

    public IrSym Sym { get; set; }
    public Class Class { get; set; }
    /// <summary>Function that declares this variable (null for globals, functions, and params of bodyless funcs).</summary>
    public Func? Curfn { get; set; }
    /// <summary>For PFUNC names: the function. </summary>
    public Func? Func { get; set; }
    /// <summary>
    /// Initializing assignment (OAS/OAS2*/ORANGE/OTYPESW guard...) for locals; for closure variables, the
    /// captured (canonical) variable.
    /// </summary>
    public Node? Defn { get; set; }
    /// <summary>For closure variables: the variable in the immediately enclosing function.</summary>
    public Name? Outer { get; set; }
    public bool IsClosureVar { get; set; }
    public bool Addrtaken { get; set; }
    public bool AutoTemp { get; set; }
    /// <summary>Escape analysis's per-variable scratch (its location).</summary>
    public object? Opt { get; set; }

    private bool _byval;
    /// <summary>Closure variable captured by value (set on the canonical name by escape analysis).</summary>
    public bool Byval { get => Canonical()._byval; set => _byval = value; }

    /// <summary>Models ir.Name.Canonical: the original variable behind a closure variable.</summary>
    public Name Canonical() => IsClosureVar && Defn is Name d ? d : this;

    public bool IsBlank => Sym.IsBlank;
}

/// <summary>OLITERAL: a constant; a named constant keeps its symbol for printing.</summary>
public sealed class BasicLit : Node
{
    public BasicLit(XPos pos, IrType? type, IrConst val, IrSym? sym = null) : base(Op.OLITERAL, pos) { Type = type; Val = val; Sym = sym; }
    public IrConst Val { get; set; }
    public IrSym? Sym { get; set; }
}

public sealed class NilExpr : Node { public NilExpr(XPos pos, IrType? type) : base(Op.ONIL, pos) { Type = type; } }

/// <summary>OTYPE: a type used as an expression (e.g. the T in a method expression).</summary>
public sealed class TypeNode : Node { public TypeNode(XPos pos, IrType type) : base(Op.OTYPE, pos) { Type = type; } }

/// <summary>Unary ops and one-operand builtins (OLEN, OCAP, ONEW, OPANIC, ORECV, OCLEAR, OCLOSE, ...).</summary>
public sealed class UnaryExpr(Op op, XPos pos, Node x) : Node(op, pos) { public Node X { get; set; } = x; }

/// <summary>Binary ops and two-operand builtins (OCOPY, OCOMPLEX, OUNSAFEADD, OUNSAFESLICE, OUNSAFESTRING).</summary>
public sealed class BinaryExpr(Op op, XPos pos, Node x, Node y) : Node(op, pos)
{
    public Node X { get; set; } = x;
    public Node Y { get; set; } = y;
    public Node? RType { get; set; }
}

public sealed class LogicalExpr(Op op, XPos pos, Node x, Node y) : Node(op, pos)
{
    public Node X { get; set; } = x;
    public Node Y { get; set; } = y;
}

/// <summary>OADDR (&amp;x) and OPTRLIT (&amp;T{...}).</summary>
public sealed class AddrExpr(Op op, XPos pos, Node x) : Node(op, pos) { public Node X { get; set; } = x; }

/// <summary>ODEREF.</summary>
public sealed class StarExpr(XPos pos, Node x) : Node(Op.ODEREF, pos) { public Node X { get; set; } = x; }

/// <summary>ODOT, ODOTPTR, ODOTMETH, ODOTINTER, OMETHVALUE, OMETHEXPR.</summary>
public sealed class SelectorExpr(Op op, XPos pos, Node x, IrSym sel) : Node(op, pos)
{
    public Node X { get; set; } = x;
    public IrSym Sel { get; set; } = sel;
    /// <summary>The selected field or method; for methods, Nname is the method's PFUNC name (when known) and Type its signature with receiver.</summary>
    public Field? Selection { get; set; }
    public bool Transient { get; set; }
}

/// <summary>OINDEX, OINDEXMAP.</summary>
public sealed class IndexExpr(Op op, XPos pos, Node x, Node index) : Node(op, pos)
{
    public Node X { get; set; } = x;
    public Node Index { get; set; } = index;
}

/// <summary>OSLICE, OSLICEARR, OSLICESTR, OSLICE3, OSLICE3ARR.</summary>
public sealed class SliceExpr(Op op, XPos pos, Node x, Node? low, Node? high, Node? max) : Node(op, pos)
{
    public Node X { get; set; } = x;
    public Node? Low { get; set; } = low;
    public Node? High { get; set; } = high;
    public Node? Max { get; set; } = max;
}

/// <summary>Conversions: OCONV, OCONVNOP, OCONVIFACE, OBYTES2STR, OSTR2BYTES, ORUNES2STR, OSTR2RUNES, ORUNESTR, OSLICE2ARR, OSLICE2ARRPTR.</summary>
public sealed class ConvExpr : Node
{
    public ConvExpr(Op op, XPos pos, IrType type, Node x) : base(op, pos) { Type = type; X = x; }
    public Node X { get; set; }
}

/// <summary>Calls (OCALLFUNC, OCALLMETH, OCALLINTER) and list builtins (OAPPEND, ODELETE, OMIN, OMAX, ORECOVER, OPRINT, OPRINTLN).</summary>
public sealed class CallExpr(Op op, XPos pos, Node? fun, List<Node> args) : Node(op, pos)
{
    public Node? Fun { get; set; } = fun;
    public List<Node> Args { get; set; } = args;
    public bool IsDDD { get; set; }
    public Node? RType { get; set; }
    /// <summary>Compiler-generated runtime.KeepAlive-like call whose args are just kept live.</summary>
    public bool IsCompilerVarLive { get; set; }
    public List<Name> KeepAlive { get; } = [];
}

/// <summary>OMAKESLICE, OMAKEMAP, OMAKECHAN.</summary>
public sealed class MakeExpr(Op op, XPos pos, Node? len, Node? cap) : Node(op, pos)
{
    public Node? Len { get; set; } = len;
    public Node? Cap { get; set; } = cap;
}

/// <summary>OSTRUCTLIT, OARRAYLIT, OSLICELIT, OMAPLIT. Implicit slice literals print as "... argument".</summary>
public sealed class CompLitExpr(Op op, XPos pos, List<Node> list) : Node(op, pos)
{
    public List<Node> List { get; set; } = list;
    /// <summary>For OSLICELIT: length of the backing array.</summary>
    public long Len { get; set; }
    public bool Transient { get; set; }
}

/// <summary>OKEY: key:value in array, slice and map literals.</summary>
public sealed class KeyExpr(XPos pos, Node? key, Node? value) : Node(Op.OKEY, pos)
{
    public Node? Key { get; set; } = key;
    public Node? Value { get; set; } = value;
}

/// <summary>OSTRUCTKEY: field:value in struct literals (always keyed after typecheck).</summary>
public sealed class StructKeyExpr(XPos pos, IrSym field, Node value) : Node(Op.OSTRUCTKEY, pos)
{
    public IrSym Field { get; set; } = field;
    public Node Value { get; set; } = value;
}

/// <summary>OCLOSURE: a function literal.</summary>
public sealed class ClosureExpr(XPos pos, Func func) : Node(Op.OCLOSURE, pos)
{
    public Func Func { get; } = func;
    public bool IsGoWrap { get; set; }
    public bool Transient { get; set; }
}

/// <summary>ODOTTYPE, ODOTTYPE2: x.(T).</summary>
public sealed class TypeAssertExpr(Op op, XPos pos, Node x) : Node(op, pos) { public Node X { get; set; } = x; }

/// <summary>OADDSTR: s1 + s2 + ...</summary>
public sealed class AddStringExpr(XPos pos, List<Node> list) : Node(Op.OADDSTR, pos) { public List<Node> List { get; } = list; }

/// <summary>OINLCALL: an inlined call (body plus result variables).</summary>
public sealed class InlinedCallExpr(XPos pos, List<Node> body, List<Node> returnVars) : Node(Op.OINLCALL, pos)
{
    public List<Node> Body { get; } = body;
    public List<Node> ReturnVars { get; } = returnVars;
    public Node SingleResult() => ReturnVars[0];
}

public sealed class ParenExpr(XPos pos, Node x) : Node(Op.OPAREN, pos) { public Node X { get; set; } = x; }

/// <summary>The x.(type) guard of a type switch; Tag is the declared symbol (v := x.(type)) if any.</summary>
public sealed class TypeSwitchGuard(XPos pos, IrSym? tag, Node x) : Node(Op.OTYPESW, pos)
{
    public IrSym? Tag { get; set; } = tag;
    public Node X { get; set; } = x;
}

// ---------------- statements ----------------

/// <summary>OAS: X = Y (Y null means zeroing). Def marks "X := Y".</summary>
public sealed class AssignStmt(XPos pos, Node x, Node? y) : Node(Op.OAS, pos)
{
    public Node X { get; set; } = x;
    public Node? Y { get; set; } = y;
    public bool Def { get; set; }
}

/// <summary>OAS2, OAS2FUNC, OAS2DOTTYPE, OAS2MAPR, OAS2RECV, OSELRECV2.</summary>
public sealed class AssignListStmt(Op op, XPos pos, List<Node> lhs, List<Node> rhs) : Node(op, pos)
{
    public List<Node> Lhs { get; } = lhs;
    public List<Node> Rhs { get; } = rhs;
    public bool Def { get; set; }
}

/// <summary>OASOP: X op= Y, and X++ / X-- (IncDec).</summary>
public sealed class AssignOpStmt(XPos pos, Op asOp, Node x, Node y) : Node(Op.OASOP, pos)
{
    public Op AsOp { get; set; } = asOp;
    public Node X { get; set; } = x;
    public Node Y { get; set; } = y;
    public bool IncDec { get; set; }
}

public sealed class BlockStmt(XPos pos, List<Node> list) : Node(Op.OBLOCK, pos) { public List<Node> List { get; } = list; }

/// <summary>ODCL: var X (declaration point; sets the variable's loop depth).</summary>
public sealed class Decl(XPos pos, Name x) : Node(Op.ODCL, pos) { public Name X { get; set; } = x; }

public sealed class IfStmt(XPos pos, Node cond, List<Node> body, List<Node> els) : Node(Op.OIF, pos)
{
    public Node Cond { get; set; } = cond;
    public List<Node> Body { get; } = body;
    public List<Node> Else { get; } = els;
}

public sealed class ForStmt(XPos pos, Node? cond, Node? post, List<Node> body) : Node(Op.OFOR, pos)
{
    public Node? Cond { get; set; } = cond;
    public Node? Post { get; set; } = post;
    public List<Node> Body { get; } = body;
    public bool DistinctVars { get; set; }
}

public sealed class RangeStmt(XPos pos, Node x, Node? key, Node? value, List<Node> body) : Node(Op.ORANGE, pos)
{
    public Node X { get; set; } = x;
    public Node? Key { get; set; } = key;
    public Node? Value { get; set; } = value;
    public List<Node> Body { get; } = body;
    public bool DistinctVars { get; set; }
}

/// <summary>OCASE of a switch; Var is the per-clause variable of a type switch with a tag.</summary>
public sealed class CaseClause(XPos pos, List<Node> list, List<Node> body) : Node(Op.OCASE, pos)
{
    public Name? Var { get; set; }
    public List<Node> List { get; } = list;
    public List<Node> Body { get; } = body;
}

/// <summary>OSWITCH; a type switch has a <see cref="TypeSwitchGuard"/> Tag.</summary>
public sealed class SwitchStmt(XPos pos, Node? tag, List<CaseClause> cases) : Node(Op.OSWITCH, pos)
{
    public Node? Tag { get; set; } = tag;
    public List<CaseClause> Cases { get; } = cases;
}

public sealed class CommClause(XPos pos, Node? comm, List<Node> body) : Node(Op.OCASE, pos)
{
    public Node? Comm { get; set; } = comm;
    public List<Node> Body { get; } = body;
}

public sealed class SelectStmt(XPos pos, List<CommClause> cases) : Node(Op.OSELECT, pos) { public List<CommClause> Cases { get; } = cases; }

public sealed class ReturnStmt(XPos pos, List<Node> results) : Node(Op.ORETURN, pos) { public List<Node> Results { get; } = results; }

/// <summary>OGO/ODEFER. After normalization Call is a call of a parameterless closure (gc's wrapper "gowrap"/"deferwrap").</summary>
public sealed class GoDeferStmt(Op op, XPos pos, Node call) : Node(op, pos)
{
    public Node Call { get; set; } = call;
    /// <summary>For defers in range-over-func bodies: the frame the defer is attached to.</summary>
    public Node? DeferAt { get; set; }
}

public sealed class LabelStmt(XPos pos, IrSym label) : Node(Op.OLABEL, pos) { public IrSym Label { get; } = label; }

/// <summary>OBREAK, OCONTINUE, OGOTO, OFALL.</summary>
public sealed class BranchStmt(Op op, XPos pos, IrSym? label) : Node(op, pos) { public IrSym? Label { get; } = label; }

public sealed class SendStmt(XPos pos, Node ch, Node value) : Node(Op.OSEND, pos)
{
    public Node Chan { get; set; } = ch;
    public Node Value { get; set; } = value;
}

public sealed class TailCallStmt(XPos pos, CallExpr call) : Node(Op.OTAILCALL, pos) { public CallExpr Call { get; } = call; }

public sealed class InlineMarkStmt(XPos pos, long index) : Node(Op.OINLMARK, pos) { public long Index { get; } = index; }
