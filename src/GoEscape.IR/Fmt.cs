using System.Text;

namespace GoEscape.IR;

/// <summary>
/// Prints nodes the way gc's %v does in diagnostics (models ir/fmt.go: exprFmt with OpPrec, stmtFmt in
/// non-export mode): "&amp;MyBuffer{...}", "func literal", "... argument", "(*bytes.Buffer).Len(mb.buffer)".
/// </summary>
public static class Fmt
{
    public static string Node(Node? n)
    {
        var b = new StringBuilder();
        WriteNode(b, n);
        return b.ToString();
    }

    /// <summary>
    /// The text -m=2 prints after "can inline F with cost N as: " (models inline.noteInlinableFunc's
    /// <c>"%v { %v }", fn.Type(), fn.Body</c>): the function's type ("func(int) int", "method(*T) func() bool") and
    /// its body, statements separated by "; " (ir.Nodes.Format).
    /// </summary>
    public static string InlineBody(Func fn)
    {
        var b = new StringBuilder();
        b.Append(TypeFmt.Format(fn.Signature)).Append(" { ");
        WriteList(b, fn.Body, "; ");
        b.Append(" }");
        return b.ToString();
    }

    /// <summary>Models ir's fmtNode: statements via stmtFmt, expressions via exprFmt at precedence 0.</summary>
    public static void WriteNode(StringBuilder b, Node? n)
    {
        if (n == null) { b.Append("<nil>"); return; }
        if (OpInfo.Prec(n.Op) < 0) { Stmt(b, n); return; }
        Expr(b, n, 0);
    }

    /// <summary>Comma-separated list (%.v of ir.Nodes).</summary>
    public static void WriteList(StringBuilder b, IEnumerable<Node> l, string sep = ", ")
    {
        bool first = true;
        foreach (var n in l)
        {
            if (!first) b.Append(sep);
            first = false;
            WriteNode(b, n);
        }
    }

    private static void Stmt(StringBuilder b, Node n)
    {
        // models stmtFmt with exportFormat=false
        bool simpleinit = n.Init.Count == 1 && n.Init[0].Init.Count == 0 && n.Op is Op.OIF or Op.OFOR or Op.OSWITCH;
        switch (n)
        {
            case Decl d:
                b.Append("var ").Append(d.X.Sym.Name).Append(' ').Append(d.X.Type); break;
            case AssignStmt a:
                WriteNode(b, a.X); b.Append(a.Def ? " := " : " = "); WriteNode(b, a.Y); break;
            case AssignOpStmt a:
                if (a.IncDec) { WriteNode(b, a.X); b.Append(a.AsOp == Op.OADD ? "++" : "--"); break; }
                WriteNode(b, a.X); b.Append(' ').Append(OpInfo.Name(a.AsOp)).Append("= "); WriteNode(b, a.Y); break;
            case AssignListStmt a:
                WriteList(b, a.Lhs); b.Append(a.Def ? " := " : " = "); WriteList(b, a.Rhs); break;
            case BlockStmt bl:
                if (bl.List.Count != 0) WriteList(b, bl.List, "; ");
                break;
            case ReturnStmt r:
                b.Append("return "); WriteList(b, r.Results); break;
            case TailCallStmt t:
                b.Append("tailcall "); WriteNode(b, t.Call); break;
            case InlineMarkStmt m:
                b.Append("inlmark ").Append(m.Index); break;
            case GoDeferStmt g:
                b.Append(g.Op == Op.OGO ? "go " : "defer "); WriteNode(b, g.Call); break;
            case IfStmt i:
                if (simpleinit) { b.Append("if "); WriteNode(b, i.Init[0]); b.Append("; "); WriteNode(b, i.Cond); }
                else { b.Append("if "); WriteNode(b, i.Cond); }
                b.Append(" { "); WriteList(b, i.Body, "; "); b.Append(" }");
                if (i.Else.Count != 0) { b.Append(" else { "); WriteList(b, i.Else, "; "); b.Append(" }"); }
                break;
            case ForStmt or RangeStmt:
                b.Append("for loop"); break;
            case SelectStmt:
                b.Append("select statement"); break;
            case SwitchStmt:
                b.Append("switch statement"); break;
            case CaseClause cc:
                if (cc.List.Count != 0) { b.Append("case "); WriteList(b, cc.List); }
                else b.Append("default");
                b.Append(": "); WriteList(b, cc.Body, "; ");
                break;
            case CommClause cm:
                if (cm.Comm != null) { b.Append("case "); WriteNode(b, cm.Comm); }
                else b.Append("default");
                b.Append(": "); WriteList(b, cm.Body, "; ");
                break;
            case BranchStmt br:
                b.Append(OpInfo.Name(br.Op));
                if (br.Label != null) b.Append(' ').Append(br.Label.Name);
                break;
            case LabelStmt l:
                b.Append(l.Label.Name).Append(": "); break;
            default:
                b.Append("<node ").Append(OpInfo.Name(n.Op)).Append('>'); break;
        }
    }

    private static void Expr(StringBuilder b, Node? n, int prec)
    {
        // Skip implicit operations introduced during typechecking.
        while (n != null)
        {
            if (n.Implicit && n is AddrExpr { Op: Op.OADDR } a) { n = a.X; continue; }
            if (n.Implicit && n is StarExpr s) { n = s.X; continue; }
            if (n.Implicit && n is ConvExpr { Op: Op.OCONV or Op.OCONVNOP or Op.OCONVIFACE } c) { n = c.X; continue; }
            break;
        }
        if (n == null) { b.Append("<nil>"); return; }

        int nprec = OpInfo.Prec(n.Op);
        if (n.Op == Op.OTYPE && n.Type is { IsPtr: true }) nprec = OpInfo.Prec(Op.ODEREF);
        if (IsDynamicAssert(n)) nprec = 0; // ODYNAMICDOTTYPE has no precedence
        if (prec > nprec)
        {
            b.Append('('); WriteNode(b, n); b.Append(')');
            return;
        }

        switch (n)
        {
            case ParenExpr p: b.Append('('); WriteNode(b, p.X); b.Append(')'); break;
            case NilExpr: b.Append("nil"); break;
            case BasicLit lit: Literal(b, lit); break;
            case Func f: b.Append(f.Sym.Name); break;
            case Name nm:
                // ~b%d blank temporaries print as _
                if (nm.Sym.Name.StartsWith("~b", StringComparison.Ordinal)) { b.Append('_'); break; }
                b.Append(TypeFmt.SymString(nm.Sym)); break; // imported names print package-qualified
            case TypeNode t: b.Append(t.Type); break;
            case ClosureExpr: b.Append("func literal"); break;
            case AddrExpr { Op: Op.OPTRLIT } pl: b.Append('&'); WriteNode(b, pl.X); break;
            case CompLitExpr cl:
                if (cl.Implicit) { b.Append("... argument"); break; }
                b.Append(cl.Type).Append('{').Append(cl.List.Count != 0 ? "..." : "").Append('}');
                break;
            case KeyExpr k:
                if (k.Key != null && k.Value != null) { WriteNode(b, k.Key); b.Append(':'); WriteNode(b, k.Value); }
                else if (k.Key == null && k.Value != null) { b.Append(':'); WriteNode(b, k.Value); }
                else if (k.Key != null) { WriteNode(b, k.Key); b.Append(':'); }
                else b.Append(':');
                break;
            case StructKeyExpr sk: b.Append(sk.Field.Name).Append(':'); WriteNode(b, sk.Value); break;
            case SelectorExpr sel:
                Expr(b, sel.X, nprec);
                b.Append('.').Append(sel.Sel.Name);
                break;
            case TypeAssertExpr ta when IsDynamicAssert(ta):
                // In a shaped body an assertion to a type involving a shape is gc's ODYNAMICDOTTYPE(2) (reader's
                // exprAssert with a dynamic type), which exprFmt does not know.
                b.Append(ta.Op == Op.ODOTTYPE2 ? "<node DYNAMICDOTTYPE2>" : "<node DYNAMICDOTTYPE>");
                break;
            case TypeAssertExpr ta:
                Expr(b, ta.X, nprec);
                b.Append(".(").Append(ta.Type).Append(')');
                break;
            case IndexExpr ix:
                Expr(b, ix.X, nprec);
                b.Append('['); WriteNode(b, ix.Index); b.Append(']');
                break;
            case SliceExpr sl:
                Expr(b, sl.X, nprec);
                b.Append('[');
                if (sl.Low != null) WriteNode(b, sl.Low);
                b.Append(':');
                if (sl.High != null) WriteNode(b, sl.High);
                if (OpInfo.IsSlice3(sl.Op)) { b.Append(':'); if (sl.Max != null) WriteNode(b, sl.Max); }
                b.Append(']');
                break;
            case BinaryExpr { Op: Op.OCOMPLEX or Op.OCOPY or Op.OUNSAFEADD or Op.OUNSAFESLICE } bc:
                b.Append(OpInfo.Name(bc.Op)).Append('('); WriteNode(b, bc.X); b.Append(", "); WriteNode(b, bc.Y); b.Append(')');
                break;
            case ConvExpr cv:
                if (cv.Type == null || cv.Type.Sym == null) b.Append('(').Append(cv.Type).Append(')');
                else b.Append(cv.Type);
                b.Append('('); WriteNode(b, cv.X); b.Append(')');
                break;
            case UnaryExpr { Op: Op.OREAL or Op.OIMAG or Op.OCAP or Op.OCLEAR or Op.OCLOSE or Op.OLEN or Op.ONEW or Op.OPANIC } u:
                b.Append(OpInfo.Name(u.Op)).Append('(');
                // ONEW's operand is its type in gc (an OTYPE node); we print the element type.
                // In a shaped body a type involving a shape is an ODYNAMICTYPE node (reader.exprType), which exprFmt
                // does not know: "new(<node DYNAMICTYPE>)".
                if (u.Op == Op.ONEW && u.X is TypeNode tn)
                {
                    var ts = TypeFmt.Format(tn.Type!);
                    b.Append(ts.Contains("go.shape.", StringComparison.Ordinal) ? "<node DYNAMICTYPE>" : ts);
                }
                else WriteNode(b, u.X);
                b.Append(')');
                break;
            case CallExpr { Op: Op.OAPPEND or Op.ODELETE or Op.OMAKE or Op.OMAX or Op.OMIN or Op.ORECOVER or Op.OPRINT or Op.OPRINTLN } bi:
                b.Append(OpInfo.Name(bi.Op)).Append('(');
                WriteList(b, bi.Args);
                b.Append(bi.IsDDD ? "...)" : ")");
                break;
            case CallExpr call:
                Expr(b, call.Fun, nprec);
                b.Append('(');
                WriteList(b, call.Args);
                b.Append(call.IsDDD ? "...)" : ")");
                break;
            case InlinedCallExpr ic:
                if (ic.ReturnVars.Count == 1) { WriteNode(b, ic.ReturnVars[0]); break; }
                b.Append("(."); WriteList(b, ic.ReturnVars, "; "); b.Append(')');
                break;
            case MakeExpr mk:
                if (mk.Cap != null)
                {
                    b.Append("make(").Append(mk.Type).Append(", "); WriteNode(b, mk.Len); b.Append(", "); WriteNode(b, mk.Cap); b.Append(')');
                }
                else if (mk.Len != null && (mk.Op == Op.OMAKESLICE || mk.Len.Type is not { IsUntyped: true }))
                {
                    b.Append("make(").Append(mk.Type).Append(", "); WriteNode(b, mk.Len); b.Append(')');
                }
                else b.Append("make(").Append(mk.Type).Append(')');
                break;
            case UnaryExpr { Op: Op.OPLUS or Op.ONEG or Op.OBITNOT or Op.ONOT or Op.ORECV } un:
                b.Append(OpInfo.Name(un.Op));
                if (un.X.Op == un.Op) b.Append(' ');
                Expr(b, un.X, nprec + 1);
                break;
            case AddrExpr ad:
                b.Append('&');
                if (ad.X.Op == ad.Op) b.Append(' ');
                Expr(b, ad.X, nprec + 1);
                break;
            case StarExpr st:
                b.Append('*');
                Expr(b, st.X, nprec + 1);
                break;
            case BinaryExpr bin when nprec is >= 4 and <= 6 || bin.Op is Op.OADD or Op.OSUB or Op.OOR or Op.OXOR:
                Expr(b, bin.X, nprec);
                b.Append(' ').Append(OpInfo.Name(bin.Op)).Append(' ');
                Expr(b, bin.Y, nprec + 1);
                break;
            case LogicalExpr lg:
                Expr(b, lg.X, nprec);
                b.Append(' ').Append(OpInfo.Name(lg.Op)).Append(' ');
                Expr(b, lg.Y, nprec + 1);
                break;
            case SendStmt sd:
                Expr(b, sd.Chan, nprec);
                b.Append(" <- ");
                Expr(b, sd.Value, nprec + 1);
                break;
            case AddStringExpr adds:
                for (int i = 0; i < adds.List.Count; i++)
                {
                    if (i != 0) b.Append(" + ");
                    Expr(b, adds.List[i], nprec);
                }
                break;
            default:
                b.Append("<node ").Append(OpInfo.Name(n.Op)).Append('>');
                break;
        }
    }

    /// <summary>An assertion that gc's reader makes an ODYNAMICDOTTYPE(2): to a type involving a shape.</summary>
    private static bool IsDynamicAssert(Node n)
        => n is TypeAssertExpr { Type: { } t } && TypeFmt.Format(t).Contains("go.shape.", StringComparison.Ordinal);

    private static void Literal(StringBuilder b, BasicLit lit)
    {
        if (lit.Sym != null) { b.Append(TypeFmt.SymString(lit.Sym)); return; }
        var typ = lit.Type;
        var val = lit.Val;
        // Special case for rune constants.
        if ((ReferenceEquals(typ, IrType.Rune) || ReferenceEquals(typ, IrType.UntypedRune)) && val.Kind == ConstKind.Int
            && val.IntValue >= 0 && val.IntValue <= 0x10FFFF)
        {
            b.Append(StrLit.QuoteRune((int)val.IntValue));
            return;
        }
        // Only include typ if it's neither the default nor untyped type for the constant value.
        if (typ == null || IsDefaultOrUntyped(typ, val.Kind)) b.Append(val);
        else b.Append(typ).Append('(').Append(val).Append(')');
    }

    private static bool IsDefaultOrUntyped(IrType t, ConstKind k) => k switch
    {
        ConstKind.Bool => ReferenceEquals(t, IrType.Bool) || ReferenceEquals(t, IrType.UntypedBool),
        ConstKind.String => ReferenceEquals(t, IrType.String) || ReferenceEquals(t, IrType.UntypedString),
        ConstKind.Int => ReferenceEquals(t, IrType.Int) || ReferenceEquals(t, IrType.UntypedInt),
        ConstKind.Float => ReferenceEquals(t, IrType.Float64) || ReferenceEquals(t, IrType.UntypedFloat),
        ConstKind.Complex => ReferenceEquals(t, IrType.Complex128) || ReferenceEquals(t, IrType.UntypedComplex),
        _ => false,
    };
}
