namespace GoEscape.Syntax;

/// <summary>
/// Checks correct use of labels and branch statements (break, continue, fallthrough, goto) in a function
/// body and sets BranchStmt.Target (models gc's syntax/branches.go, run by the parser with CheckBranches).
/// It catches misplaced breaks, continues and fallthroughs; bad labeled breaks and continues; invalid,
/// unused, duplicate and missing labels; gotos jumping over variable declarations and into blocks.
/// Function literals inside the body are checked separately (when their own body is parsed).
/// </summary>
public static class Branches
{
    public static void Check(BlockStmt? body, Action<Pos, string> errh)
    {
        if (body == null) return;
        var ls = new LabelScope(errh);
        var fwdGotos = ls.BlockBranches(null, new Targets(null, null, -1), null, body.Pos, body.List);

        // Forward gotos left over: either the labels were never defined, or they are inside blocks.
        foreach (var fwd in fwdGotos)
        {
            string name = fwd.Label!.Value;
            if (ls.Labels != null && ls.Labels.TryGetValue(name, out var l))
            {
                l.Used = true; // avoid "defined and not used" error
                errh(fwd.Label.Pos, $"goto {name} jumps into block starting at {l.Parent.Start}");
            }
            else
            {
                errh(fwd.Label.Pos, $"label {name} not defined");
            }
        }

        // spec: "It is illegal to define a label that is never used."
        if (ls.Labels != null)
        {
            foreach (var l in ls.Labels.Values)
            {
                if (!l.Used) errh(l.LStmt.Label.Pos, $"label {l.LStmt.Label.Value} defined and not used");
            }
        }
    }

    private sealed class Label(Block parent, LabeledStmt lstmt)
    {
        public Block Parent = parent;
        public LabeledStmt LStmt = lstmt;
        public bool Used;
    }

    private sealed class Block(Block? parent, Pos start, LabeledStmt? lstmt)
    {
        public Block? Parent = parent;
        public Pos Start = start;
        public LabeledStmt? LStmt = lstmt;
    }

    private readonly record struct Targets(Stmt? Breaks, ForStmt? Continues, int CaseIndex);

    private static readonly LabeledStmt Invalid = new();

    private sealed class LabelScope(Action<Pos, string> errh)
    {
        public Dictionary<string, Label>? Labels; // insertion-ordered enough for our purposes

        private void Errf(Pos pos, string msg) => errh(pos, msg);

        private Label Declare(Block b, LabeledStmt s)
        {
            string name = s.Label.Value;
            if (Labels == null) Labels = new Dictionary<string, Label>();
            else if (Labels.TryGetValue(name, out var alt))
            {
                Errf(s.Label.Pos, $"label {name} already defined at {alt.LStmt.Label.Pos}");
                return alt;
            }
            var l = new Label(b, s);
            Labels[name] = l;
            return l;
        }

        private LabeledStmt? GotoTarget(Block? b, string name)
        {
            if (Labels != null && Labels.TryGetValue(name, out var l))
            {
                l.Used = true; // even if it's not a valid target
                for (; b != null; b = b.Parent)
                {
                    if (l.Parent == b) return l.LStmt;
                }
            }
            return null;
        }

        private LabeledStmt? EnclosingTarget(Block? b, string name)
        {
            if (Labels != null && Labels.TryGetValue(name, out var l))
            {
                l.Used = true; // even if it's not a valid target (see e.g., test/fixedbugs/bug136.go)
                for (; b != null; b = b.Parent)
                {
                    if (l.LStmt == b.LStmt) return l.LStmt;
                }
                return Invalid;
            }
            return null;
        }

        public List<BranchStmt> BlockBranches(Block? parent, Targets ctxt, LabeledStmt? lstmt, Pos start, List<Stmt> body)
        {
            System.Runtime.CompilerServices.RuntimeHelpers.EnsureSufficientExecutionStack(); // throws instead of overflowing
            var b = new Block(parent, start, lstmt);
            Pos varPos = default;
            Expr? varName = null;
            var fwdGotos = new List<BranchStmt>();
            var badGotos = new List<BranchStmt>();

            void RecordVarDecl(Pos pos, Expr name)
            {
                varPos = pos;
                varName = name;
                // Any existing forward goto jumping over the variable declaration is invalid.
                badGotos.Clear();
                badGotos.AddRange(fwdGotos);
            }

            bool JumpsOverVarDecl(BranchStmt fwd)
            {
                if (varPos.IsKnown)
                {
                    foreach (var bad in badGotos)
                    {
                        if (fwd == bad) return true;
                    }
                }
                return false;
            }

            void InnerBlock(Targets c, Pos st, List<Stmt> list)
            {
                // Unresolved forward gotos from the inner block become forward gotos for the current block.
                fwdGotos.AddRange(BlockBranches(b, c, lstmt, st, list));
            }

            // A fallthrough statement counts as last statement in a statement list even if there are
            // trailing empty statements; remove them.
            int n = body.Count;
            while (n > 0 && body[n - 1] is EmptyStmt) n--;

            for (int stmtIndex = 0; stmtIndex < n; stmtIndex++)
            {
                Stmt stmt = body[stmtIndex];
                lstmt = null;
            L:
                switch (stmt)
                {
                    case DeclStmt s:
                        foreach (var d in s.DeclList)
                        {
                            if (d is VarDecl v)
                            {
                                RecordVarDecl(v.Pos, v.NameList[0]);
                                break; // the first VarDecl will do
                            }
                        }
                        break;

                    case LabeledStmt s:
                        {
                            // declare non-blank label
                            string name = s.Label.Value;
                            if (name != "_")
                            {
                                var l = Declare(b, s);
                                // resolve matching forward gotos
                                int i = 0;
                                for (int k = 0; k < fwdGotos.Count; k++)
                                {
                                    var fwd = fwdGotos[k];
                                    if (fwd.Label!.Value == name)
                                    {
                                        fwd.Target = s;
                                        l.Used = true;
                                        if (JumpsOverVarDecl(fwd))
                                        {
                                            Errf(fwd.Label.Pos, $"goto {name} jumps over declaration of {Printer.String(varName)} at {varPos}");
                                        }
                                    }
                                    else
                                    {
                                        fwdGotos[i++] = fwd;
                                    }
                                }
                                fwdGotos.RemoveRange(i, fwdGotos.Count - i);
                                lstmt = s;
                            }
                            // process labeled statement
                            stmt = s.Stmt;
                            goto L;
                        }

                    case BranchStmt s:
                        if (s.Label == null)
                        {
                            switch (s.Tok)
                            {
                                case Token.Break:
                                    if (ctxt.Breaks != null) s.Target = ctxt.Breaks;
                                    else Errf(s.Pos, "break is not in a loop, switch, or select");
                                    break;
                                case Token.Continue:
                                    if (ctxt.Continues != null) s.Target = ctxt.Continues;
                                    else Errf(s.Pos, "continue is not in a loop");
                                    break;
                                case Token.Fallthrough:
                                    {
                                        string msg = "fallthrough statement out of place";
                                        if (ctxt.Breaks is SwitchStmt t)
                                        {
                                            if (t.Tag is TypeSwitchGuard) msg = "cannot fallthrough in type switch";
                                            else if (ctxt.CaseIndex < 0 || stmtIndex + 1 < n) { /* nested or not last */ }
                                            else if (ctxt.CaseIndex + 1 == t.Body.Count) msg = "cannot fallthrough final case in switch";
                                            else break; // fallthrough ok
                                        }
                                        Errf(s.Pos, msg);
                                        break;
                                    }
                                default:
                                    // goto without label cannot be produced by the parser
                                    break;
                            }
                            break;
                        }
                        {
                            // labeled branch statement
                            string name = s.Label.Value;
                            switch (s.Tok)
                            {
                                case Token.Break:
                                    {
                                        var t = EnclosingTarget(b, name);
                                        if (t != null)
                                        {
                                            if (t.Stmt is SwitchStmt or SelectStmt or ForStmt) s.Target = t.Stmt;
                                            else Errf(s.Label.Pos, $"invalid break label {name}");
                                        }
                                        else Errf(s.Label.Pos, $"break label not defined: {name}");
                                        break;
                                    }
                                case Token.Continue:
                                    {
                                        var t = EnclosingTarget(b, name);
                                        if (t != null)
                                        {
                                            if (t.Stmt is ForStmt f) s.Target = f;
                                            else Errf(s.Label.Pos, $"invalid continue label {name}");
                                        }
                                        else Errf(s.Label.Pos, $"continue label not defined: {name}");
                                        break;
                                    }
                                case Token.Goto:
                                    {
                                        var t = GotoTarget(b, name);
                                        if (t != null) s.Target = t;
                                        else fwdGotos.Add(s); // label may be declared later
                                        break;
                                    }
                            }
                        }
                        break;

                    case AssignStmt s:
                        if (s.Op == Operator.Def) RecordVarDecl(s.Pos, s.Lhs);
                        break;

                    case BlockStmt s:
                        InnerBlock(new Targets(ctxt.Breaks, ctxt.Continues, -1), s.Pos, s.List);
                        break;

                    case IfStmt s:
                        {
                            var inner = new Targets(ctxt.Breaks, ctxt.Continues, -1);
                            InnerBlock(inner, s.Then.Pos, s.Then.List);
                            if (s.Else != null) InnerBlock(inner, s.Else.Pos, [s.Else]);
                            break;
                        }

                    case ForStmt s:
                        InnerBlock(new Targets(s, s, -1), s.Body.Pos, s.Body.List);
                        break;

                    case SwitchStmt s:
                        for (int i = 0; i < s.Body.Count; i++)
                        {
                            InnerBlock(new Targets(s, ctxt.Continues, i), s.Body[i].Pos, s.Body[i].Body);
                        }
                        break;

                    case SelectStmt s:
                        foreach (var cc in s.Body)
                        {
                            InnerBlock(new Targets(s, ctxt.Continues, -1), cc.Pos, cc.Body);
                        }
                        break;
                }
            }
            return fwdGotos;
        }
    }
}
