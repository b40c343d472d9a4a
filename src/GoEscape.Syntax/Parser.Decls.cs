namespace GoEscape.Syntax;

// Package files and declarations (models the corresponding part of gc's parser.go).
public sealed partial class Parser
{
    // SourceFile = PackageClause ";" { ImportDecl ";" } { TopLevelDecl ";" } .
    private void FileOrNil(File f)
    {
        f.Pos = Pos();

        // PackageClause
        f.GoVersion = _goVersion;
        f.BuildConstraint = _buildConstraint;
        _top = false;
        if (!Got(Token.Package))
        {
            SyntaxError("package statement must be first");
            f.Broken = true;
            f.PkgName = new Name(Pos(), "_");
            return;
        }
        f.Pragma = TakePragma();
        f.PkgName = Name();
        Want(Token.Semi);

        // don't bother continuing if package clause has errors
        if (_first != null)
        {
            f.Broken = true;
            return;
        }

        // Accept import declarations anywhere for error tolerance, but complain.
        // { ( ImportDecl | TopLevelDecl ) ";" }
        var prev = Token.Import;
        while (_tok != Token.EOF)
        {
            if (_tok == Token.Import && prev != Token.Import) SyntaxError("imports must appear before other declarations");
            prev = _tok;

            switch (_tok)
            {
                case Token.Import:
                    Next();
                    AppendGroup(f.DeclList, ImportDecl);
                    break;
                case Token.Const:
                    Next();
                    AppendGroup(f.DeclList, ConstDecl);
                    break;
                case Token.Type:
                    Next();
                    AppendGroup(f.DeclList, TypeDecl);
                    break;
                case Token.Var:
                    Next();
                    AppendGroup(f.DeclList, VarDecl);
                    break;
                case Token.Func:
                    Next();
                    var d = FuncDeclOrNil();
                    if (d != null) f.DeclList.Add(d);
                    break;
                default:
                    if (_tok == Token.Lbrace && f.DeclList.Count > 0 && f.DeclList[^1] is FuncDecl { Body: null })
                    {
                        // opening { of function declaration on next line
                        SyntaxError("unexpected semicolon or newline before {");
                    }
                    else
                    {
                        SyntaxError("non-declaration statement outside function body");
                    }
                    Advance(Token.Import, Token.Const, Token.Type, Token.Var, Token.Func);
                    continue;
            }

            // Reset pragma BEFORE advancing to the next token (consuming ';')
            // since comments before may set pragmas for the next function decl.
            ClearPragma();

            if (_tok != Token.EOF && !Got(Token.Semi))
            {
                SyntaxError("after top level declaration");
                Advance(Token.Import, Token.Const, Token.Type, Token.Var, Token.Func);
            }
        }
        // _tok == EOF

        ClearPragma();
        f.EOF = Pos();
        f.End = f.EOF;
    }

    // list parses a possibly empty, sep-separated list of elements, optionally followed by sep, and closed by
    // close (or EOF). For each element f is called; after f returns true no more elements are accepted.
    // Returns the position of the closing token.
    //
    // list = [ f { sep f } [sep] ] close .
    private Pos List(string context, Token sep, Token close, Func<bool> f)
    {
        bool done = false;
        while (_tok != Token.EOF && _tok != close && !done)
        {
            done = f();
            // sep is optional before close
            if (!Got(sep) && _tok != close)
            {
                SyntaxError($"in {context}; possibly missing {TokenText.Describe(sep)} or {TokenText.Describe(close)}");
                Advance(Token.Rparen, Token.Rbrack, Token.Rbrace);
                if (_tok != close)
                {
                    // position could be better but we had an error so we don't care
                    return Pos();
                }
            }
        }
        var pos = Pos();
        Want(close);
        return pos;
    }

    // appendGroup(f) = f | "(" { f ";" } ")" . // ";" is optional before ")"
    private void AppendGroup(List<Decl> list, Func<Group?, Decl?> f)
    {
        if (_tok == Token.Lparen)
        {
            var g = new Group();
            ClearPragma();
            Next(); // must consume "(" after calling clearPragma!
            List("grouped declaration", Token.Semi, Token.Rparen, () =>
            {
                var x = f(g);
                if (x != null) list.Add(x);
                return false;
            });
        }
        else
        {
            var x = f(null);
            if (x != null) list.Add(x);
        }
    }

    // ImportSpec = [ "." | PackageName ] ImportPath .
    // ImportPath = string_lit .
    private Decl ImportDecl(Group? group)
    {
        var d = new ImportDecl { Pos = Pos(), Group = group, Pragma = TakePragma() };

        switch (_tok)
        {
            case Token.Name:
                d.LocalPkgName = Name();
                break;
            case Token.Dot:
                d.LocalPkgName = new Name(Pos(), ".");
                Next();
                Fin(d.LocalPkgName);
                break;
        }
        d.Path = OLiteral();
        if (d.Path == null)
        {
            SyntaxError("missing import path");
            Advance(Token.Semi, Token.Rparen);
            return Fin(d);
        }
        if (!d.Path.Bad && d.Path.LitKind != LitKind.StringLit)
        {
            SyntaxErrorAt(d.Path.Pos, "import path must be a string");
            d.Path.Bad = true;
        }
        return Fin(d);
    }

    // ConstSpec = IdentifierList [ [ Type ] "=" ExpressionList ] .
    private Decl ConstDecl(Group? group)
    {
        var d = new ConstDecl { Pos = Pos(), Group = group, Pragma = TakePragma() };

        d.NameList = NameList(Name());
        if (_tok != Token.EOF && _tok != Token.Semi && _tok != Token.Rparen)
        {
            d.Type = TypeOrNil();
            if (GotAssign()) d.Values = ExprList();
        }
        return Fin(d);
    }

    // TypeSpec = identifier [ TypeParams ] [ "=" ] Type .
    private Decl TypeDecl(Group? group)
    {
        var d = new TypeDecl { Pos = Pos(), Group = group, Pragma = TakePragma() };

        d.Name = Name();
        Expr? type = null;
        if (_tok == Token.Lbrack)
        {
            // d.Name "[" ...
            // array/slice type or type parameter list
            var pos = Pos();
            Next();
            switch (_tok)
            {
                case Token.Name:
                    {
                        // We may have an array type or a type parameter list. In either case we expect an
                        // expression x (which may just be a name, or a more complex expression) which we can
                        // analyze further. A bound starting with "[" (P []E) must be a type parameter list.
                        Expr x = Name();
                        if (_tok != Token.Lbrack)
                        {
                            // To parse the expression starting with name, expand the call sequence we would
                            // get by passing in name to parser.expr, and pass in name to parser.pexpr.
                            _xnest++;
                            x = BinaryExpr(PExpr(x, false), 0);
                            _xnest--;
                        }
                        // Analyze expression x. If we can split x into a type parameter name, possibly followed
                        // by a type parameter type, we consider this the start of a type parameter list.
                        var (pname, ptype) = ExtractName(x, _tok == Token.Comma);
                        if (pname != null && (ptype != null || _tok != Token.Rbrack))
                        {
                            // d.Name "[" pname ...
                            // d.Name "[" pname ptype ...
                            // d.Name "[" pname ptype "," ...
                            d.TParamList = ParamList(pname, ptype, Token.Rbrack, true, false); // ptype may be null
                            d.Alias = GotAssign();
                            type = TypeOrNil();
                        }
                        else
                        {
                            // d.Name "[" pname "]" ...
                            // d.Name "[" x ...
                            type = ArrayType(pos, x);
                        }
                        break;
                    }
                case Token.Rbrack:
                    // d.Name "[" "]" ...
                    Next();
                    type = SliceType(pos);
                    break;
                default:
                    // d.Name "[" ...
                    type = ArrayType(pos, null);
                    break;
            }
        }
        else
        {
            d.Alias = GotAssign();
            type = TypeOrNil();
        }

        if (type == null)
        {
            type = BadExpr();
            SyntaxError("in type declaration");
            Advance(Token.Semi, Token.Rparen);
        }
        d.Type = type;
        return Fin(d);
    }

    // extractName splits the expression x into (name, expr) if syntactically x can be written as name expr.
    // The split only happens if expr is a type element (per the isTypeElem predicate) or if force is set.
    // If x is just a name, the result is (name, nil). If the split succeeds, the result is (name, expr).
    // Otherwise the result is (nil, x). (models parser.extractName)
    private static (Name? name, Expr? expr) ExtractName(Expr x, bool force)
    {
        switch (x)
        {
            case Name n:
                return (n, null);
            case Operation op when op.Y != null:
                switch (op.Op)
                {
                    case Operator.Mul:
                        if (op.X is Name name && (force || IsTypeElem(op.Y)))
                        {
                            // x = name *x.Y: change op into unary *op.Y
                            var u = new Operation { Pos = op.Pos, End = op.End, Op = op.Op, X = op.Y, Y = null };
                            return (name, u);
                        }
                        break;
                    case Operator.Or:
                        {
                            var (name2, lhs) = ExtractName(op.X, force || IsTypeElem(op.Y));
                            if (name2 != null && lhs != null)
                            {
                                // x = name lhs|x.Y
                                var o = new Operation { Pos = op.Pos, End = op.End, Op = op.Op, X = lhs, Y = op.Y };
                                return (name2, o);
                            }
                            break;
                        }
                }
                break;
            case CallExpr call:
                if (call.Fun is Name fname)
                {
                    if (call.ArgList.Count == 1 && !call.HasDots && (force || IsTypeElem(call.ArgList[0])))
                    {
                        // x = name (x.ArgList[0]); the parser doesn't keep unnecessary parentheses.
                        return (fname, Unparen(call.ArgList[0]));
                    }
                }
                break;
        }
        return (null, x);
    }

    // isTypeElem reports whether x is a (possibly parenthesized) type element expression.
    // The result is false if x could be a type element OR an ordinary (value) expression.
    private static bool IsTypeElem(Expr x) => x switch
    {
        Syntax.ArrayType or Syntax.StructType or Syntax.FuncType or Syntax.InterfaceType or Syntax.SliceType or MapType or ChanType => true,
        Operation o => IsTypeElem(o.X) || (o.Y != null && IsTypeElem(o.Y)) || o.Op == Operator.Tilde,
        ParenExpr p => IsTypeElem(p.X),
        _ => false,
    };

    // VarSpec = IdentifierList ( Type [ "=" ExpressionList ] | "=" ExpressionList ) .
    private Decl VarDecl(Group? group)
    {
        var d = new VarDecl { Pos = Pos(), Group = group, Pragma = TakePragma() };

        d.NameList = NameList(Name());
        if (GotAssign())
        {
            d.Values = ExprList();
        }
        else
        {
            d.Type = Type();
            if (GotAssign()) d.Values = ExprList();
        }
        return Fin(d);
    }

    // FunctionDecl = "func" FunctionName [ TypeParams ] ( Function | Signature ) .
    // FunctionName = identifier .
    // Function     = Signature FunctionBody .
    // MethodDecl   = "func" Receiver MethodName ( Function | Signature ) .
    // Receiver     = Parameters .
    private FuncDecl? FuncDeclOrNil()
    {
        var f = new FuncDecl { Pos = Pos(), Pragma = TakePragma() };

        bool hasRecv = false;
        if (Got(Token.Lparen))
        {
            hasRecv = true;
            var rcvr = ParamList(null, null, Token.Rparen, false, false);
            switch (rcvr.Count)
            {
                case 0:
                    Error("method has no receiver");
                    break;
                default:
                    Error("method has multiple receivers");
                    f.Recv = rcvr[0];
                    break;
                case 1:
                    f.Recv = rcvr[0];
                    break;
            }
        }

        if (_tok == Token.Name)
        {
            f.Name = Name();
            (f.TParamList, f.Type) = FuncType("");
        }
        else
        {
            f.Name = new Name(Pos(), "_");
            f.Type = new FuncType { Pos = Pos() };
            string msg = hasRecv ? "expected name" : "expected name or (";
            SyntaxError(msg);
            Advance(Token.Lbrace, Token.Semi);
        }

        if (_tok == Token.Lbrace) f.Body = FuncBody();

        return Fin(f);
    }

    private BlockStmt FuncBody()
    {
        _fnest++;
        int errcnt = _errcnt;
        var body = BlockStmt("");
        _fnest--;

        // Don't check branches if there were syntax errors in the function as it may lead to spurious
        // errors (e.g., see test/switch2.go) or possibly crashes due to incomplete syntax trees.
        if ((_mode & ParseMode.CheckBranches) != 0 && errcnt == _errcnt)
        {
            try
            {
                Branches.Check(body, ReportUncounted);
            }
            catch (InsufficientExecutionStackException)
            {
                // retry everything on a big stack; there, give up on checking this body but keep the tree
                if (!_onBigStack) throw new StackShortException();
                ErrorAt(body.Pos, "nesting too deep (branch checks: stack exhausted)");
            }
        }
        return body;
    }
}
