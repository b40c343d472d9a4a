using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace GoEscape.Syntax;

/// <summary>
/// The Go tokenizer (models gc's syntax/source.go + scanner.go) over an in-memory UTF-8 byte array.
/// After <see cref="Next"/> the fields Tok, Lit, Bad, LitKind, Op, Prec, Line, Col, Offset describe the
/// current token. Errors and directive comments are delivered to the handler exactly like gc: the handler
/// gets (line, col, msg); msg starting with '/' is a comment (directive) text, otherwise an error message.
/// </summary>
public sealed class Scanner
{
    /// <summary>Report every comment to the handler.</summary>
    public const int ModeComments = 1;
    /// <summary>Report only //go:, //line and /*line comments to the handler.</summary>
    public const int ModeDirectives = 2;

    private const int EOFch = -1;

    private readonly byte[] _buf;
    private readonly int _len;
    private readonly Action<uint, uint, string> _errh;
    private readonly int _mode;
    private readonly NameTable _names;

    // source state: ch is the current character (EOFch at end), starting at byte offset _r - _chw.
    private int _r;
    private int _ch = ' ';
    private int _chw;
    private uint _line, _col; // 0-based position of ch
    private int _segStart = -1;

    private bool _nlsemi;

    // current token
    public uint Line, Col;      // 1-based start of the token
    public int Offset;          // byte offset of the token start
    public bool Blank;          // line is blank up to Col
    public Token Tok;
    public string Lit = "";     // valid for Name, Literal, Semi ("semicolon", "newline", "EOF")
    public bool Bad;            // valid for Literal
    public LitKind Kind;        // valid for Literal
    public Operator Op;         // valid for Operator, Star, AssignOp, IncOp
    public int Prec;            // valid for Operator, Star, AssignOp, IncOp
    /// <summary>1-based position / offset just past the current token.</summary>
    public uint EndLine, EndCol;
    public int EndOffset;

    private readonly List<int>? _lineStarts;

    /// <param name="lineStarts">If not null, receives the byte offset of the start of each line after the first.</param>
    public Scanner(byte[] src, int length, Action<uint, uint, string> errh, int mode, NameTable? names = null, List<int>? lineStarts = null)
    {
        _lineStarts = lineStarts;
        _buf = src;
        _len = length;
        _errh = errh;
        _mode = mode;
        _names = names ?? new NameTable();
        NextCh();
    }

    // ------------------------------------------------------------------------------------------
    // source (models syntax/source.go)

    private (uint line, uint col) SrcPos => (1 + _line, 1 + _col);

    private void SrcError(string msg) => _errh(1 + _line, 1 + _col, msg);

    // models source.nextch: reads the next character, reporting NUL, invalid UTF-8 and misplaced BOMs.
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void NextCh()
    {
        _col += (uint)_chw;
        if (_ch == '\n')
        {
            _line++;
            _col = 0;
            _lineStarts?.Add(_r);
        }
        if (_r < _len)
        {
            int b = _buf[_r];
            if (b < 0x80 && b != 0)
            {
                _r++;
                _ch = b;
                _chw = 1;
                return;
            }
        }
        NextChSlow();
    }

    private void NextChSlow()
    {
        while (true)
        {
            if (_r >= _len)
            {
                _ch = EOFch;
                _chw = 0;
                return;
            }
            int b = _buf[_r];
            if (b < 0x80)
            {
                _r++;
                _ch = b;
                _chw = 1;
                if (b == 0)
                {
                    SrcError("invalid NUL character");
                    _col += 1; // goto redo: col += chw
                    continue;
                }
                return;
            }
            var status = System.Text.Rune.DecodeFromUtf8(new ReadOnlySpan<byte>(_buf, _r, _len - _r), out var rune, out int n);
            if (status != OperationStatus.Done)
            {
                // utf8.DecodeRune returns (RuneError, 1) for invalid encodings
                _r += 1;
                _ch = 0xFFFD;
                _chw = 1;
                SrcError("invalid UTF-8 encoding");
                _col += 1;
                continue;
            }
            _r += n;
            _ch = rune.Value;
            _chw = n;
            if (_ch == 0xFEFF)
            {
                if (_line > 0 || _col > 0) SrcError("invalid BOM in the middle of the file");
                _col += (uint)n;
                continue;
            }
            return;
        }
    }

    private int CurOffset => _r - _chw;
    private void Start() => _segStart = _r - _chw;
    private void Stop() => _segStart = -1;
    private ReadOnlySpan<byte> Segment => new(_buf, _segStart, _r - _chw - _segStart);

    // models source.rewind
    private void Rewind()
    {
        _col -= (uint)(_r - _segStart);
        _r = _segStart;
        NextCh();
    }

    // ------------------------------------------------------------------------------------------
    // scanner (models syntax/scanner.go)

    private void Errorf(string msg) => SrcError(msg);
    private void ErrorAtf(int offset, string msg) => _errh(Line, Col + (uint)offset, msg);

    private void SetLit(LitKind kind, bool ok)
    {
        _nlsemi = true;
        Tok = Token.Literal;
        Lit = Encoding.UTF8.GetString(Segment);
        Bad = !ok;
        Kind = kind;
    }

    /// <summary>Advances to the next token (models scanner.next).</summary>
    public void Next()
    {
        bool nlsemi = _nlsemi;
        _nlsemi = false;

    redo:
        // skip white space
        Stop();
        var (startLine, startCol) = SrcPos;
        while (_ch == ' ' || _ch == '\t' || (_ch == '\n' && !nlsemi) || _ch == '\r') NextCh();

        // token start
        (Line, Col) = SrcPos;
        Offset = CurOffset;
        Blank = Line > startLine || startCol == 1;
        Start();
        if (IsLetter(_ch) || (_ch >= 0x80 && AtIdentChar(true)))
        {
            NextCh();
            Ident();
            SetEnd();
            return;
        }

        switch (_ch)
        {
            case EOFch:
                if (nlsemi)
                {
                    Lit = "EOF";
                    Tok = Token.Semi;
                    break;
                }
                Tok = Token.EOF;
                break;
            case '\n':
                NextCh();
                Lit = "newline";
                Tok = Token.Semi;
                break;
            case >= '0' and <= '9':
                Number(false);
                break;
            case '"':
                StdString();
                break;
            case '`':
                RawString();
                break;
            case '\'':
                RuneLit();
                break;
            case '(': NextCh(); Tok = Token.Lparen; break;
            case '[': NextCh(); Tok = Token.Lbrack; break;
            case '{': NextCh(); Tok = Token.Lbrace; break;
            case ',': NextCh(); Tok = Token.Comma; break;
            case ';': NextCh(); Lit = "semicolon"; Tok = Token.Semi; break;
            case ')': NextCh(); _nlsemi = true; Tok = Token.Rparen; break;
            case ']': NextCh(); _nlsemi = true; Tok = Token.Rbrack; break;
            case '}': NextCh(); _nlsemi = true; Tok = Token.Rbrace; break;
            case ':':
                NextCh();
                if (_ch == '=') { NextCh(); Tok = Token.Define; break; }
                Tok = Token.Colon;
                break;
            case '.':
                NextCh();
                if (IsDecimal(_ch)) { Number(true); break; }
                if (_ch == '.')
                {
                    NextCh();
                    if (_ch == '.') { NextCh(); Tok = Token.DotDotDot; break; }
                    Rewind(); // now ch holds 1st '.'
                    NextCh(); // consume 1st '.' again
                }
                Tok = Token.Dot;
                break;
            case '+':
                NextCh();
                Op = Operator.Add; Prec = 4;
                if (_ch != '+') goto assignop;
                NextCh();
                _nlsemi = true;
                Tok = Token.IncOp;
                break;
            case '-':
                NextCh();
                Op = Operator.Sub; Prec = 4;
                if (_ch != '-') goto assignop;
                NextCh();
                _nlsemi = true;
                Tok = Token.IncOp;
                break;
            case '*':
                NextCh();
                Op = Operator.Mul; Prec = 5;
                if (_ch == '=') { NextCh(); Tok = Token.AssignOp; break; }
                Tok = Token.Star;
                break;
            case '/':
                NextCh();
                if (_ch == '/')
                {
                    NextCh();
                    LineComment();
                    goto redo;
                }
                if (_ch == '*')
                {
                    NextCh();
                    FullComment();
                    if (SrcPos.line > Line && nlsemi)
                    {
                        // A multi-line comment acts like a newline.
                        Lit = "newline";
                        Tok = Token.Semi;
                        break;
                    }
                    goto redo;
                }
                Op = Operator.Div; Prec = 5;
                goto assignop;
            case '%':
                NextCh();
                Op = Operator.Rem; Prec = 5;
                goto assignop;
            case '&':
                NextCh();
                if (_ch == '&') { NextCh(); Op = Operator.AndAnd; Prec = 2; Tok = Token.Operator; break; }
                Op = Operator.And; Prec = 5;
                if (_ch == '^') { NextCh(); Op = Operator.AndNot; }
                goto assignop;
            case '|':
                NextCh();
                if (_ch == '|') { NextCh(); Op = Operator.OrOr; Prec = 1; Tok = Token.Operator; break; }
                Op = Operator.Or; Prec = 4;
                goto assignop;
            case '^':
                NextCh();
                Op = Operator.Xor; Prec = 4;
                goto assignop;
            case '<':
                NextCh();
                if (_ch == '=') { NextCh(); Op = Operator.Leq; Prec = 3; Tok = Token.Operator; break; }
                if (_ch == '<') { NextCh(); Op = Operator.Shl; Prec = 5; goto assignop; }
                if (_ch == '-') { NextCh(); Tok = Token.Arrow; break; }
                Op = Operator.Lss; Prec = 3;
                Tok = Token.Operator;
                break;
            case '>':
                NextCh();
                if (_ch == '=') { NextCh(); Op = Operator.Geq; Prec = 3; Tok = Token.Operator; break; }
                if (_ch == '>') { NextCh(); Op = Operator.Shr; Prec = 5; goto assignop; }
                Op = Operator.Gtr; Prec = 3;
                Tok = Token.Operator;
                break;
            case '=':
                NextCh();
                if (_ch == '=') { NextCh(); Op = Operator.Eql; Prec = 3; Tok = Token.Operator; break; }
                Tok = Token.Assign;
                break;
            case '!':
                NextCh();
                if (_ch == '=') { NextCh(); Op = Operator.Neq; Prec = 3; Tok = Token.Operator; break; }
                Op = Operator.Not; Prec = 0;
                Tok = Token.Operator;
                break;
            case '~':
                NextCh();
                Op = Operator.Tilde; Prec = 0;
                Tok = Token.Operator;
                break;
            default:
                Errorf($"invalid character {FormatU(_ch)}");
                NextCh();
                goto redo;
        }
        SetEnd();
        return;

    assignop:
        if (_ch == '=')
        {
            NextCh();
            Tok = Token.AssignOp;
            SetEnd();
            return;
        }
        Tok = Token.Operator;
        SetEnd();
    }

    private void SetEnd()
    {
        (EndLine, EndCol) = SrcPos;
        EndOffset = CurOffset;
    }

    private void Ident()
    {
        // accelerate common case (7bit ASCII)
        while (IsLetter(_ch) || IsDecimal(_ch)) NextCh();
        // general case
        if (_ch >= 0x80)
        {
            while (AtIdentChar(false)) NextCh();
        }
        var lit = Segment;
        var (name, kw) = _names.Lookup(lit);
        if (kw != Token.None)
        {
            _nlsemi = kw is Token.Break or Token.Continue or Token.Fallthrough or Token.Return;
            Tok = kw;
            return;
        }
        _nlsemi = true;
        Lit = name;
        Tok = Token.Name;
    }

    private bool AtIdentChar(bool first)
    {
        if (_ch < 0) return false;
        if (_ch < 0x80)
        {
            if (IsLetter(_ch)) return true;
            if (IsDecimal(_ch))
            {
                if (first) Errorf($"identifier cannot begin with digit {FormatU(_ch)}");
                return true;
            }
            return false;
        }
        var cat = CharUnicodeInfo.GetUnicodeCategory(_ch);
        if (IsUnicodeLetter(cat)) return true;
        if (cat == UnicodeCategory.DecimalDigitNumber)
        {
            if (first) Errorf($"identifier cannot begin with digit {FormatU(_ch)}");
            return true;
        }
        Errorf($"invalid character {FormatU(_ch)} in identifier");
        return true;
    }

    private static bool IsUnicodeLetter(UnicodeCategory c) => c is UnicodeCategory.UppercaseLetter or UnicodeCategory.LowercaseLetter
        or UnicodeCategory.TitlecaseLetter or UnicodeCategory.ModifierLetter or UnicodeCategory.OtherLetter;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Lower(int ch) => ('a' - 'A') | ch;
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsLetter(int ch) => ('a' <= Lower(ch) && Lower(ch) <= 'z') || ch == '_';
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static bool IsDecimal(int ch) => '0' <= ch && ch <= '9';
    private static bool IsHex(int ch) => ('0' <= ch && ch <= '9') || ('a' <= Lower(ch) && Lower(ch) <= 'f');

    /// <summary>Go's %#U formatting: U+0041 'A' (quoted char only if printable).</summary>
    internal static string FormatU(long ch)
    {
        string hex = "U+" + ch.ToString("X4", CultureInfo.InvariantCulture);
        if (ch >= 0 && ch <= 0x10FFFF && GoStrconv.IsPrint((int)ch)) return hex + " '" + char.ConvertFromUtf32((int)ch) + "'";
        return hex;
    }

    // models scanner.digits
    private int Digits(int @base, ref int invalid)
    {
        int digsep = 0;
        if (@base <= 10)
        {
            int max = '0' + @base;
            while (IsDecimal(_ch) || _ch == '_')
            {
                int ds = 1;
                if (_ch == '_') ds = 2;
                else if (_ch >= max && invalid < 0) invalid = (int)(1 + _col - Col);
                digsep |= ds;
                NextCh();
            }
        }
        else
        {
            while (IsHex(_ch) || _ch == '_')
            {
                digsep |= _ch == '_' ? 2 : 1;
                NextCh();
            }
        }
        return digsep;
    }

    // models scanner.number
    private void Number(bool seenPoint)
    {
        bool ok = true;
        var kind = LitKind.IntLit;
        int @base = 10;
        int prefix = 0;
        int digsep = 0;
        int invalid = -1;

        if (!seenPoint)
        {
            if (_ch == '0')
            {
                NextCh();
                switch (Lower(_ch))
                {
                    case 'x': NextCh(); @base = 16; prefix = 'x'; break;
                    case 'o': NextCh(); @base = 8; prefix = 'o'; break;
                    case 'b': NextCh(); @base = 2; prefix = 'b'; break;
                    default: @base = 8; prefix = '0'; digsep = 1; break;
                }
            }
            digsep |= Digits(@base, ref invalid);
            if (_ch == '.')
            {
                if (prefix == 'o' || prefix == 'b')
                {
                    Errorf($"invalid radix point in {BaseName(@base)} literal");
                    ok = false;
                }
                NextCh();
                seenPoint = true;
            }
        }

        if (seenPoint)
        {
            kind = LitKind.FloatLit;
            digsep |= Digits(@base, ref invalid);
        }

        if ((digsep & 1) == 0 && ok)
        {
            Errorf($"{BaseName(@base)} literal has no digits");
            ok = false;
        }

        int e = Lower(_ch);
        if (e == 'e' || e == 'p')
        {
            if (ok)
            {
                if (e == 'e' && prefix != 0 && prefix != '0')
                {
                    Errorf($"{GoStrconv.QuoteRune(_ch)} exponent requires decimal mantissa");
                    ok = false;
                }
                else if (e == 'p' && prefix != 'x')
                {
                    Errorf($"{GoStrconv.QuoteRune(_ch)} exponent requires hexadecimal mantissa");
                    ok = false;
                }
            }
            NextCh();
            kind = LitKind.FloatLit;
            if (_ch == '+' || _ch == '-') NextCh();
            int unused = -1; // gc passes nil: no digit is invalid in base 10
            int ds = Digits(10, ref unused);
            digsep = ds | (digsep & 2);
            if ((ds & 1) == 0 && ok)
            {
                Errorf("exponent has no digits");
                ok = false;
            }
        }
        else if (prefix == 'x' && kind == LitKind.FloatLit && ok)
        {
            Errorf("hexadecimal mantissa requires a 'p' exponent");
            ok = false;
        }

        if (_ch == 'i')
        {
            kind = LitKind.ImagLit;
            NextCh();
        }

        SetLit(kind, ok);

        if (kind == LitKind.IntLit && invalid >= 0 && ok)
        {
            ErrorAtf(invalid, $"invalid digit {GoStrconv.QuoteRune(Lit[invalid])} in {BaseName(@base)} literal");
            ok = false;
        }

        if ((digsep & 2) != 0 && ok)
        {
            int i = InvalidSep(Lit);
            if (i >= 0)
            {
                ErrorAtf(i, "'_' must separate successive digits");
                ok = false;
            }
        }

        Bad = !ok;
    }

    private static string BaseName(int b) => b switch
    {
        2 => "binary",
        8 => "octal",
        10 => "decimal",
        16 => "hexadecimal",
        _ => throw new InvalidOperationException("invalid base"),
    };

    // models scanner.invalidSep
    private static int InvalidSep(string x)
    {
        int x1 = ' ';
        int d = '.';
        int i = 0;
        if (x.Length >= 2 && x[0] == '0')
        {
            x1 = Lower(x[1]);
            if (x1 == 'x' || x1 == 'o' || x1 == 'b')
            {
                d = '0';
                i = 2;
            }
        }
        for (; i < x.Length; i++)
        {
            int p = d;
            d = x[i];
            if (d == '_')
            {
                if (p != '0') return i;
            }
            else if (IsDecimal(d) || (x1 == 'x' && IsHex(d)))
            {
                d = '0';
            }
            else
            {
                if (p == '_') return i - 1;
                d = '.';
            }
        }
        if (d == '_') return x.Length - 1;
        return -1;
    }

    // models scanner.rune
    private void RuneLit()
    {
        bool ok = true;
        NextCh();
        for (int n = 0; ; n++)
        {
            if (_ch == '\'')
            {
                if (ok)
                {
                    if (n == 0)
                    {
                        Errorf("empty rune literal or unescaped '");
                        ok = false;
                    }
                    else if (n != 1)
                    {
                        ErrorAtf(0, "more than one character in rune literal");
                        ok = false;
                    }
                }
                NextCh();
                break;
            }
            if (_ch == '\\')
            {
                NextCh();
                if (!Escape('\'')) ok = false;
                continue;
            }
            if (_ch == '\n')
            {
                if (ok)
                {
                    Errorf("newline in rune literal");
                    ok = false;
                }
                break;
            }
            if (_ch < 0)
            {
                if (ok)
                {
                    ErrorAtf(0, "rune literal not terminated");
                    ok = false;
                }
                break;
            }
            NextCh();
        }
        SetLit(LitKind.RuneLit, ok);
    }

    private void StdString()
    {
        bool ok = true;
        NextCh();
        while (true)
        {
            if (_ch == '"') { NextCh(); break; }
            if (_ch == '\\')
            {
                NextCh();
                if (!Escape('"')) ok = false;
                continue;
            }
            if (_ch == '\n')
            {
                Errorf("newline in string");
                ok = false;
                break;
            }
            if (_ch < 0)
            {
                ErrorAtf(0, "string not terminated");
                ok = false;
                break;
            }
            NextCh();
        }
        SetLit(LitKind.StringLit, ok);
    }

    private void RawString()
    {
        bool ok = true;
        NextCh();
        while (true)
        {
            if (_ch == '`') { NextCh(); break; }
            if (_ch < 0)
            {
                ErrorAtf(0, "string not terminated");
                ok = false;
                break;
            }
            NextCh();
        }
        SetLit(LitKind.StringLit, ok);
    }

    private void Comment(string text) => ErrorAtf(0, text);

    private void SkipLine()
    {
        // don't consume '\n' - needed for nlsemi logic
        while (_ch >= 0 && _ch != '\n') NextCh();
    }

    private void LineComment()
    {
        // opening has already been consumed
        if ((_mode & ModeComments) != 0)
        {
            SkipLine();
            Comment(Encoding.UTF8.GetString(Segment));
            return;
        }
        // are we saving directives? or is this definitely not a directive?
        if ((_mode & ModeDirectives) == 0 || (_ch != 'g' && _ch != 'l'))
        {
            Stop();
            SkipLine();
            return;
        }
        // recognize go: or line directives
        string prefix = _ch == 'l' ? "line " : "go:";
        foreach (char m in prefix)
        {
            if (_ch != m)
            {
                Stop();
                SkipLine();
                return;
            }
            NextCh();
        }
        SkipLine();
        Comment(Encoding.UTF8.GetString(Segment));
    }

    private bool SkipComment()
    {
        while (_ch >= 0)
        {
            while (_ch == '*')
            {
                NextCh();
                if (_ch == '/')
                {
                    NextCh();
                    return true;
                }
            }
            NextCh();
        }
        ErrorAtf(0, "comment not terminated");
        return false;
    }

    private void FullComment()
    {
        if ((_mode & ModeComments) != 0)
        {
            if (SkipComment()) Comment(Encoding.UTF8.GetString(Segment));
            return;
        }
        if ((_mode & ModeDirectives) == 0 || _ch != 'l')
        {
            Stop();
            SkipComment();
            return;
        }
        const string prefix = "line ";
        foreach (char m in prefix)
        {
            if (_ch != m)
            {
                Stop();
                SkipComment();
                return;
            }
            NextCh();
        }
        if (SkipComment()) Comment(Encoding.UTF8.GetString(Segment));
    }

    // models scanner.escape
    private bool Escape(int quote)
    {
        int n;
        uint @base, max;
        switch (_ch)
        {
            case 'a' or 'b' or 'f' or 'n' or 'r' or 't' or 'v' or '\\':
                NextCh();
                return true;
            case >= '0' and <= '7':
                n = 3; @base = 8; max = 255;
                break;
            case 'x':
                NextCh();
                n = 2; @base = 16; max = 255;
                break;
            case 'u':
                NextCh();
                n = 4; @base = 16; max = 0x10FFFF;
                break;
            case 'U':
                NextCh();
                n = 8; @base = 16; max = 0x10FFFF;
                break;
            default:
                if (_ch == quote)
                {
                    NextCh();
                    return true;
                }
                if (_ch < 0) return true; // complain in caller about EOF
                Errorf("unknown escape");
                return false;
        }

        uint x = 0;
        for (int i = n; i > 0; i--)
        {
            if (_ch < 0) return true; // complain in caller about EOF
            uint d = @base;
            if (IsDecimal(_ch)) d = (uint)(_ch - '0');
            else if ('a' <= Lower(_ch) && Lower(_ch) <= 'f') d = (uint)(Lower(_ch) - 'a' + 10);
            if (d >= @base)
            {
                Errorf($"invalid character {GoStrconv.QuoteRune(_ch)} in {BaseName((int)@base)} escape");
                return false;
            }
            x = x * @base + d;
            NextCh();
        }

        if (x > max && @base == 8)
        {
            Errorf($"octal escape value {x} > 255");
            return false;
        }
        if (x > max || (0xD800 <= x && x < 0xE000))
        {
            Errorf($"escape is invalid Unicode code point {FormatU(x)}");
            return false;
        }
        return true;
    }
}
