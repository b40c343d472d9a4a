using System.Runtime.CompilerServices;
using System.Text;

namespace GoEscape.Syntax;

/// <summary>
/// The Go parser (models gc's cmd/compile/internal/syntax/parser.go). Recursive descent with one token of
/// look-ahead, gc's error recovery and gc's error messages and positions.
///
/// Entry point: <see cref="ParseFile(string, byte[], ErrorSink?, ParseMode, PragmaOptions?)"/>. It never throws
/// on bad input and never returns null. Deeply nested input: the parser runs on the caller's thread and, if it
/// runs short of stack, transparently restarts itself on a thread with a 128 MiB stack (gc relies on Go's
/// growable stacks); beyond that (roughly 190,000 nesting levels) a "nesting too deep" error is reported and the
/// partial tree returned.
/// </summary>
public sealed partial class Parser
{
    private readonly PosBase _file;
    private readonly ParseMode _mode;
    private readonly PragmaOptions _pragmaOptions;
    private readonly Scanner _s;
    private readonly List<SyntaxError> _errors = new();
    private readonly List<int> _lineStarts;
    private readonly File _result = new();

    private PosBase _base;          // current position base
    private SyntaxError? _first;    // first error encountered
    private int _errcnt;
    private Pragmas? _pragma;       // pending pragmas
    private string _goVersion = "";
    private string _buildConstraint = "";

    private bool _top = true;       // in top of file (before package clause)
    private int _fnest;             // function nesting level (for error handling)
    private int _xnest;             // expression nesting level (for complit ambiguity resolution)

    // end of the previously consumed token (for Node.End)
    private PosBase _prevBase;
    private uint _prevEndLine, _prevEndCol;
    private int _prevEndOffset;

    private Parser(string filename, byte[] content, int length, ParseMode mode, PragmaOptions? pragmaOptions, NameTable? names)
    {
        _file = PosBase.NewFileBase(filename);
        _base = _file;
        _prevBase = _file;
        _mode = mode;
        _pragmaOptions = pragmaOptions ?? new PragmaOptions();
        _lineStarts = new List<int>(Math.Max(16, length / 32)) { 0 };
        _s = new Scanner(content, length, ScannerHandler, Scanner.ModeDirectives, names, _lineStarts);
    }

    /// <summary>
    /// Parses one Go source file. Errors (syntax errors, and gc's //go: directive errors when ParseMode.Pragmas is
    /// set) are reported to <paramref name="errs"/> in detection order once parsing is done. Returns a File, never
    /// null; if the package clause is missing or broken (gc returns nil then) File.Broken is set and the tree is empty.
    /// </summary>
    public static File ParseFile(string path, byte[] content, ErrorSink? errs, ParseMode mode = ParseMode.Default, PragmaOptions? pragmaOptions = null)
    {
        ArgumentNullException.ThrowIfNull(path);
        ArgumentNullException.ThrowIfNull(content);
        Parser p;
        try
        {
            p = new Parser(path, content, content.Length, mode, pragmaOptions, null);
            p.Run();
        }
        catch (StackShortException)
        {
            // Too deep for this thread: redo everything on a thread with a big stack.
            p = SyntaxRunner.RunWithLargeStack(() =>
            {
                var q = new Parser(path, content, content.Length, mode, pragmaOptions, null) { _onBigStack = true };
                q.Run();
                return q;
            }, ParserStackSize);
        }
        if (errs != null)
        {
            foreach (var e in p._errors) errs.Report(e);
        }
        return p._result;
    }

    /// <summary>
    /// Parses several files in parallel (like gc's noder, which parses a package's files concurrently). Results
    /// are in input order, and errors are reported to <paramref name="errs"/> file by file in input order, so
    /// the output does not depend on scheduling.
    /// </summary>
    public static File[] ParseFiles(IReadOnlyList<(string Path, byte[] Content)> files, ErrorSink? errs, ParseMode mode = ParseMode.Default, PragmaOptions? pragmaOptions = null)
    {
        var result = new File[files.Count];
        var sinks = new ErrorSink[files.Count];
        Parallel.For(0, files.Count, i =>
        {
            sinks[i] = new ErrorSink();
            result[i] = ParseFile(files[i].Path, files[i].Content, sinks[i], mode, pragmaOptions);
        });
        if (errs != null)
        {
            foreach (var s in sinks)
            {
                foreach (var e in s.Errors) errs.Report(e);
            }
        }
        return result;
    }

    /// <summary>Reads and parses a file from disk.</summary>
    public static File ParseFile(string path, ErrorSink? errs, ParseMode mode = ParseMode.Default, PragmaOptions? pragmaOptions = null)
        => ParseFile(path, System.IO.File.ReadAllBytes(path), errs, mode, pragmaOptions);

    private bool _onBigStack;

    /// <summary>Stack for re-parsing deeply nested input: enough for ~190,000 nesting levels of parentheses in a Release
    /// build (~75,000 in Debug; 10,000 levels need ~7-17 MB).
    /// gc itself, with Go's 1 GB stack limit, dies somewhat beyond that; a bigger limit would only make the
    /// garbage collector's scanning of the deep stack the bottleneck.</summary>
    private const int ParserStackSize = 128 << 20;

    private sealed class StackShortException : Exception
    {
    }

    private sealed class BailoutException : Exception
    {
    }

    private void Run()
    {
        var counter = Node.BeginIds();
        try
        {
            Next();
            FileOrNil(_result);
        }
        catch (BailoutException)
        {
            // nesting too deep even on a big stack: error already reported, keep the partial tree
        }
        finally
        {
            _result.NodeCount = Node.EndIds(counter);
        }
        _result.Base = _file;
        _result.LineStarts = _lineStarts.ToArray();
    }

    /// <summary>Called at recursive entry points; ensures we never overflow the stack.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void CheckStack()
    {
        if (!RuntimeHelpers.TryEnsureSufficientExecutionStack()) StackShort();
    }

    private void StackShort()
    {
        if (!_onBigStack) throw new StackShortException();
        ErrorAt(Pos(), "nesting too deep (parser stack exhausted)");
        throw new BailoutException();
    }

    // ------------------------------------------------------------------------------------------
    // scanner interface

    private Token _tok => _s.Tok;

    private void Next()
    {
        _prevBase = _base;
        _prevEndLine = _s.EndLine;
        _prevEndCol = _s.EndCol;
        _prevEndOffset = _s.EndOffset;
        _s.Next();
    }

    /// <summary>Position just past the previously consumed token.</summary>
    private Pos PrevEnd => new(_prevBase, _prevEndLine, _prevEndCol, _prevEndOffset);

    /// <summary>Sets n.End to the end of the previously consumed token and returns n.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private T Fin<T>(T n) where T : Node
    {
        n.End = PrevEnd;
        return n;
    }

    // Error and directive handler for the scanner (models the closure in parser.init).
    private void ScannerHandler(uint line, uint col, string msg)
    {
        if (msg[0] != '/')
        {
            ErrorAt(PosAt(line, col), msg);
            return;
        }

        // otherwise it must be a comment containing a line or go: directive.
        // //line directives must be at the start of the line (column 1); /*line*/ anywhere.
        string text = CommentText(msg);
        if ((col == 1 || msg[1] == '*') && text.StartsWith("line ", StringComparison.Ordinal))
        {
            Pos pos; // position immediately following the comment
            if (msg[1] == '/')
            {
                // line comment (newline is part of the comment)
                int start = OffsetOf(line, col);
                pos = new Pos(_file, line + 1, 1, start < 0 ? -1 : start + Encoding.UTF8.GetByteCount(msg) + 1);
            }
            else
            {
                int len = Encoding.UTF8.GetByteCount(msg);
                pos = new Pos(_file, line, col + (uint)len, OffsetOf(line, col) + len);
            }
            UpdateBase(pos, line, col + 2 + 5, text[5..]); // +2 to skip over // or /*
            return;
        }

        // go: directive (but be conservative and test)
        if (text.StartsWith("go:", StringComparison.Ordinal))
        {
            if (_top && msg.StartsWith("//go:build", StringComparison.Ordinal))
            {
                var x = BuildConstraint.TryParse(msg, out _);
                if (x != null)
                {
                    _goVersion = BuildConstraint.GoVersion(x);
                    _buildConstraint = msg[10..].Trim();
                }
            }
            var dpos = PosAt(line, col + 2);
            _result.Directives.Add(new Directive(dpos, text, _s.Blank));
            if ((_mode & ParseMode.Pragmas) != 0)
            {
                _pragma = PragmaDirective(dpos, _s.Blank, text, _pragma);
            }
        }
    }

    private int OffsetOf(uint line, uint col)
    {
        int l = (int)line - 1;
        if (l < 0 || l >= _lineStarts.Count) return -1;
        return _lineStarts[l] + (int)col - 1;
    }

    private static string CommentText(string s)
    {
        if (s.StartsWith("/*", StringComparison.Ordinal)) return s[2..^2];
        int i = s.Length;
        if (s[i - 1] == '\r') i--;
        return s[2..i];
    }

    // takePragma returns the current parsed pragmas and clears them from the parser state.
    private Pragmas? TakePragma()
    {
        var prag = _pragma;
        _pragma = null;
        return prag;
    }

    // clearPragma is called at the end of a statement or other Go form that does NOT accept a pragma:
    // the pragma is reported as unused (models parser.clearPragma + noder.checkUnusedDuringParse).
    private void ClearPragma()
    {
        if (_pragma != null)
        {
            CheckUnusedDuringParse(_pragma);
            _pragma = null;
        }
    }

    // models parser.updateBase
    private void UpdateBase(Pos pos, uint tline, uint tcol, string text)
    {
        var (i, n, ok) = TrailingDigits(text);
        if (i == 0) return; // ignore (not a line directive)

        if (!ok)
        {
            // text has a suffix :xxx but xxx is not a number
            ErrorAt(PosAt(tline, tcol + (uint)i), "invalid line number: " + text[i..]);
            return;
        }

        ulong line, col = 0;
        var (i2, n2, ok2) = TrailingDigits(text[..(i - 1)]);
        if (ok2)
        {
            //line filename:line:col
            (i, i2) = (i2, i);
            line = n2;
            col = n;
            if (col == 0 || col > Syntax.Pos.PosMax)
            {
                ErrorAt(PosAt(tline, tcol + (uint)i2), "invalid column number: " + text[i2..]);
                return;
            }
            text = text[..(i2 - 1)]; // lop off ":col"
        }
        else
        {
            //line filename:line
            line = n;
        }

        if (line == 0 || line > Syntax.Pos.PosMax)
        {
            ErrorAt(PosAt(tline, tcol + (uint)i), "invalid line number: " + text[i..]);
            return;
        }

        // If we have a column (//line filename:line:col form), an empty filename means the previous filename.
        string filename = text[..(i - 1)];
        bool trimmed = false;
        if (filename.Length == 0 && ok2)
        {
            filename = _base.Filename;
            trimmed = _base.Trimmed;
        }
        else if (filename.Length != 0)
        {
            filename = GoPath.Clean(filename);
            if (!GoPath.IsAbs(filename))
            {
                string dir = GoPath.Dir(_file.Filename);
                if (dir != ".") filename = GoPath.Join(dir, filename);
            }
        }

        _base = PosBase.NewLineBase(pos, filename, trimmed, (uint)line, (uint)col);
    }

    // Byte counts here are char counts: directive text before the digits is used only for messages.
    private static (int i, ulong n, bool ok) TrailingDigits(string text)
    {
        int i = text.LastIndexOf(':'); // look from right (Windows filenames may contain ':')
        if (i < 0) return (0, 0, false);
        var digits = text.AsSpan(i + 1);
        bool ok = digits.Length > 0;
        ulong n = 0;
        foreach (var c in digits)
        {
            if (c < '0' || c > '9') { ok = false; break; }
            ulong d = (ulong)(c - '0');
            if (n > (ulong.MaxValue - d) / 10) { ok = false; break; }
            n = n * 10 + d;
        }
        if (!ok) n = 0;
        return (i + 1, n, ok);
    }

    private bool Got(Token tok)
    {
        if (_tok == tok)
        {
            Next();
            return true;
        }
        return false;
    }

    private void Want(Token tok)
    {
        if (!Got(tok))
        {
            SyntaxError("expected " + TokenText.Describe(tok));
            Advance();
        }
    }

    // gotAssign is like got(_Assign) but it also accepts ":=" (and reports an error) for better recovery.
    private bool GotAssign()
    {
        switch (_tok)
        {
            case Token.Define:
                SyntaxError("expected =");
                Next();
                return true;
            case Token.Assign:
                Next();
                return true;
        }
        return false;
    }

    // ------------------------------------------------------------------------------------------
    // Error handling

    private Pos PosAt(uint line, uint col) => new(_base, line, col, OffsetOf(line, col));

    private void ErrorAt(Pos pos, string msg)
    {
        var err = new SyntaxError(pos, msg);
        _first ??= err;
        _errcnt++;
        _errors.Add(err);
    }

    // Errors reported by gc's checkBranches and noder's pragma handler go straight to the error handler:
    // they don't count as parser errors (p.first / p.errcnt).
    private void ReportUncounted(Pos pos, string msg) => _errors.Add(new SyntaxError(pos, msg));

    // models parser.syntaxErrorAt
    private void SyntaxErrorAt(Pos pos, string msg)
    {
        if (_tok == Token.EOF && _first != null) return; // avoid meaningless follow-up errors

        // add punctuation etc. as needed to msg
        if (msg.Length == 0)
        {
            // nothing to do
        }
        else if (msg.StartsWith("in ", StringComparison.Ordinal) || msg.StartsWith("at ", StringComparison.Ordinal) || msg.StartsWith("after ", StringComparison.Ordinal))
        {
            msg = " " + msg;
        }
        else if (msg.StartsWith("expected ", StringComparison.Ordinal))
        {
            msg = ", " + msg;
        }
        else
        {
            // plain error - we don't care about current token
            ErrorAt(pos, "syntax error: " + msg);
            return;
        }

        // determine token string
        string tok = _tok switch
        {
            Token.Name => "name " + _s.Lit,
            Token.Semi => _s.Lit,
            Token.Literal => "literal " + _s.Lit,
            Token.Operator => _s.Op.String(),
            Token.AssignOp => _s.Op.String() + "=",
            Token.IncOp => _s.Op.String() + _s.Op.String(),
            _ => TokenText.Describe(_tok),
        };

        ErrorAt(pos, "syntax error: unexpected " + tok + msg);
    }

    // Convenience methods using the current token position.
    private Pos Pos() => new(_base, _s.Line, _s.Col, _s.Offset);
    private void Error(string msg) => ErrorAt(Pos(), msg);
    private void SyntaxError(string msg) => SyntaxErrorAt(Pos(), msg);

    // The stopset contains keywords that start a statement: good synchronization points after errors.
    private const ulong StopSet =
        1UL << (int)Token.Break | 1UL << (int)Token.Const | 1UL << (int)Token.Continue | 1UL << (int)Token.Defer |
        1UL << (int)Token.Fallthrough | 1UL << (int)Token.For | 1UL << (int)Token.Go | 1UL << (int)Token.Goto |
        1UL << (int)Token.If | 1UL << (int)Token.Return | 1UL << (int)Token.Select | 1UL << (int)Token.Switch |
        1UL << (int)Token.Type | 1UL << (int)Token.Var;

    private static bool Contains(ulong set, Token tok) => (set & (1UL << (int)tok)) != 0;

    // advance consumes tokens until it finds a token of the stopset or followlist. The stopset is only
    // considered inside a function (fnest > 0). With an empty followlist exactly one (non-EOF) token is consumed.
    private void Advance(params ReadOnlySpan<Token> followlist)
    {
        ulong followset = 1UL << (int)Token.EOF; // don't skip over EOF
        if (followlist.Length > 0)
        {
            if (_fnest > 0) followset |= StopSet;
            foreach (var t in followlist) followset |= 1UL << (int)t;
        }

        while (!Contains(followset, _tok))
        {
            Next();
            if (followlist.Length == 0) break;
        }
    }
}
