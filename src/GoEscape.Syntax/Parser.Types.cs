namespace GoEscape.Syntax;

// Types, fields and parameters (models the corresponding part of gc's parser.go).
public sealed partial class Parser
{
    private Expr Type()
    {
        var typ = TypeOrNil();
        if (typ == null)
        {
            typ = BadExpr();
            SyntaxError("expected type");
            Advance(Token.Comma, Token.Colon, Token.Semi, Token.Rparen, Token.Rbrack, Token.Rbrace);
        }
        return typ;
    }

    private Operation NewIndirect(Pos pos, Expr typ) => Fin(new Operation { Pos = pos, Op = Operator.Mul, X = typ });

    // typeOrNil is like type_ but it returns null if there was no type instead of reporting an error.
    //
    //	Type     = TypeName | TypeLit | "(" Type ")" .
    //	TypeName = identifier | QualifiedIdent .
    //	TypeLit  = ArrayType | StructType | PointerType | FunctionType | InterfaceType |
    //		      SliceType | MapType | Channel_Type .
    private Expr? TypeOrNil()
    {
        CheckStack();
        var pos = Pos();
        switch (_tok)
        {
            case Token.Star:
                // ptrtype
                Next();
                return NewIndirect(pos, Type());

            case Token.Arrow:
                {
                    // recvchantype
                    Next();
                    Want(Token.Chan);
                    var t = new ChanType { Pos = pos, Dir = ChanDir.RecvOnly };
                    t.Elem = ChanElem();
                    return Fin(t);
                }

            case Token.Func:
                {
                    // fntype
                    Next();
                    var (_, t) = FuncType("function type");
                    return t;
                }

            case Token.Lbrack:
                // '[' oexpr ']' ntype
                // '[' _DotDotDot ']' ntype
                Next();
                if (Got(Token.Rbrack)) return SliceType(pos);
                return ArrayType(pos, null);

            case Token.Chan:
                {
                    // _Chan non_recvchantype
                    // _Chan _Comm ntype
                    Next();
                    var t = new ChanType { Pos = pos };
                    if (Got(Token.Arrow)) t.Dir = ChanDir.SendOnly;
                    t.Elem = ChanElem();
                    return Fin(t);
                }

            case Token.Map:
                {
                    // _Map '[' ntype ']' ntype
                    Next();
                    Want(Token.Lbrack);
                    var t = new MapType { Pos = pos };
                    t.Key = Type();
                    Want(Token.Rbrack);
                    t.Value = Type();
                    return Fin(t);
                }

            case Token.Struct:
                return StructType();

            case Token.Interface:
                return InterfaceType();

            case Token.Name:
                return QualifiedName(null);

            case Token.Lparen:
                {
                    Next();
                    var t = Type();
                    Want(Token.Rparen);
                    // The parser doesn't keep unnecessary parentheses.
                    return t;
                }
        }
        return null;
    }

    private Expr TypeInstance(Expr typ)
    {
        var pos = Pos();
        Want(Token.Lbrack);
        var x = new IndexExpr { Pos = pos, X = typ };
        if (_tok == Token.Rbrack)
        {
            SyntaxError("expected type argument list");
            x.Index = BadExpr();
        }
        else
        {
            (x.Index, _) = TypeList(true);
        }
        Want(Token.Rbrack);
        return Fin(x);
    }

    // If context != "", type parameters are not permitted.
    private (List<Field>? tparams, FuncType typ) FuncType(string context)
    {
        var typ = new FuncType { Pos = Pos() };

        List<Field>? tparamList = null;
        if (Got(Token.Lbrack))
        {
            if (context.Length != 0)
            {
                // accept but complain
                SyntaxErrorAt(typ.Pos, context + " must have no type parameters");
            }
            if (_tok == Token.Rbrack)
            {
                SyntaxError("empty type parameter list");
                Next();
            }
            else
            {
                tparamList = ParamList(null, null, Token.Rbrack, true, false);
            }
        }

        Want(Token.Lparen);
        typ.ParamList = ParamList(null, null, Token.Rparen, false, true);
        typ.ResultList = FuncResult();

        return (tparamList, Fin(typ));
    }

    // "[" has already been consumed, and pos is its position.
    // If len != null it is the already consumed array length.
    private Expr ArrayType(Pos pos, Expr? len)
    {
        if (len == null && !Got(Token.DotDotDot))
        {
            _xnest++;
            len = Expr();
            _xnest--;
        }
        if (_tok == Token.Comma)
        {
            // Trailing commas are accepted in type parameter lists but not in array type declarations.
            // Accept for better error handling but complain.
            SyntaxError("unexpected comma; expected ]");
            Next();
        }
        Want(Token.Rbrack);
        var t = new ArrayType { Pos = pos, Len = len };
        t.Elem = Type();
        return Fin(t);
    }

    // "[" and "]" have already been consumed, and pos is the position of "[".
    private Expr SliceType(Pos pos)
    {
        var t = new SliceType { Pos = pos };
        t.Elem = Type();
        return Fin(t);
    }

    private Expr ChanElem()
    {
        var typ = TypeOrNil();
        if (typ == null)
        {
            typ = BadExpr();
            SyntaxError("missing channel element type");
            // assume element type is simply absent - don't advance
        }
        return typ;
    }

    // StructType = "struct" "{" { FieldDecl ";" } "}" .
    private StructType StructType()
    {
        var typ = new StructType { Pos = Pos() };
        Want(Token.Struct);
        Want(Token.Lbrace);
        List("struct type", Token.Semi, Token.Rbrace, () =>
        {
            FieldDecl(typ);
            return false;
        });
        return Fin(typ);
    }

    // InterfaceType = "interface" "{" { ( MethodDecl | EmbeddedElem ) ";" } "}" .
    private InterfaceType InterfaceType()
    {
        var typ = new InterfaceType { Pos = Pos() };
        Want(Token.Interface);
        Want(Token.Lbrace);
        List("interface type", Token.Semi, Token.Rbrace, () =>
        {
            Field? f = null;
            if (_tok == Token.Name) f = MethodDecl();
            if (f == null || f.Name == null) f = EmbeddedElem(f);
            typ.MethodList.Add(f);
            return false;
        });
        return Fin(typ);
    }

    // Result = Parameters | Type .
    private List<Field> FuncResult()
    {
        if (Got(Token.Lparen)) return ParamList(null, null, Token.Rparen, false, false);

        var pos = Pos();
        var typ = TypeOrNil();
        if (typ != null)
        {
            var f = new Field { Pos = pos, Type = typ, End = typ.End };
            return [f];
        }
        return [];
    }

    private void AddField(StructType styp, Pos pos, Name? name, Expr typ, BasicLit? tag)
    {
        if (tag != null)
        {
            for (int i = styp.FieldList.Count - styp.TagList.Count; i > 0; i--) styp.TagList.Add(null);
            styp.TagList.Add(tag);
        }
        var f = new Field { Pos = pos, Name = name, Type = typ };
        styp.FieldList.Add(Fin(f));
    }

    // FieldDecl      = (IdentifierList Type | AnonymousField) [ Tag ] .
    // AnonymousField = [ "*" ] TypeName .
    // Tag            = string_lit .
    private void FieldDecl(StructType styp)
    {
        var pos = Pos();
        switch (_tok)
        {
            case Token.Name:
                {
                    var name = Name();
                    if (_tok == Token.Dot || _tok == Token.Literal || _tok == Token.Semi || _tok == Token.Rbrace)
                    {
                        // embedded type
                        var typ = QualifiedName(name);
                        var tag = OLiteral();
                        AddField(styp, pos, null, typ, tag);
                        break;
                    }

                    // name1, name2, ... Type [ tag ]
                    var names = NameList(name);
                    Expr ftyp;

                    // Careful dance: We don't know if we have an embedded instantiated
                    // type T[P1, P2, ...] or a field T of array/slice type [P]E or []E.
                    if (names.Count == 1 && _tok == Token.Lbrack)
                    {
                        ftyp = ArrayOrTArgs();
                        if (ftyp is IndexExpr ix)
                        {
                            // embedded type T[P1, P2, ...]
                            ix.X = name; // name == names[0]
                            var tag1 = OLiteral();
                            AddField(styp, pos, null, ix, tag1);
                            break;
                        }
                    }
                    else
                    {
                        // T P
                        ftyp = Type();
                    }

                    var tag2 = OLiteral();
                    foreach (var n in names) AddField(styp, n.Pos, n, ftyp, tag2);
                    break;
                }

            case Token.Star:
                {
                    Next();
                    Expr typ;
                    if (_tok == Token.Lparen)
                    {
                        // *(T)
                        SyntaxError("cannot parenthesize embedded type");
                        Next();
                        typ = QualifiedName(null);
                        Got(Token.Rparen); // no need to complain if missing
                    }
                    else
                    {
                        // *T
                        typ = QualifiedName(null);
                    }
                    var ptr = NewIndirect(pos, typ); // before the tag, so that End excludes it
                    var tag = OLiteral();
                    AddField(styp, pos, null, ptr, tag);
                    break;
                }

            case Token.Lparen:
                {
                    SyntaxError("cannot parenthesize embedded type");
                    Next();
                    Expr typ;
                    if (_tok == Token.Star)
                    {
                        // (*T)
                        var p2 = Pos();
                        Next();
                        typ = NewIndirect(p2, QualifiedName(null));
                    }
                    else
                    {
                        // (T)
                        typ = QualifiedName(null);
                    }
                    Got(Token.Rparen); // no need to complain if missing
                    var tag = OLiteral();
                    AddField(styp, pos, null, typ, tag);
                    break;
                }

            default:
                SyntaxError("expected field name or embedded type");
                Advance(Token.Semi, Token.Rbrace);
                break;
        }
    }

    private Expr ArrayOrTArgs()
    {
        var pos = Pos();
        Want(Token.Lbrack);
        if (Got(Token.Rbrack)) return SliceType(pos);

        // x [n]E or x[n,], x[n1, n2], ...
        var (n, comma) = TypeList(false);
        Want(Token.Rbrack);
        if (!comma)
        {
            var elem = TypeOrNil();
            if (elem != null)
            {
                // x [n]E
                var t = new ArrayType { Pos = pos, Len = n, Elem = elem };
                return Fin(t);
            }
        }

        // x[n,], x[n1, n2], ...
        var ix = new IndexExpr { Pos = pos, Index = n }; // X will be filled in by caller
        return Fin(ix);
    }

    private BasicLit? OLiteral()
    {
        if (_tok == Token.Literal)
        {
            var b = new BasicLit { Pos = Pos(), Value = _s.Lit, LitKind = _s.Kind, Bad = _s.Bad };
            Next();
            return Fin(b);
        }
        return null;
    }

    // MethodSpec        = MethodName Signature | InterfaceTypeName .
    // MethodName        = identifier .
    // InterfaceTypeName = TypeName .
    private Field MethodDecl()
    {
        var f = new Field { Pos = Pos() };
        var name = Name();

        const string context = "interface method";

        switch (_tok)
        {
            case Token.Lparen:
                // method
                f.Name = name;
                (_, f.Type) = FuncType(context);
                break;

            case Token.Lbrack:
                {
                    // Careful dance: We don't know if we have a generic method m[T C](x T) or an embedded
                    // instantiated type T[P1, P2] (we accept generic methods for generality and robustness of
                    // parsing but complain with an error).
                    var pos = Pos();
                    Next();

                    // Empty type parameter or argument lists are not permitted. Treat as if [] were absent.
                    if (_tok == Token.Rbrack)
                    {
                        // name[]
                        var pos2 = Pos();
                        Next();
                        if (_tok == Token.Lparen)
                        {
                            // name[](
                            ErrorAt(pos2, "empty type parameter list");
                            f.Name = name;
                            (_, f.Type) = FuncType(context);
                        }
                        else
                        {
                            ErrorAt(pos2, "empty type argument list");
                            f.Type = name;
                        }
                        break;
                    }

                    // A type argument list looks like a parameter list with only types.
                    // Parse a parameter list and decide afterwards.
                    var list = ParamList(null, null, Token.Rbrack, false, false);
                    if (list.Count == 0)
                    {
                        // The type parameter list is not [] but we got nothing due to other errors
                        // (reported by paramList). Treat as if [] were absent.
                        if (_tok == Token.Lparen)
                        {
                            f.Name = name;
                            (_, f.Type) = FuncType(context);
                        }
                        else
                        {
                            f.Type = name;
                        }
                        break;
                    }

                    if (list[0].Name != null)
                    {
                        // generic method
                        f.Name = name;
                        (_, f.Type) = FuncType(context);
                        ErrorAt(pos, "interface method must have no type parameters");
                        break;
                    }

                    // embedded instantiated type
                    var t = new IndexExpr { Pos = pos, X = name };
                    if (list.Count == 1)
                    {
                        t.Index = list[0].Type;
                    }
                    else
                    {
                        var l = new ListExpr { Pos = list[0].Pos };
                        foreach (var p in list) l.ElemList.Add(p.Type);
                        l.End = list[^1].Type.End;
                        t.Index = l;
                    }
                    f.Type = Fin(t);
                    break;
                }

            default:
                // embedded type
                f.Type = QualifiedName(name);
                break;
        }
        return Fin(f);
    }

    // EmbeddedElem = MethodSpec | EmbeddedTerm { "|" EmbeddedTerm } .
    private Field EmbeddedElem(Field? f)
    {
        if (f == null)
        {
            f = new Field { Pos = Pos() };
            f.Type = EmbeddedTerm();
        }

        while (_tok == Token.Operator && _s.Op == Operator.Or)
        {
            var t = new Operation { Pos = Pos(), Op = Operator.Or };
            Next();
            t.X = f.Type;
            t.Y = EmbeddedTerm();
            f.Type = Fin(t);
        }
        return Fin(f);
    }

    // EmbeddedTerm = [ "~" ] Type .
    private Expr EmbeddedTerm()
    {
        if (_tok == Token.Operator && _s.Op == Operator.Tilde)
        {
            var t = new Operation { Pos = Pos(), Op = Operator.Tilde };
            Next();
            t.X = Type();
            return Fin(t);
        }

        var typ = TypeOrNil();
        if (typ == null)
        {
            typ = BadExpr();
            SyntaxError("expected ~ term or type");
            Advance(Token.Operator, Token.Semi, Token.Rparen, Token.Rbrack, Token.Rbrace);
        }
        return typ;
    }

    // ParameterDecl = [ IdentifierList ] [ "..." ] Type .
    private Field? ParamDeclOrNil(Name? name, Token follow)
    {
        // type set notation is ok in type parameter lists
        bool typeSetsOk = follow == Token.Rbrack;

        var pos = Pos();
        if (name != null)
        {
            pos = name.Pos;
        }
        else if (typeSetsOk && _tok == Token.Operator && _s.Op == Operator.Tilde)
        {
            // "~" ...
            return EmbeddedElem(null);
        }

        var f = new Field { Pos = pos };

        if (_tok == Token.Name || name != null)
        {
            // name
            name ??= Name();

            if (_tok == Token.Lbrack)
            {
                // name "[" ...
                f.Type = ArrayOrTArgs();
                if (f.Type is IndexExpr typ)
                {
                    // name "[" ... "]"
                    typ.X = name;
                }
                else
                {
                    // name "[" n "]" E
                    f.Name = name;
                }
                if (typeSetsOk && _tok == Token.Operator && _s.Op == Operator.Or)
                {
                    // name "[" ... "]" "|" ...
                    // name "[" n "]" E "|" ...
                    f = EmbeddedElem(f);
                }
                return Fin(f);
            }

            if (_tok == Token.Dot)
            {
                // name "." ...
                f.Type = QualifiedName(name);
                if (typeSetsOk && _tok == Token.Operator && _s.Op == Operator.Or)
                {
                    // name "." name "|" ...
                    f = EmbeddedElem(f);
                }
                return Fin(f);
            }

            if (typeSetsOk && _tok == Token.Operator && _s.Op == Operator.Or)
            {
                // name "|" ...
                f.Type = name;
                return EmbeddedElem(f);
            }

            f.Name = name;
        }

        if (_tok == Token.DotDotDot)
        {
            // [name] "..." ...
            var t = new DotsType { Pos = Pos() };
            Next();
            var elem = TypeOrNil();
            if (elem == null)
            {
                f.Type = BadExpr();
                SyntaxError("... is missing type");
            }
            else
            {
                t.Elem = elem;
                f.Type = Fin(t);
            }
            return Fin(f);
        }

        if (typeSetsOk && _tok == Token.Operator && _s.Op == Operator.Tilde)
        {
            // [name] "~" ...
            f.Type = EmbeddedElem(null).Type;
            return Fin(f);
        }

        f.Type = TypeOrNil()!;
        if (typeSetsOk && _tok == Token.Operator && _s.Op == Operator.Or && f.Type != null)
        {
            // [name] type "|"
            f = EmbeddedElem(f);
        }
        if (f.Name != null || f.Type != null) return Fin(f);

        SyntaxError("expected " + TokenText.Describe(follow));
        Advance(Token.Comma, follow);
        return null;
    }

    // Parameters    = "(" [ ParameterList [ "," ] ] ")" .
    // ParameterList = ParameterDecl { "," ParameterDecl } .
    // "(" or "[" has already been consumed.
    // If name != null, it is the first name after "(" or "[".
    // If typ != null, name must be != null, and (name, typ) is the first field in the list.
    // In the result list, either all fields have a name, or no field has a name.
    private List<Field> ParamList(Name? name, Expr? typ, Token close, bool requireNames, bool dddok)
    {
        // p.list won't invoke its function argument if we're at the end of the
        // parameter list. If we have a complete field, handle this case here.
        if (name != null && typ != null && _tok == close)
        {
            Next();
            var par = new Field { Pos = name.Pos, Name = name, Type = typ, End = typ.End };
            return [par];
        }

        var list = new List<Field>();
        int named = 0; // number of parameters that have an explicit name and type
        int typed = 0; // number of parameters that have an explicit type
        var end = List("parameter list", Token.Comma, close, () =>
        {
            Field? par;
            if (typ != null)
            {
                par = new Field { Pos = name!.Pos, Name = name, Type = typ, End = typ.End };
            }
            else
            {
                par = ParamDeclOrNil(name, close);
            }
            name = null; // 1st name was consumed if present
            typ = null;  // 1st type was consumed if present
            if (par != null)
            {
                if (par.Name != null && par.Type != null) named++;
                if (par.Type != null) typed++;
                list.Add(par);
            }
            return false;
        });

        if (list.Count == 0) return list;

        // distribute parameter types (len(list) > 0)
        if (named == 0 && !requireNames)
        {
            // all unnamed and we're not in a type parameter list => found names are named types
            foreach (var par in list)
            {
                if (par.Name is { } t)
                {
                    par.Type = t;
                    par.Name = null;
                }
            }
        }
        else if (named != list.Count)
        {
            // some named or we're in a type parameter list => all must be named
            Pos errPos = default; // left-most error position (or unknown)
            Expr? t = null;        // current type (from right to left)
            for (int i = list.Count - 1; i >= 0; i--)
            {
                var par = list[i];
                if (par.Type != null)
                {
                    t = par.Type;
                    if (par.Name == null)
                    {
                        errPos = Positions.StartPos(t);
                        par.Name = new Name(errPos, "_");
                    }
                }
                else if (t != null)
                {
                    par.Type = t;
                    par.End = t.End;
                }
                else
                {
                    // par.Type == null && t == null => we only have a par.Name
                    errPos = par.Name!.Pos;
                    var b = BadExpr();
                    b.Pos = errPos; // correct position
                    b.End = errPos;
                    par.Type = b;
                }
            }
            if (errPos.IsKnown)
            {
                // Not all parameters are named because named != len(list). If named == typed, there must be
                // parameters that have no types. They must be at the end of the parameter list, otherwise
                // types would have been filled in by the right-to-left sweep above and there would be no error.
                // If requireNames is set, the parameter list is a type parameter list.
                string msg;
                if (named == typed)
                {
                    errPos = end; // position error at closing token ) or ]
                    msg = requireNames ? "missing type constraint" : "missing parameter type";
                }
                else
                {
                    if (requireNames)
                    {
                        msg = "missing type parameter name";
                        // go.dev/issue/60812
                        if (list.Count == 1) msg += " or invalid array length";
                    }
                    else
                    {
                        msg = "missing parameter name";
                    }
                }
                SyntaxErrorAt(errPos, msg);
            }
        }

        // check use of ...
        bool first = true; // only report first occurrence
        for (int i = 0; i < list.Count; i++)
        {
            var f = list[i];
            if (f.Type is DotsType t && (!dddok || i + 1 < list.Count))
            {
                if (first)
                {
                    first = false;
                    ErrorAt(t.Pos, dddok ? "can only use ... with final parameter" : "invalid use of ...");
                }
                // use T instead of invalid ...T
                f.Type = t.Elem;
            }
        }
        return list;
    }
}
