namespace GoEscape.Syntax;

// Statements (models the corresponding part of gc's parser.go).
public sealed partial class Parser
{
    // SimpleStmt = EmptyStmt | ExpressionStmt | SendStmt | IncDecStmt | Assignment | ShortVarDecl .
    private SimpleStmt SimpleStmt(Expr? lhs, Token keyword)
    {
        if (keyword == Token.For && _tok == Token.Range)
        {
            // _Range expr
            return NewRangeClause(null, false);
        }

        lhs ??= ExprList();

        if (lhs is not ListExpr && _tok != Token.Assign && _tok != Token.Define)
        {
            // expr
            var pos = Pos();
            switch (_tok)
            {
                case Token.AssignOp:
                    {
                        // lhs op= rhs
                        var op = _s.Op;
                        Next();
                        return NewAssignStmt(pos, op, lhs, Expr());
                    }
                case Token.IncOp:
                    {
                        // lhs++ or lhs--
                        var op = _s.Op;
                        Next();
                        return NewAssignStmt(pos, op, lhs, null);
                    }
                case Token.Arrow:
                    {
                        // lhs <- rhs
                        var s = new SendStmt { Pos = pos };
                        Next();
                        s.Chan = lhs;
                        s.Value = Expr();
                        return Fin(s);
                    }
                default:
                    {
                        // expr
                        var s = new ExprStmt { Pos = lhs.Pos, X = lhs, End = lhs.End };
                        return s;
                    }
            }
        }

        // expr_list
        switch (_tok)
        {
            case Token.Assign:
            case Token.Define:
                {
                    var pos = Pos();
                    var op = Operator.None;
                    if (_tok == Token.Define) op = Operator.Def;
                    Next();

                    if (keyword == Token.For && _tok == Token.Range)
                    {
                        // expr_list op= _Range expr
                        return NewRangeClause(lhs, op == Operator.Def);
                    }

                    // expr_list op= expr_list
                    var rhs = ExprList();

                    if (rhs is TypeSwitchGuard x && keyword == Token.Switch && op == Operator.Def)
                    {
                        if (lhs is Name lname)
                        {
                            // switch … lhs := rhs.(type)
                            x.Lhs = lname;
                            var s = new ExprStmt { Pos = x.Pos, X = x, End = x.End };
                            return s;
                        }
                    }

                    return NewAssignStmt(pos, op, lhs, rhs);
                }
            default:
                {
                    SyntaxError("expected := or = or comma");
                    Advance(Token.Semi, Token.Rbrace);
                    // make the best of what we have
                    if (lhs is ListExpr l) lhs = l.ElemList[0];
                    var s = new ExprStmt { Pos = lhs.Pos, X = lhs, End = lhs.End };
                    return s;
                }
        }
    }

    private RangeClause NewRangeClause(Expr? lhs, bool def)
    {
        var r = new RangeClause { Pos = Pos() };
        Next(); // consume _Range
        r.Lhs = lhs;
        r.Def = def;
        r.X = Expr();
        return Fin(r);
    }

    private AssignStmt NewAssignStmt(Pos pos, Operator op, Expr lhs, Expr? rhs)
        => Fin(new AssignStmt { Pos = pos, Op = op, Lhs = lhs, Rhs = rhs });

    private Stmt? LabeledStmtOrNil(Name label)
    {
        var s = new LabeledStmt { Pos = Pos(), Label = label };

        Want(Token.Colon);

        if (_tok == Token.Rbrace)
        {
            // We expect a statement (incl. an empty statement), which must be terminated by a semicolon.
            // Because semicolons may be omitted before an _Rbrace, seeing an _Rbrace implies an empty statement.
            var p = Pos();
            s.Stmt = new EmptyStmt { Pos = p, End = p };
            return Fin(s);
        }

        var st = StmtOrNil();
        if (st != null)
        {
            s.Stmt = st;
            return Fin(s);
        }

        // report error at line of ':' token
        SyntaxErrorAt(s.Pos, "missing statement after label");
        // we are already at the end of the labeled statement - no need to advance
        return null; // avoids follow-on errors (see e.g., fixedbugs/bug274.go)
    }

    // context must be a non-empty string unless we know that _tok == Lbrace.
    private BlockStmt BlockStmt(string context)
    {
        CheckStack();
        var s = new BlockStmt { Pos = Pos() };

        // people coming from C may forget that braces are mandatory in Go
        if (!Got(Token.Lbrace))
        {
            SyntaxError("expected { after " + context);
            Advance(Token.Name, Token.Rbrace);
            s.Rbrace = Pos(); // in case we found "}"
            if (Got(Token.Rbrace)) return Fin(s);
        }

        s.List = StmtList();
        s.Rbrace = Pos();
        Want(Token.Rbrace);
        return Fin(s);
    }

    private DeclStmt DeclStmt(Func<Group?, Decl?> f)
    {
        var s = new DeclStmt { Pos = Pos() };
        Next(); // _Const, _Type, or _Var
        AppendGroup(s.DeclList, f);
        return Fin(s);
    }

    private Stmt ForStmt()
    {
        var s = new ForStmt { Pos = Pos() };
        var (init, cond, post) = Header(Token.For);
        s.Init = init;
        s.Cond = cond;
        s.Post = post;
        s.Body = BlockStmt("for clause");
        return Fin(s);
    }

    // models parser.header
    private (SimpleStmt? init, Expr? cond, SimpleStmt? post) Header(Token keyword)
    {
        SimpleStmt? init = null;
        Expr? cond = null;
        SimpleStmt? post = null;

        Want(keyword);

        if (_tok == Token.Lbrace)
        {
            if (keyword == Token.If)
            {
                SyntaxError("missing condition in if statement");
                cond = BadExpr();
            }
            return (init, cond, post);
        }
        // _tok != Lbrace

        int outer = _xnest;
        _xnest = -1;

        if (_tok != Token.Semi)
        {
            // accept potential varDecl but complain
            if (Got(Token.Var))
            {
                SyntaxError($"var declaration not allowed in {keyword.String()} initializer");
            }
            init = SimpleStmt(null, keyword);
            // If we have a range clause, we are done (can only happen for keyword == For).
            if (init is RangeClause)
            {
                _xnest = outer;
                return (init, cond, post);
            }
        }

        SimpleStmt? condStmt = null;
        Pos semiPos = default;
        string semiLit = "";
        if (_tok != Token.Lbrace)
        {
            if (_tok == Token.Semi)
            {
                semiPos = Pos();
                semiLit = _s.Lit;
                Next();
            }
            else
            {
                // asking for a '{' rather than a ';' here leads to a better error message
                Want(Token.Lbrace);
                if (_tok != Token.Lbrace)
                {
                    Advance(Token.Lbrace, Token.Rbrace); // for better synchronization (e.g., go.dev/issue/22581)
                }
            }
            if (keyword == Token.For)
            {
                if (_tok != Token.Semi)
                {
                    if (_tok == Token.Lbrace)
                    {
                        SyntaxError("expected for loop condition");
                        goto done;
                    }
                    condStmt = SimpleStmt(null, Token.None /* range not permitted */);
                }
                Want(Token.Semi);
                if (_tok != Token.Lbrace)
                {
                    post = SimpleStmt(null, Token.None /* range not permitted */);
                    if (post is AssignStmt { Op: Operator.Def } a)
                    {
                        SyntaxErrorAt(a.Pos, "cannot declare in post statement of for loop");
                    }
                }
            }
            else if (_tok != Token.Lbrace)
            {
                condStmt = SimpleStmt(null, keyword);
            }
        }
        else
        {
            condStmt = init;
            init = null;
        }

    done:
        // unpack condStmt
        switch (condStmt)
        {
            case null:
                if (keyword == Token.If && semiPos.IsKnown)
                {
                    if (semiLit != "semicolon")
                    {
                        SyntaxErrorAt(semiPos, $"unexpected {semiLit}, expected {{ after if clause");
                    }
                    else
                    {
                        SyntaxErrorAt(semiPos, "missing condition in if statement");
                    }
                    cond = new BadExpr { Pos = semiPos, End = semiPos };
                }
                break;
            case ExprStmt es:
                cond = es.X;
                break;
            default:
                {
                    // A common syntax error is to write '=' instead of '==', which turns an expression into an
                    // assignment. Provide a more explicit error message in that case to prevent further confusion.
                    string str;
                    if (condStmt is AssignStmt { Op: Operator.None } asg)
                    {
                        // Emphasize complex Lhs and Rhs of assignment with parentheses to highlight '='.
                        str = "assignment " + Emphasize(asg.Lhs) + " = " + Emphasize(asg.Rhs!);
                    }
                    else
                    {
                        str = Printer.String(condStmt);
                    }
                    SyntaxErrorAt(condStmt.Pos, $"cannot use {str} as value");
                    break;
                }
        }

        _xnest = outer;
        return (init, cond, post);
    }

    // emphasize returns a string representation of x, with (top-level) binary expressions emphasized by
    // enclosing them in parentheses.
    private static string Emphasize(Expr x)
    {
        string s = Printer.String(x);
        if (x is Operation { Y: not null }) return "(" + s + ")";
        return s;
    }

    private IfStmt IfStmt()
    {
        CheckStack();
        var s = new IfStmt { Pos = Pos() };

        var (init, cond, _) = Header(Token.If);
        s.Init = init;
        s.Cond = cond;
        s.Then = BlockStmt("if clause");

        if (Got(Token.Else))
        {
            switch (_tok)
            {
                case Token.If:
                    s.Else = IfStmt();
                    break;
                case Token.Lbrace:
                    s.Else = BlockStmt("");
                    break;
                default:
                    SyntaxError("else must be followed by if or statement block");
                    Advance(Token.Name, Token.Rbrace);
                    break;
            }
        }
        return Fin(s);
    }

    private SwitchStmt SwitchStmt()
    {
        var s = new SwitchStmt { Pos = Pos() };

        var (init, tag, _) = Header(Token.Switch);
        s.Init = init;
        s.Tag = tag;

        if (!Got(Token.Lbrace))
        {
            SyntaxError("missing { after switch clause");
            Advance(Token.Case, Token.Default, Token.Rbrace);
        }
        while (_tok != Token.EOF && _tok != Token.Rbrace) s.Body.Add(CaseClause());
        s.Rbrace = Pos();
        Want(Token.Rbrace);
        return Fin(s);
    }

    private SelectStmt SelectStmt()
    {
        var s = new SelectStmt { Pos = Pos() };

        Want(Token.Select);
        if (!Got(Token.Lbrace))
        {
            SyntaxError("missing { after select clause");
            Advance(Token.Case, Token.Default, Token.Rbrace);
        }
        while (_tok != Token.EOF && _tok != Token.Rbrace) s.Body.Add(CommClause());
        s.Rbrace = Pos();
        Want(Token.Rbrace);
        return Fin(s);
    }

    private CaseClause CaseClause()
    {
        var c = new CaseClause { Pos = Pos() };

        switch (_tok)
        {
            case Token.Case:
                Next();
                c.Cases = ExprList();
                break;
            case Token.Default:
                Next();
                break;
            default:
                SyntaxError("expected case or default or }");
                Advance(Token.Colon, Token.Case, Token.Default, Token.Rbrace);
                break;
        }

        c.Colon = Pos();
        Want(Token.Colon);
        c.Body = StmtList();
        return Fin(c);
    }

    private CommClause CommClause()
    {
        var c = new CommClause { Pos = Pos() };

        switch (_tok)
        {
            case Token.Case:
                Next();
                c.Comm = SimpleStmt(null, Token.None);
                // The syntax restricts the possible simple statements here to:
                //     lhs <- x (send statement)
                //     <-x
                //     lhs = <-x
                //     lhs := <-x
                // All these (and more) are recognized by simpleStmt and invalid syntax trees are flagged
                // later, during type checking.
                break;
            case Token.Default:
                Next();
                break;
            default:
                SyntaxError("expected case or default or }");
                Advance(Token.Colon, Token.Case, Token.Default, Token.Rbrace);
                break;
        }

        c.Colon = Pos();
        Want(Token.Colon);
        c.Body = StmtList();
        return Fin(c);
    }

    // stmtOrNil parses a statement if one is present, or else returns null.
    //
    //	Statement =
    //		Declaration | LabeledStmt | SimpleStmt |
    //		GoStmt | ReturnStmt | BreakStmt | ContinueStmt | GotoStmt |
    //		FallthroughStmt | Block | IfStmt | SwitchStmt | SelectStmt | ForStmt |
    //		DeferStmt .
    private Stmt? StmtOrNil()
    {
        CheckStack();
        // Most statements (assignments) start with an identifier;
        // look for it first before doing anything more expensive.
        if (_tok == Token.Name)
        {
            ClearPragma();
            var lhs = ExprList();
            if (lhs is Name label && _tok == Token.Colon) return LabeledStmtOrNil(label);
            return SimpleStmt(lhs, Token.None);
        }

        switch (_tok)
        {
            case Token.Var:
                return DeclStmt(VarDecl);
            case Token.Const:
                return DeclStmt(ConstDecl);
            case Token.Type:
                return DeclStmt(TypeDecl);
        }

        ClearPragma();

        switch (_tok)
        {
            case Token.Lbrace:
                return BlockStmt("");

            case Token.Operator:
            case Token.Star:
                switch (_s.Op)
                {
                    case Operator.Add or Operator.Sub or Operator.Mul or Operator.And or Operator.Xor or Operator.Not:
                        return SimpleStmt(null, Token.None); // unary operators
                }
                break;

            case Token.Literal:
            case Token.Func:
            case Token.Lparen: // operands
            case Token.Lbrack:
            case Token.Struct:
            case Token.Map:
            case Token.Chan:
            case Token.Interface: // composite types
            case Token.Arrow: // receive operator
                return SimpleStmt(null, Token.None);

            case Token.For:
                return ForStmt();

            case Token.Switch:
                return SwitchStmt();

            case Token.Select:
                return SelectStmt();

            case Token.If:
                return IfStmt();

            case Token.Fallthrough:
                {
                    var s = new BranchStmt { Pos = Pos() };
                    Next();
                    s.Tok = Token.Fallthrough;
                    return Fin(s);
                }

            case Token.Break:
            case Token.Continue:
                {
                    var s = new BranchStmt { Pos = Pos(), Tok = _tok };
                    Next();
                    if (_tok == Token.Name) s.Label = Name();
                    return Fin(s);
                }

            case Token.Go:
            case Token.Defer:
                return CallStmt();

            case Token.Goto:
                {
                    var s = new BranchStmt { Pos = Pos(), Tok = Token.Goto };
                    Next();
                    s.Label = Name();
                    return Fin(s);
                }

            case Token.Return:
                {
                    var s = new ReturnStmt { Pos = Pos() };
                    Next();
                    if (_tok != Token.Semi && _tok != Token.Rbrace) s.Results = ExprList();
                    return Fin(s);
                }

            case Token.Semi:
                {
                    var p = Pos();
                    return new EmptyStmt { Pos = p, End = p };
                }
        }

        return null;
    }

    // StatementList = { Statement ";" } .
    private List<Stmt> StmtList()
    {
        var l = new List<Stmt>();
        while (_tok != Token.EOF && _tok != Token.Rbrace && _tok != Token.Case && _tok != Token.Default)
        {
            var s = StmtOrNil();
            ClearPragma();
            if (s == null) break;
            l.Add(s);
            // ";" is optional before "}"
            if (!Got(Token.Semi) && _tok != Token.Rbrace)
            {
                SyntaxError("at end of statement");
                Advance(Token.Semi, Token.Rbrace, Token.Case, Token.Default);
                Got(Token.Semi); // avoid spurious empty statement
            }
        }
        return l;
    }
}
