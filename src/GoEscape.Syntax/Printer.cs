using System.Text;

namespace GoEscape.Syntax;

/// <summary>
/// Prints nodes in gc's ShortForm (models syntax.String / printer.go with form ShortForm): one line,
/// non-empty function bodies and composite literal bodies as "{…}". Used in gc's error messages
/// ("cannot use x = y as value") and by types2-style messages of later stages.
/// </summary>
public static class Printer
{
    public static string String(Node? n)
    {
        var sb = new StringBuilder();
        Print(sb, n);
        return sb.ToString();
    }

    private static void Print(StringBuilder sb, Node? n)
    {
        switch (n)
        {
            case null: return;
            case BadExpr: sb.Append("<bad expr>"); break;
            case Name x: sb.Append(x.Value); break;
            case BasicLit x: sb.Append(x.Value); break;
            case FuncLit x:
                Print(sb, x.Type);
                sb.Append(' ');
                sb.Append(x.Body != null && x.Body.List.Count > 0 ? "{…}" : "{}");
                break;
            case CompositeLit x:
                Print(sb, x.Type);
                sb.Append(x.ElemList.Count > 0 ? "{…}" : "{}");
                break;
            case ParenExpr x: sb.Append('('); Print(sb, x.X); sb.Append(')'); break;
            case SelectorExpr x: Print(sb, x.X); sb.Append('.'); Print(sb, x.Sel); break;
            case IndexExpr x: Print(sb, x.X); sb.Append('['); Print(sb, x.Index); sb.Append(']'); break;
            case SliceExpr x:
                Print(sb, x.X); sb.Append('[');
                Print(sb, x.Index[0]); sb.Append(':'); Print(sb, x.Index[1]);
                if (x.Index[2] != null) { sb.Append(':'); Print(sb, x.Index[2]); }
                sb.Append(']');
                break;
            case AssertExpr x: Print(sb, x.X); sb.Append(".("); Print(sb, x.Type); sb.Append(')'); break;
            case TypeSwitchGuard x:
                if (x.Lhs != null) { Print(sb, x.Lhs); sb.Append(" := "); }
                Print(sb, x.X); sb.Append(".(type)");
                break;
            case CallExpr x:
                Print(sb, x.Fun); sb.Append('(');
                PrintList(sb, x.ArgList);
                if (x.HasDots) sb.Append("...");
                sb.Append(')');
                break;
            case Operation x:
                if (x.Y == null) { sb.Append(x.Op.String()); Print(sb, x.X); }
                else { Print(sb, x.X); sb.Append(' ').Append(x.Op.String()).Append(' '); Print(sb, x.Y); }
                break;
            case KeyValueExpr x: Print(sb, x.Key); sb.Append(": "); Print(sb, x.Value); break;
            case ListExpr x: PrintList(sb, x.ElemList); break;
            case ArrayType x:
                sb.Append('[');
                if (x.Len != null) Print(sb, x.Len); else sb.Append("...");
                sb.Append(']'); Print(sb, x.Elem);
                break;
            case SliceType x: sb.Append("[]"); Print(sb, x.Elem); break;
            case DotsType x: sb.Append("..."); Print(sb, x.Elem); break;
            case StructType x:
                sb.Append("struct{");
                PrintFieldList(sb, x.FieldList, x.TagList);
                sb.Append('}');
                break;
            case FuncType x: sb.Append("func"); PrintSignature(sb, x); break;
            case InterfaceType x:
                sb.Append("interface{");
                for (int i = 0; i < x.MethodList.Count; i++)
                {
                    if (i > 0) sb.Append("; ");
                    var m = x.MethodList[i];
                    if (m.Name != null && m.Type is FuncType ft) { Print(sb, m.Name); PrintSignature(sb, ft); }
                    else Print(sb, m.Type);
                }
                sb.Append('}');
                break;
            case MapType x: sb.Append("map["); Print(sb, x.Key); sb.Append(']'); Print(sb, x.Value); break;
            case ChanType x:
                if (x.Dir == ChanDir.RecvOnly) sb.Append("<-");
                sb.Append("chan");
                if (x.Dir == ChanDir.SendOnly) sb.Append("<-");
                sb.Append(' ');
                if (x.Dir == ChanDir.Both && x.Elem is ChanType { Dir: ChanDir.RecvOnly })
                {
                    sb.Append('('); Print(sb, x.Elem); sb.Append(')');
                }
                else Print(sb, x.Elem);
                break;
            case Field x:
                if (x.Name != null) { Print(sb, x.Name); sb.Append(' '); }
                Print(sb, x.Type);
                break;
            // statements
            case EmptyStmt: break;
            case ExprStmt x: Print(sb, x.X); break;
            case SendStmt x: Print(sb, x.Chan); sb.Append(" <- "); Print(sb, x.Value); break;
            case AssignStmt x:
                Print(sb, x.Lhs);
                if (x.Rhs == null) { sb.Append(x.Op.String()).Append(x.Op.String()); }
                else { sb.Append(' ').Append(x.Op.String()).Append("= "); Print(sb, x.Rhs); }
                break;
            case RangeClause x:
                if (x.Lhs != null) { Print(sb, x.Lhs); sb.Append(x.Def ? " := " : " = "); }
                sb.Append("range "); Print(sb, x.X);
                break;
            case CallStmt x: sb.Append(x.Tok.String()).Append(' '); Print(sb, x.Call); break;
            case ReturnStmt x:
                sb.Append("return");
                if (x.Results != null) { sb.Append(' '); Print(sb, x.Results); }
                break;
            case BranchStmt x:
                sb.Append(x.Tok.String());
                if (x.Label != null) { sb.Append(' '); Print(sb, x.Label); }
                break;
            case LabeledStmt x: Print(sb, x.Label); sb.Append(": "); Print(sb, x.Stmt); break;
            case BlockStmt x:
                sb.Append('{');
                for (int i = 0; i < x.List.Count; i++) { sb.Append(i == 0 ? " " : "; "); Print(sb, x.List[i]); }
                sb.Append(x.List.Count > 0 ? " }" : "}");
                break;
            case IfStmt x:
                sb.Append("if ");
                if (x.Init != null) { Print(sb, x.Init); sb.Append("; "); }
                Print(sb, x.Cond); sb.Append(' '); Print(sb, x.Then);
                if (x.Else != null) { sb.Append(" else "); Print(sb, x.Else); }
                break;
            case ForStmt x:
                sb.Append("for ");
                if (x.Init is RangeClause) { Print(sb, x.Init); sb.Append(' '); }
                else if (x.Init == null && x.Post == null) { if (x.Cond != null) { Print(sb, x.Cond); sb.Append(' '); } }
                else { Print(sb, x.Init); sb.Append("; "); Print(sb, x.Cond); sb.Append("; "); if (x.Post != null) { Print(sb, x.Post); sb.Append(' '); } }
                Print(sb, x.Body);
                break;
            case SwitchStmt x:
                sb.Append("switch ");
                if (x.Init != null) { Print(sb, x.Init); sb.Append("; "); }
                if (x.Tag != null) { Print(sb, x.Tag); sb.Append(' '); }
                sb.Append(x.Body.Count > 0 ? "{…}" : "{}");
                break;
            case SelectStmt x: sb.Append("select ").Append(x.Body.Count > 0 ? "{…}" : "{}"); break;
            case DeclStmt x:
                for (int i = 0; i < x.DeclList.Count; i++) { if (i > 0) sb.Append("; "); Print(sb, x.DeclList[i]); }
                break;
            case ImportDecl x:
                sb.Append("import ");
                if (x.LocalPkgName != null) { Print(sb, x.LocalPkgName); sb.Append(' '); }
                Print(sb, x.Path);
                break;
            case ConstDecl x: PrintValueSpec(sb, "const ", x.NameList, x.Type, x.Values); break;
            case VarDecl x: PrintValueSpec(sb, "var ", x.NameList, x.Type, x.Values); break;
            case TypeDecl x:
                sb.Append("type "); Print(sb, x.Name);
                if (x.TParamList != null) PrintParams(sb, x.TParamList, '[', ']');
                sb.Append(x.Alias ? " = " : " ");
                Print(sb, x.Type);
                break;
            case FuncDecl x:
                sb.Append("func ");
                if (x.Recv != null) { sb.Append('('); Print(sb, x.Recv); sb.Append(") "); }
                Print(sb, x.Name);
                if (x.TParamList != null) PrintParams(sb, x.TParamList, '[', ']');
                PrintSignature(sb, x.Type);
                if (x.Body != null) sb.Append(x.Body.List.Count > 0 ? " {…}" : " {}");
                break;
            case File x: sb.Append("package "); Print(sb, x.PkgName); break;
            case CaseClause x: sb.Append(x.Cases == null ? "default:" : "case " + String(x.Cases) + ":"); break;
            case CommClause x: sb.Append(x.Comm == null ? "default:" : "case " + String(x.Comm) + ":"); break;
        }
    }

    private static void PrintValueSpec(StringBuilder sb, string kw, List<Name> names, Expr? type, Expr? values)
    {
        sb.Append(kw);
        for (int i = 0; i < names.Count; i++) { if (i > 0) sb.Append(", "); sb.Append(names[i].Value); }
        if (type != null) { sb.Append(' '); Print(sb, type); }
        if (values != null) { sb.Append(" = "); Print(sb, values); }
    }

    private static void PrintList(StringBuilder sb, List<Expr> list)
    {
        for (int i = 0; i < list.Count; i++) { if (i > 0) sb.Append(", "); Print(sb, list[i]); }
    }

    private static void PrintSignature(StringBuilder sb, FuncType sig)
    {
        PrintParams(sb, sig.ParamList, '(', ')');
        var list = sig.ResultList;
        if (list.Count > 0)
        {
            sb.Append(' ');
            if (list.Count == 1 && list[0].Name == null) Print(sb, list[0].Type);
            else PrintParams(sb, list, '(', ')');
        }
    }

    private static void PrintParams(StringBuilder sb, List<Field> list, char open, char close)
    {
        sb.Append(open);
        for (int i = 0; i < list.Count; i++)
        {
            if (i > 0) sb.Append(", ");
            var f = list[i];
            if (f.Name != null)
            {
                Print(sb, f.Name);
                if (i + 1 < list.Count && list[i + 1].Name != null && ReferenceEquals(list[i + 1].Type, f.Type)) continue;
                sb.Append(' ');
            }
            Print(sb, f.Type);
        }
        sb.Append(close);
    }

    // models printer.printFieldList: consecutive fields sharing one Type print as "a, b T"
    private static void PrintFieldList(StringBuilder sb, List<Field> fields, List<BasicLit?> tags)
    {
        int i0 = 0;
        Expr? typ = null;
        bool first = true;
        for (int i = 0; i < fields.Count; i++)
        {
            var f = fields[i];
            if (f.Name == null || !ReferenceEquals(f.Type, typ))
            {
                if (i0 < i)
                {
                    if (!first) sb.Append("; ");
                    first = false;
                    PrintFields(sb, fields, tags, i0, i);
                    i0 = i;
                }
                typ = f.Type;
            }
        }
        if (fields.Count > 0)
        {
            if (!first) sb.Append("; ");
            PrintFields(sb, fields, tags, i0, fields.Count);
        }
    }

    private static void PrintFields(StringBuilder sb, List<Field> fields, List<BasicLit?> tags, int i, int j)
    {
        if (i + 1 == j && fields[i].Name == null) Print(sb, fields[i].Type);
        else
        {
            for (int k = i; k < j; k++) { if (k > i) sb.Append(", "); Print(sb, fields[k].Name); }
            sb.Append(' ');
            Print(sb, fields[i].Type);
        }
        if (i < tags.Count && tags[i] != null) { sb.Append(' '); Print(sb, tags[i]); }
    }
}
