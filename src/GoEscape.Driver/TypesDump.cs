using System.Text;
using GoEscape.Syntax;
using GoEscape.Types;

namespace GoEscape.Driver;

/// <summary>
/// Prints the checker's side tables in the format of tests/oracle/typesdump/main.go (the go/types harness): per
/// package "# path" then sorted lines "file:L:C-L:C KIND text". Positions are go/ast's start and end positions of the
/// corresponding go/ast nodes; file paths are relative to the parent of the package directory (or to root).
/// </summary>
public static class TypesDump
{
    private readonly record struct Entry(string File, int Off, int End, string Text);

    public static void Write(TextWriter w, Compilation c, string? root)
    {
        var roots = new HashSet<string>();
        foreach (var r in c.Load.Roots) roots.Add(r.ImportPath);
        foreach (var u in c.Packages)
        {
            if (!roots.Contains(u.ImportPath) || u.Loaded.IsUnsafe) continue;
            string bse = root ?? Path.GetDirectoryName(u.Loaded.Dir) ?? u.Loaded.Dir;
            WritePackage(w, u, bse);
        }
    }

    public static void WritePackage(TextWriter w, PackageUnit u, string bse)
    {
        var es = new List<Entry>();
        var info = u.Info;
        if (info != null)
        {
            string Rel(string? file)
            {
                if (string.IsNullOrEmpty(file)) return "-";
                var rel = Path.GetRelativePath(bse, file);
                return rel;
            }
            string LC(Pos p) => $"{p.Line}:{p.Col}";
            void Add(Pos start, Pos end, string kind, string text)
            {
                if (!start.IsKnown) { es.Add(new Entry("-", 0, 0, $"--{(end.IsKnown ? LC(end) : "-")} {kind} {text}")); return; }
                var file = Rel(start.FileBase?.Filename);
                es.Add(new Entry(file, start.Offset, end.Offset, $"{LC(start)}-{LC(end)} {kind} {text}"));
            }
            string TS(GoType? t) => t == null ? "<nil>" : GoTypes.TypeString(t, null);
            string Obj(GoObject? o)
            {
                if (o == null) return "<nil>";
                string kind = o switch
                {
                    Var => "var",
                    Const => "const",
                    TypeName => "typename",
                    Func => "func",
                    PkgName => "pkgname",
                    Label => "label",
                    Builtin => "builtin",
                    Nil => "nil",
                    _ => "object",
                };
                string pkg = o.Pkg?.Path ?? "-";
                string pos = o.Pos.IsKnown ? $"{Rel(o.Pos.File)}:{o.Pos.Line}:{o.Pos.Col}" : "-:-";
                return $"{kind} {pkg}.{o.Name} {TS(o.Type)}@{pos}";
            }
            // go/ast starts a function type at its func keyword (gc's syntax at its parameter list), except for
            // interface methods, which have no keyword
            var ifaceMethods = new HashSet<FuncType>(ReferenceEqualityComparer.Instance);
            var funcLits = new Dictionary<FuncType, Pos>(ReferenceEqualityComparer.Instance);
            foreach (var e in info.Types.Keys)
            {
                if (e is InterfaceType it) foreach (var m in it.MethodList) if (m.Name != null && m.Type is FuncType mt) ifaceMethods.Add(mt);
                if (e is FuncLit fl) funcLits[fl.Type] = fl.Pos;
            }
            Pos Start(Node n)
            {
                if (n is not FuncType ft) return Checker.StartPos(n);
                if (funcLits.TryGetValue(ft, out var kw)) return kw;
                return ifaceMethods.Contains(ft) ? ft.Pos : ft.Pos.Shift(-4);
            }
            foreach (var (e, tv) in info.Types)
            {
                string mode = tv.Mode switch
                {
                    ExprMode.NoValue => "void",
                    ExprMode.TypeExpr => "type",
                    ExprMode.Builtin => "builtin",
                    _ when tv.Value != null => "const",
                    _ when tv.IsNil => "nil",
                    ExprMode.Variable => "var",
                    ExprMode.MapIndex => "mapindex",
                    ExprMode.CommaOk or ExprMode.CommaErr => "commaok",
                    _ => "value",
                };
                string text = mode + " " + (tv.Mode == ExprMode.NoValue ? "()" : TS(tv.Type));
                if (tv.Value != null) text += " = " + tv.Value.ExactString();
                Add(Start(e), e.End, "E", text);
            }
            foreach (var (id, o) in info.Defs) Add(id.Pos, id.End, "D", id.Value + " " + Obj(o));
            foreach (var (id, o) in info.Uses) Add(id.Pos, id.End, "U", id.Value + " " + Obj(o));
            foreach (var (n, o) in info.Implicits)
            {
                switch (n)
                {
                    case ImportDecl d:
                        Add(d.LocalPkgName?.Pos ?? d.Path!.Pos, d.Path!.End, "I", "import " + Obj(o));
                        break;
                    case CaseClause cc:
                        Add(cc.Pos, cc.Body.Count > 0 ? cc.Body[^1].End : cc.Colon.Shift(1), "I", "case " + Obj(o));
                        break;
                    case Field f:
                        Add(Start(f.Type), f.Type.End, "I", "field " + Obj(o));
                        break;
                }
            }
            foreach (var (s, sel) in info.Selections)
            {
                string kind = sel.Kind switch { SelectionKind.FieldVal => "field", SelectionKind.MethodVal => "method", _ => "methodexpr" };
                string idx = "[" + string.Join(" ", sel.Index) + "]";
                Add(Checker.StartPos(s), s.End, "S", $"{kind} {Obj(sel.Obj)} {idx} indirect={(sel.Indirect ? "true" : "false")} recv={TS(sel.Recv)}");
            }
            foreach (var (id, inst) in info.Instances)
            {
                var targs = new List<string>();
                for (int i = 0; i < inst.TypeArgs.Len; i++) targs.Add(TS(inst.TypeArgs.At(i)));
                Add(id.Pos, id.End, "N", $"[{string.Join(", ", targs)}] {TS(inst.Type)}");
            }
        }
        es.Sort((a, b) =>
        {
            int c = string.CompareOrdinal(a.File, b.File);
            if (c != 0) return c;
            if (a.Off != b.Off) return a.Off.CompareTo(b.Off);
            if (a.End != b.End) return a.End.CompareTo(b.End);
            return string.CompareOrdinal(a.Text, b.Text);
        });
        var sb = new StringBuilder();
        sb.Append("# ").Append(u.ImportPath).Append('\n');
        foreach (var e in es) sb.Append(e.File).Append(':').Append(e.Text).Append('\n');
        w.Write(sb.ToString());
    }
}
