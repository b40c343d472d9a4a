using GoEscape.Syntax;
using Xunit.Abstractions;

namespace GoEscape.Tests.Syntax;

/// <summary>Node positions: hand-checked cases of gc's conventions, //line directives, and a differential
/// comparison with go/ast (testdata/syntax/astpos/main.go) where both mean the same token.</summary>
public sealed class PositionTests(ITestOutputHelper output)
{
    private static T Find<T>(Node root, Func<T, bool>? pred = null) where T : Node
    {
        T? found = null;
        Walker.Inspect(root, n =>
        {
            if (found == null && n is T t && (pred == null || pred(t))) found = t;
            return found == null;
        });
        return found ?? throw new InvalidOperationException("not found: " + typeof(T).Name);
    }

    private static string LC(Pos p) => $"{p.Line}:{p.Col}";

    [SkippableFact]
    public void GcPositionConventions()
    {
        const string src = "package p\n\nfunc f(a, b int) int {\n\tx := a + b*2\n\ty := g(x).f[1:2]\n\tx++\n\tc <- x\n\tv := T{k: 1}\n\tgo h()\nL:\n\tfor range 3 {\n\t\tbreak L\n\t}\n\treturn y.(int)\n}\n";
        var (f, errs) = SyntaxTestEnv.Parse("p.go", src);
        Assert.Equal(0, errs.Count);
        var fd = (FuncDecl)f.DeclList[0];
        Assert.Equal("3:6", LC(fd.Pos));                       // token after 'func'
        Assert.Equal("3:7", LC(fd.Type.Pos));                  // '(' of the parameters
        Assert.Same(fd.Type.ParamList[0].Type, fd.Type.ParamList[1].Type); // a, b share one Type
        var body = fd.Body!.List;
        var def = (AssignStmt)body[0];
        Assert.Equal(Operator.Def, def.Op);
        Assert.Equal("4:4", LC(def.Pos));                      // ':='
        var add = (Operation)def.Rhs!;
        Assert.Equal("4:9", LC(add.Pos));                      // binary: the operator
        Assert.Equal("4:2", LC(Positions.StartPos(def)));     // left-most: x
        Assert.Equal("4:7", LC(Positions.StartPos(add)));
        Assert.Equal("4:14", LC(add.End));                    // just past '2'
        var sl = (SliceExpr)((AssignStmt)body[1]).Rhs!;
        Assert.Equal("5:13", LC(sl.Pos));                      // '['
        var ix = (SelectorExpr)sl.X;
        Assert.Equal("5:11", LC(ix.Pos));                      // '.'
        var call = (CallExpr)ix.X;
        Assert.Equal("5:8", LC(call.Pos));                     // '('
        Assert.Equal("5:10", LC(call.Rparen));
        var inc = (AssignStmt)body[2];
        Assert.Null(inc.Rhs);
        Assert.Equal(Operator.Add, inc.Op);
        Assert.Equal("6:3", LC(inc.Pos));
        Assert.Equal("7:4", LC(((SendStmt)body[3]).Pos));      // '<-'
        var cl = (CompositeLit)((AssignStmt)body[4]).Rhs!;
        Assert.Equal("8:8", LC(cl.Pos));                       // '{'
        Assert.Equal("8:10", LC(cl.ElemList[0].Pos));          // KeyValueExpr: ':'
        Assert.Equal("8:13", LC(cl.Rbrace));
        var gs = (CallStmt)body[5];
        Assert.Equal(Token.Go, gs.Tok);
        Assert.Equal("9:2", LC(gs.Pos));
        var ls = (LabeledStmt)body[6];
        Assert.Equal("10:2", LC(ls.Pos));                      // ':' (gc)
        var fs = (ForStmt)ls.Stmt;
        Assert.Equal("11:6", LC(((RangeClause)fs.Init!).Pos)); // 'range'
        var br = (BranchStmt)fs.Body.List[0];
        Assert.Same(fs, br.Target);
        var ret = (ReturnStmt)body[7];
        Assert.Equal("14:10", LC(ret.Results!.Pos));           // AssertExpr: '.'
        Assert.Equal("14:16", LC(ret.End));
        Assert.Equal("15:2", LC(fd.End));
    }

    [SkippableFact]
    public void LineDirectivesAreFollowedInPrintedPositions()
    {
        const string src = "package p\n\n//line foo.go:100\nvar a = 1\n/*line bar.go:7:20*/var b = 2\n//line :50:3\nvar c = 3\n";
        var (f, errs) = SyntaxTestEnv.Parse("/d/p.go", src);
        Assert.Equal(0, errs.Count);
        var a = ((VarDecl)f.DeclList[0]).NameList[0];
        Assert.Equal("/d/foo.go:100", a.Pos.Format());        // no column: //line without column
        Assert.Equal(4u, a.Pos.Line);                          // absolute position kept
        Assert.Equal("/d/foo.go:100[/d/p.go:4:5]", a.Pos.ToString());
        var b = ((VarDecl)f.DeclList[1]).NameList[0];
        Assert.Equal("/d/bar.go:7:24", b.Pos.Format());
        var c = ((VarDecl)f.DeclList[2]).NameList[0];
        Assert.Equal("/d/bar.go:50:7", c.Pos.Format());       // empty filename: previous one
    }

    [SkippableFact]
    public void OffsetsAndByteColumns()
    {
        const string src = "package p\n\nvar s = \"héllo\"; var t\t= 1\n";
        var (f, _) = SyntaxTestEnv.Parse("p.go", src);
        var t = ((VarDecl)f.DeclList[1]).NameList[0];
        Assert.Equal("3:23", LC(t.Pos));                       // é is 2 bytes; tab counts 1
        Assert.Equal(System.Text.Encoding.UTF8.GetBytes(src).AsSpan(0, t.Pos.Offset).Length, t.Pos.Offset);
        Assert.Equal((byte)'t', System.Text.Encoding.UTF8.GetBytes(src)[t.Pos.Offset]);
    }

    /// <summary>Compares positions with go/ast for a sample of standard library files.</summary>
    [SkippableFact]
    public void MatchesGoAstOnStdlibSample()
    {
        var goroot = SyntaxTestEnv.GoRoot;
        var tool = Path.Combine(Path.GetTempPath(), "goescape-astpos-" + Environment.ProcessId);
        var (code, so, se) = SyntaxTestEnv.RunGo(goroot, Path.Combine(SyntaxTestEnv.TestDataDir, "astpos"), "build", "-o", tool, "main.go");
        Assert.True(code == 0, so + se);
        try
        {
            var files = new List<string>();
            foreach (var pkg in new[] { "fmt", "strings", "sort", "slices", "maps", "iter", "go/ast", "net/http", "encoding/json", "cmd/compile/internal/syntax", "cmd/compile/internal/escape", "sync", "container/list" })
            {
                files.AddRange(Directory.GetFiles(Path.Combine(goroot, "src", pkg), "*.go").Order(StringComparer.Ordinal));
            }
            foreach (var t in Directory.GetFiles(Path.Combine(goroot, "test", "typeparam"), "*.go").Order(StringComparer.Ordinal))
            {
                if (!System.IO.File.ReadLines(t).First().Contains("errorcheck")) files.Add(t);
            }
            files.AddRange(Directory.GetFiles(Path.Combine(goroot, "test"), "range*.go").Order(StringComparer.Ordinal));
            files.Add(Path.Combine(goroot, "test", "escape2.go"));
            files.Add(Path.Combine(goroot, "test", "closure3.dir", "main.go"));
            var psi = new System.Diagnostics.ProcessStartInfo(tool) { RedirectStandardOutput = true, UseShellExecute = false };
            foreach (var f in files) psi.ArgumentList.Add(f);
            using var p = System.Diagnostics.Process.Start(psi)!;
            var expected = ParseDump(p.StandardOutput.ReadToEnd());
            p.WaitForExit();
            Assert.Equal(0, p.ExitCode);

            int compared = 0;
            foreach (var path in files)
            {
                if (!expected.ContainsKey(path)) continue; // go/parser rejected it
                var errs = new ErrorSink();
                var f = Parser.ParseFile(path, System.IO.File.ReadAllBytes(path), errs, ParseMode.CheckBranches);
                Assert.Equal(0, errs.Count);
                var ours = Dump(f);
                var exp = expected[path];
                exp.Sort(StringComparer.Ordinal);
                ours.Sort(StringComparer.Ordinal);
                var missing = Diff(exp, ours);
                var extra = Diff(ours, exp);
                Assert.True(missing.Count == 0 && extra.Count == 0,
                    $"{path}: go/ast only: {string.Join(", ", missing.Take(8))}; ours only: {string.Join(", ", extra.Take(8))}");
                compared += exp.Count;
            }
            output.WriteLine($"{files.Count} files, {compared} positions identical to go/ast");
        }
        finally
        {
            System.IO.File.Delete(tool);
        }
    }

    private static List<string> Diff(List<string> a, List<string> b)
    {
        var counts = new Dictionary<string, int>();
        foreach (var s in b) counts[s] = counts.GetValueOrDefault(s) + 1;
        var result = new List<string>();
        foreach (var s in a)
        {
            if (counts.GetValueOrDefault(s) > 0) counts[s]--;
            else result.Add(s);
        }
        return result;
    }

    private static Dictionary<string, List<string>> ParseDump(string text)
    {
        var result = new Dictionary<string, List<string>>();
        List<string>? cur = null;
        foreach (var line in text.Split('\n'))
        {
            if (line.StartsWith("FILE ", StringComparison.Ordinal)) result[line[5..]] = cur = new List<string>();
            else if (line.StartsWith("SKIP ", StringComparison.Ordinal)) cur = null;
            else if (line.Length > 0) cur?.Add(line);
        }
        return result;
    }

    // Same records as astpos/main.go, from our tree.
    private static List<string> Dump(GoEscape.Syntax.File file)
    {
        var list = new List<string>();
        var seen = new HashSet<Node>(ReferenceEqualityComparer.Instance);
        void P(string k, Pos p) => list.Add($"P {k} {p.Line}:{p.Col}");
        void E(string k, Pos p) => list.Add($"E {k} {p.Line}:{p.Col}");
        Walker.Inspect(file, n =>
        {
            if (!seen.Add(n)) return false; // shared Field types: once, as in go/ast
            switch (n)
            {
                case GoEscape.Syntax.File: break;
                case Name x:
                    if (x.Value == "_" && x.End == default) break; // synthesized
                    P("Name", x.Pos); E("Name", x.End); break;
                case BasicLit x: P("BasicLit", x.Pos); E("BasicLit", x.End); break;
                case CallExpr x: P("CallExpr", x.Pos); E("CallExpr", x.End); break;
                case Operation x: P("Operation", x.Pos); E("Operation", x.End); break;
                case IndexExpr x: P("IndexExpr", x.Pos); E("IndexExpr", x.End); break;
                case SliceExpr x: P("SliceExpr", x.Pos); E("SliceExpr", x.End); break;
                case SelectorExpr x: E("SelectorExpr", x.End); break;
                case CompositeLit x: P("CompositeLit", x.Pos); E("CompositeLit", x.End); break;
                case KeyValueExpr x: P("KeyValueExpr", x.Pos); E("KeyValueExpr", x.End); break;
                case FuncLit x: P("FuncLit", x.Pos); E("FuncLit", x.End); break;
                case AssertExpr x: E("Assert", x.End); break;
                case TypeSwitchGuard x: E("Assert", x.End); break;
                case ArrayType x: P("ArrayType", x.Pos); E("ArrayType", x.End); break;
                case SliceType x: P("ArrayType", x.Pos); E("ArrayType", x.End); break;
                case MapType x: P("MapType", x.Pos); E("MapType", x.End); break;
                case StructType x: P("StructType", x.Pos); E("StructType", x.End); break;
                case InterfaceType x: P("InterfaceType", x.Pos); E("InterfaceType", x.End); break;
                case ChanType x:
                    if (x.Dir != ChanDir.RecvOnly) P("ChanType", x.Pos);
                    E("ChanType", x.End);
                    break;
                case AssignStmt x: P("AssignStmt", x.Pos); E("AssignStmt", x.End); break;
                case SendStmt x: P("SendStmt", x.Pos); E("SendStmt", x.End); break;
                case BlockStmt x: P("BlockStmt", x.Pos); E("BlockStmt", x.End); break;
                case IfStmt x: P("IfStmt", x.Pos); E("IfStmt", x.End); break;
                case ForStmt x: P("ForStmt", x.Pos); E("ForStmt", x.End); break;
                case RangeClause x: P("RangeClause", x.Pos); break;
                case SwitchStmt x: P("SwitchStmt", x.Pos); E("SwitchStmt", x.End); break;
                case SelectStmt x: P("SelectStmt", x.Pos); E("SelectStmt", x.End); break;
                case ReturnStmt x: P("ReturnStmt", x.Pos); E("ReturnStmt", x.End); break;
                case BranchStmt x: P("BranchStmt", x.Pos); E("BranchStmt", x.End); break;
                case CallStmt x: P("CallStmt", x.Pos); E("CallStmt", x.End); break;
                case LabeledStmt x: P("LabeledStmt", x.Pos); break;
                case CaseClause x: P("CaseClause", x.Pos); break;
                case CommClause x: P("CommClause", x.Pos); break;
                case FuncDecl x:
                    P("FuncDecl", x.Pos); E("FuncDecl", x.End);
                    // FuncBody is a BlockStmt in both; bodies of func decls/lits are BlockStmts in go/ast too
                    break;
                case TypeDecl x: P("TypeDecl", x.Pos); E("TypeDecl", x.End); break;
                case VarDecl x: P("ValueDecl", x.Pos); E("ValueDecl", x.End); break;
                case ConstDecl x: P("ValueDecl", x.Pos); E("ValueDecl", x.End); break;
                case ImportDecl x: E("ImportDecl", x.End); break;
            }
            return true;
        });
        return list;
    }
}

public sealed class ParseFilesTests
{
    [SkippableFact]
    public void ParallelParseKeepsInputOrder()
    {
        var files = Enumerable.Range(0, 50).Select(i => ($"f{i}.go", System.Text.Encoding.UTF8.GetBytes(
            i % 7 == 0 ? $"package p\nvar x{i} = )\n" : $"package p\nvar x{i} = {i}\n"))).ToList();
        var errs = new ErrorSink();
        var result = Parser.ParseFiles(files, errs);
        for (int i = 0; i < files.Count; i++)
        {
            Assert.Equal($"x{i}", ((VarDecl)result[i].DeclList[0]).NameList[0].Value);
        }
        Assert.Equal(Enumerable.Range(0, 50).Where(i => i % 7 == 0).Select(i => $"f{i}.go:2:{9 + i.ToString().Length}: syntax error: unexpected ), expected expression"),
            errs.Sorted().Select(e => e.ToString())); // gc shows one syntax error per line
    }
}
