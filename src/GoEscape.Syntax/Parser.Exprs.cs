namespace GoEscape.Syntax;

// Expressions (models the corresponding part of gc's parser.go).
public sealed partial class Parser
{
    private Expr Expr() => BinaryExpr(null, 0);

    // Expression = UnaryExpr | Expression binary_op Expression .
    private Expr BinaryExpr(Expr? x, int prec)
    {
        x ??= UnaryExpr();
        while ((_tok == Token.Operator || _tok == Token.Star) && _s.Prec > prec)
        {
            var t = new Operation { Pos = Pos(), Op = _s.Op };
            int tprec = _s.Prec;
            Next();
            t.X = x;
            t.Y = BinaryExpr(null, tprec);
            x = Fin(t);
        }
        return x;
    }

    // UnaryExpr = PrimaryExpr | unary_op UnaryExpr .
    private Expr UnaryExpr()
    {
        CheckStack();
        switch (_tok)
        {
            case Token.Operator:
            case Token.Star:
                switch (_s.Op)
                {
                    case Operator.Mul or Operator.Add or Operator.Sub or Operator.Not or Operator.Xor or Operator.Tilde:
                        {
                            var x = new Operation { Pos = Pos(), Op = _s.Op };
                            Next();
                            x.X = UnaryExpr();
                            return Fin(x);
                        }
                    case Operator.And:
                        {
                            var x = new Operation { Pos = Pos(), Op = Operator.And };
                            Next();
                            // unaryExpr may have returned a parenthesized composite literal
                            // (see comment in operand) - remove parentheses if any
                            x.X = Unparen(UnaryExpr());
                            return Fin(x);
                        }
                }
                break;

            case Token.Arrow:
                {
                    // receive op (<-x) or receive-only channel (<-chan E)
                    var pos = Pos();
                    Next();

                    // If the next token is Chan we still don't know if it is a channel (<-chan int) or a
                    // receive op (<-chan int(ch)). We only know once we have found the end of the unaryExpr.
                    var x = UnaryExpr();

                    // <-chan... => <-x is a channel type: re-associate <- with the channel type parsed already:
                    //   <-(chan E)   =>  (<-chan E)
                    //   <-(chan<-E)  =>  (<-chan (<-E))
                    if (x is ChanType)
                    {
                        var dir = ChanDir.SendOnly;
                        Expr t = x;
                        while (dir == ChanDir.SendOnly)
                        {
                            if (t is not ChanType c) break;
                            dir = c.Dir;
                            if (dir == ChanDir.RecvOnly)
                            {
                                // t is type <-chan E but <-<-chan E is not permitted
                                SyntaxError("unexpected <-, expected chan");
                            }
                            c.Dir = ChanDir.RecvOnly;
                            t = c.Elem;
                        }
                        if (dir == ChanDir.SendOnly)
                        {
                            // channel dir is <- but channel element E is not a channel
                            SyntaxError($"unexpected {Printer.String(t)}, expected chan");
                        }
                        // The channel type now starts at '<-' (gc keeps the 'chan' position).
                        return x;
                    }

                    // x is not a channel type => we have a receive op
                    var o = new Operation { Pos = pos, Op = Operator.Recv, X = x };
                    return Fin(o);
                }
        }

        // We need parens here so we can report an error for "(x) := true".
        return PExpr(null, true);
    }

    // callStmt parses call-like statements that can be preceded by 'defer' and 'go'.
    private CallStmt CallStmt()
    {
        var s = new CallStmt { Pos = Pos(), Tok = _tok }; // Defer or Go
        Next();

        var x = PExpr(null, _tok == Token.Lparen); // keep_parens so we can report error below
        var t = Unparen(x);
        if (t != x)
        {
            ErrorAt(x.Pos, $"expression in {s.Tok.String()} must not be parenthesized");
            x = t;
        }
        s.Call = x;
        return Fin(s);
    }

    // Operand     = Literal | OperandName | MethodExpr | "(" Expression ")" .
    // Literal     = BasicLit | CompositeLit | FunctionLit .
    // BasicLit    = int_lit | float_lit | imaginary_lit | rune_lit | string_lit .
    // OperandName = identifier | QualifiedIdent.
    private Expr Operand(bool keepParens)
    {
        switch (_tok)
        {
            case Token.Name:
                return Name();

            case Token.Literal:
                return OLiteral()!;

            case Token.Lparen:
                {
                    var pos = Pos();
                    Next();
                    _xnest++;
                    var x = Expr();
                    _xnest--;
                    Want(Token.Rparen);

                    // Record presence of ()'s only where needed for error reporting: parentheses are not
                    // permitted around T in a composite literal T{}, nor around the expression in go/defer.
                    if (_tok == Token.Lbrace) keepParens = true;
                    if (keepParens)
                    {
                        var px = new ParenExpr { Pos = pos, X = x };
                        x = Fin(px);
                    }
                    return x;
                }

            case Token.Func:
                {
                    var pos = Pos();
                    Next();
                    var (_, ftyp) = FuncType("function type");
                    if (_tok == Token.Lbrace)
                    {
                        _xnest++;
                        var f = new FuncLit { Pos = pos, Type = ftyp };
                        f.Body = FuncBody();
                        _xnest--;
                        return Fin(f);
                    }
                    return ftyp; // positioned at '(' (or '['), as in gc

                }

            case Token.Lbrack:
            case Token.Chan:
            case Token.Map:
            case Token.Struct:
            case Token.Interface:
                return Type(); // othertype

            default:
                {
                    var x = BadExpr();
                    SyntaxError("expected expression");
                    Advance(Token.Rparen, Token.Rbrack, Token.Rbrace);
                    return x;
                }
        }
    }

    // pexpr parses a PrimaryExpr.
    //
    //	PrimaryExpr =
    //		Operand |
    //		Conversion |
    //		PrimaryExpr Selector |
    //		PrimaryExpr Index |
    //		PrimaryExpr Slice |
    //		PrimaryExpr TypeAssertion |
    //		PrimaryExpr Arguments .
    //
    //	Selector       = "." identifier .
    //	Index          = "[" Expression "]" .
    //	Slice          = "[" ( [ Expression ] ":" [ Expression ] ) |
    //	                     ( [ Expression ] ":" Expression ":" Expression )
    //	                 "]" .
    //	TypeAssertion  = "." "(" Type ")" .
    //	Arguments      = "(" [ ( ExpressionList | Type [ "," ExpressionList ] ) [ "..." ] [ "," ] ] ")" .
    private Expr PExpr(Expr? x, bool keepParens)
    {
        CheckStack();
        x ??= Operand(keepParens);

        while (true)
        {
            var pos = Pos();
            switch (_tok)
            {
                case Token.Dot:
                    Next();
                    switch (_tok)
                    {
                        case Token.Name:
                            {
                                // pexpr '.' sym
                                var t = new SelectorExpr { Pos = pos, X = x };
                                t.Sel = Name();
                                x = Fin(t);
                                break;
                            }
                        case Token.Lparen:
                            Next();
                            if (Got(Token.Type))
                            {
                                // t.Lhs is filled in by SimpleStmt
                                var t = new TypeSwitchGuard { Pos = pos, X = x };
                                Want(Token.Rparen);
                                x = Fin(t);
                            }
                            else
                            {
                                var t = new AssertExpr { Pos = pos, X = x };
                                t.Type = Type();
                                Want(Token.Rparen);
                                x = Fin(t);
                            }
                            break;
                        default:
                            SyntaxError("expected name or (");
                            Advance(Token.Semi, Token.Rparen);
                            break;
                    }
                    continue;

                case Token.Lbrack:
                    {
                        Next();
                        Expr? i = null;
                        if (_tok != Token.Colon)
                        {
                            bool comma = false;
                            if (_tok == Token.Rbrack)
                            {
                                // invalid empty instance, slice or index expression; accept but complain
                                SyntaxError("expected operand");
                                i = BadExpr();
                            }
                            else
                            {
                                (i, comma) = TypeList(false);
                            }
                            if (comma || _tok == Token.Rbrack)
                            {
                                Want(Token.Rbrack);
                                // x[], x[i,] or x[i, j, ...]
                                var t = new IndexExpr { Pos = pos, X = x, Index = i };
                                x = Fin(t);
                                continue;
                            }
                        }

                        // x[i:...
                        // For better error message, don't simply use want(Colon) here (go.dev/issue/47704).
                        if (!Got(Token.Colon))
                        {
                            SyntaxError("expected comma, : or ]");
                            Advance(Token.Comma, Token.Colon, Token.Rbrack);
                        }
                        _xnest++;
                        var sl = new SliceExpr { Pos = pos, X = x };
                        sl.Index[0] = i;
                        if (_tok != Token.Colon && _tok != Token.Rbrack)
                        {
                            // x[i:j...
                            sl.Index[1] = Expr();
                        }
                        if (_tok == Token.Colon)
                        {
                            sl.Full = true;
                            // x[i:j:...]
                            if (sl.Index[1] == null)
                            {
                                Error("middle index required in 3-index slice");
                                sl.Index[1] = BadExpr();
                            }
                            Next();
                            if (_tok != Token.Rbrack)
                            {
                                // x[i:j:k...
                                sl.Index[2] = Expr();
                            }
                            else
                            {
                                Error("final index required in 3-index slice");
                                sl.Index[2] = BadExpr();
                            }
                        }
                        _xnest--;
                        Want(Token.Rbrack);
                        x = Fin(sl);
                        continue;
                    }

                case Token.Lparen:
                    {
                        var t = new CallExpr { Pos = pos };
                        Next();
                        t.Fun = x;
                        (t.ArgList, t.HasDots, t.Rparen) = ArgList();
                        x = Fin(t);
                        continue;
                    }

                case Token.Lbrace:
                    {
                        // operand may have returned a parenthesized complit type; accept it but complain if we
                        // have a complit
                        var t = Unparen(x);
                        // determine if '{' belongs to a composite literal or a block statement
                        bool complitOk = t switch
                        {
                            Syntax.Name or SelectorExpr => _xnest >= 0, // x is possibly a composite literal type
                            IndexExpr => _xnest >= 0 && !IsValue(t), // x is possibly a composite literal type
                            Syntax.ArrayType or Syntax.SliceType or Syntax.StructType or MapType => true, // x is a comptype
                            _ => false,
                        };
                        if (!complitOk) return x;
                        if (t != x)
                        {
                            SyntaxError("cannot parenthesize type in composite literal");
                        }
                        var n = ComplitExpr();
                        n.Type = x;
                        x = n;
                        continue;
                    }

                default:
                    return x;
            }
        }
    }

    // isValue reports whether x syntactically must be a value (and not a type) expression.
    private static bool IsValue(Expr x) => x switch
    {
        BasicLit or CompositeLit or FuncLit or SliceExpr or AssertExpr or TypeSwitchGuard or CallExpr => true,
        Operation o => o.Op != Operator.Mul || o.Y != null, // *T may be a type
        ParenExpr p => IsValue(p.X),
        IndexExpr ix => IsValue(ix.X) || IsValue(ix.Index),
        _ => false,
    };

    // Element = Expression | LiteralValue .
    private Expr BareComplitExpr()
    {
        if (_tok == Token.Lbrace)
        {
            // '{' start_complit braced_keyval_list '}'
            return ComplitExpr();
        }
        return Expr();
    }

    // LiteralValue = "{" [ ElementList [ "," ] ] "}" .
    private CompositeLit ComplitExpr()
    {
        CheckStack();
        var x = new CompositeLit { Pos = Pos() };

        _xnest++;
        Want(Token.Lbrace);
        x.Rbrace = List("composite literal", Token.Comma, Token.Rbrace, () =>
        {
            // value
            var e = BareComplitExpr();
            if (_tok == Token.Colon)
            {
                // key ':' value
                var l = new KeyValueExpr { Pos = Pos() };
                Next();
                l.Key = e;
                l.Value = BareComplitExpr();
                e = Fin(l);
                x.NKeys++;
            }
            x.ElemList.Add(e);
            return false;
        });
        _xnest--;
        return Fin(x);
    }

    // argList parses a possibly empty, comma-separated list of arguments, optionally followed by a comma
    // (if not empty), and closed by ")". The last argument may be followed by "...".
    //
    // argList = [ arg { "," arg } [ "..." ] [ "," ] ] ")" .
    private (List<Expr> list, bool hasDots, Pos rparen) ArgList()
    {
        var list = new List<Expr>();
        bool hasDots = false;
        _xnest++;
        var rparen = List("argument list", Token.Comma, Token.Rparen, () =>
        {
            list.Add(Expr());
            hasDots = Got(Token.DotDotDot);
            return hasDots;
        });
        _xnest--;
        return (list, hasDots, rparen);
    }

    // ----------------------------------------------------------------------------
    // Common productions

    private Name Name()
    {
        if (_tok == Token.Name)
        {
            var n = new Name(Pos(), _s.Lit);
            Next();
            return Fin(n);
        }

        var bad = new Name(Pos(), "_");
        SyntaxError("expected name");
        Advance();
        return bad;
    }

    // IdentifierList = identifier { "," identifier } .
    // The first name must be provided.
    private List<Name> NameList(Name first)
    {
        var l = new List<Name> { first };
        while (Got(Token.Comma)) l.Add(Name());
        return l;
    }

    // The first name may be provided, or null.
    private Expr QualifiedName(Name? name)
    {
        Expr x;
        if (name != null) x = name;
        else if (_tok == Token.Name) x = Name();
        else
        {
            x = new Name(Pos(), "_");
            SyntaxError("expected name");
            Advance(Token.Dot, Token.Semi, Token.Rbrace);
        }

        if (_tok == Token.Dot)
        {
            var s = new SelectorExpr { Pos = Pos() };
            Next();
            s.X = x;
            s.Sel = Name();
            x = Fin(s);
        }

        if (_tok == Token.Lbrack) x = TypeInstance(x);

        return x;
    }

    // ExpressionList = Expression { "," Expression } .
    private Expr ExprList()
    {
        var x = Expr();
        if (Got(Token.Comma))
        {
            var list = new List<Expr> { x, Expr() };
            while (Got(Token.Comma)) list.Add(Expr());
            var t = new ListExpr { Pos = x.Pos, ElemList = list };
            x = Fin(t);
        }
        return x;
    }

    // typeList parses a non-empty, comma-separated list of types, optionally followed by a comma. If strict
    // is false, the first element may also be a (non-type) expression. If there is more than one argument,
    // the result is a ListExpr. The comma result indicates whether there was a (separating or trailing) comma.
    //
    // typeList = arg { "," arg } [ "," ] .
    private (Expr x, bool comma) TypeList(bool strict)
    {
        _xnest++;
        Expr x = strict ? Type() : Expr();
        bool comma = false;
        if (Got(Token.Comma))
        {
            comma = true;
            var t = TypeOrNil();
            if (t != null)
            {
                var list = new List<Expr> { x, t };
                while (Got(Token.Comma))
                {
                    t = TypeOrNil();
                    if (t == null) break;
                    list.Add(t);
                }
                var l = new ListExpr { Pos = x.Pos, ElemList = list };
                l.End = list[^1].End;
                x = l;
            }
        }
        _xnest--;
        return (x, comma);
    }

    /// <summary>Returns x with any enclosing parentheses stripped.</summary>
    public static Expr Unparen(Expr x)
    {
        while (x is ParenExpr p) x = p.X;
        return x;
    }

    /// <summary>Unpacks a ListExpr into its elements (null -> empty, other -> [x]).</summary>
    public static IReadOnlyList<Expr> UnpackListExpr(Expr? x) => x switch
    {
        null => [],
        ListExpr l => l.ElemList,
        _ => [x],
    };

    private BadExpr BadExpr()
    {
        var p = Pos();
        return new BadExpr { Pos = p, End = p };
    }
}
