using System.Text;

namespace GoEscape.Loader;

/// <summary>An import in a file header: the path as written (unquoted) and the 1-based line and byte column of its string literal.</summary>
/// <remarks>A //line directive before the import remaps the position: <see cref="File"/> is then the directive's file
/// name (relative names are relative to the file's directory; "" is possible), and Column is 0 when the directive has
/// no column, as go/token reports it.</remarks>
public sealed record ImportSpec(string Path, int Line, int Column, string? File = null);

/// <summary>
/// What the loader reads from a Go file without parsing bodies: the build constraints in the leading comment
/// block, the package clause and the import declarations. Models go/build's read.go (readGoInfo, importReader)
/// together with parseFileHeader and the ImportsOnly mode of go/parser.
/// </summary>
public sealed class FileHeader
{
    /// <summary>Package name from the package clause ("" when it could not be read).</summary>
    public string PackageName { get; private set; } = "";
    /// <summary>Imports in source order (duplicates kept).</summary>
    public IReadOnlyList<ImportSpec> Imports => _imports;
    /// <summary>The //go:build expression, or null.</summary>
    public ConstraintExpr? GoBuild { get; private set; }
    /// <summary>// +build lines in the leading comment block (used only when there is no //go:build line).</summary>
    public IReadOnlyList<ConstraintExpr> PlusBuild => _plusBuild;
    /// <summary>"parsing //go:build line: ..." or "multiple //go:build comments" when the constraint is unusable.</summary>
    public string? BuildConstraintError { get; private set; }
    /// <summary>A syntax error in the header, formatted "line:col: message" (without the file name), or null.</summary>
    public string? SyntaxError => SyntaxErrorMessage is null ? null : $"{SyntaxErrorLine}:{SyntaxErrorColumn}: {SyntaxErrorMessage}";
    /// <summary>The message of the first syntax error (as go/parser words it), or null.</summary>
    public string? SyntaxErrorMessage { get; private set; }
    /// <summary>File name from a //line directive in effect at the syntax error, or null.</summary>
    public string? SyntaxErrorFile { get; private set; }
    public int SyntaxErrorLine { get; private set; }
    public int SyntaxErrorColumn { get; private set; }
    /// <summary>True when the file has <c>import "C"</c>.</summary>
    public bool ImportsC { get; private set; }
    /// <summary>Minimum Go version implied by the //go:build line (constraint.GoVersion), e.g. "go1.21", or "".</summary>
    public string GoVersion => GoBuild is null ? "" : BuildConstraint.GoVersion(GoBuild);

    private readonly List<ImportSpec> _imports = [];
    private readonly List<ConstraintExpr> _plusBuild = [];

    /// <summary>Reads the header of the file at <paramref name="path"/>.</summary>
    /// <remarks>Reads the first 8 KiB and the rest only when the header does not end inside them.</remarks>
    public static FileHeader ReadFile(string path)
    {
        const int Prefix = 8192;
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        long len = fs.Length;
        var buf = new byte[(int)Math.Min(len, Prefix)];
        fs.ReadExactly(buf);
        if (buf.Length == len) return Read(buf);
        if (TryRead(buf, truncated: true) is { } h) return h;
        var all = new byte[len];
        buf.CopyTo(all, 0);
        fs.ReadExactly(all.AsSpan(buf.Length));
        return Read(all);
    }

    /// <summary>Reads a header from file contents.</summary>
    public static FileHeader Read(ReadOnlySpan<byte> content) => TryRead(content, truncated: false)!;

    // With truncated contents, returns null unless the header provably ends inside them.
    private static FileHeader? TryRead(ReadOnlySpan<byte> content, bool truncated)
    {
        if (content.StartsWith("\xEF\xBB\xBF"u8)) content = content[3..];
        var h = new FileHeader();
        h.ReadConstraints(content);
        bool complete = new HeaderParser(content, h).Parse();
        return truncated && !complete ? null : h;
    }

    /// <summary>
    /// Reads only the build constraints in the leading comments of a non-Go source file such as an assembly file
    /// (models go/build's readComments followed by shouldBuild). The package and import members stay empty.
    /// </summary>
    public static FileHeader ReadConstraintsOnly(string path)
    {
        const int Prefix = 8192;
        using var fs = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1, FileOptions.SequentialScan);
        long len = fs.Length;
        var buf = new byte[(int)Math.Min(len, Prefix)];
        fs.ReadExactly(buf);
        var h = new FileHeader();
        if (h.ReadConstraints(buf) || buf.Length == len) return h;
        var all = new byte[len];
        buf.CopyTo(all, 0);
        fs.ReadExactly(all.AsSpan(buf.Length));
        h = new FileHeader();
        h.ReadConstraints(all);
        return h;
    }

    // models go/build.parseFileHeader + the +build scan in shouldBuild; returns true when it stopped at non-comment text.
    private bool ReadConstraints(ReadOnlySpan<byte> content)
    {
        int end = 0;
        bool ended = false, inSlashStar = false;
        string? goBuild = null;
        bool stoppedAtText = false;
        int p = 0;
        while (p < content.Length)
        {
            int nl = content[p..].IndexOf((byte)'\n');
            var line = nl >= 0 ? content.Slice(p, nl) : content[p..];
            p = nl >= 0 ? p + nl + 1 : content.Length;
            line = TrimSpace(line);
            if (line.Length == 0 && !ended) { end = p; continue; }
            if (!line.StartsWith("//"u8)) ended = true;
            if (!inSlashStar && IsGoBuildComment(line))
            {
                if (goBuild is not null)
                {
                    BuildConstraintError = "multiple //go:build comments";
                    return true;
                }
                goBuild = Encoding.UTF8.GetString(line);
            }
            bool stop = false;
            while (line.Length > 0)
            {
                if (inSlashStar)
                {
                    int i = line.IndexOf("*/"u8);
                    if (i >= 0) { inSlashStar = false; line = TrimSpace(line[(i + 2)..]); continue; }
                    break;
                }
                if (line.StartsWith("//"u8)) break;
                if (line.StartsWith("/*"u8)) { inSlashStar = true; line = TrimSpace(line[2..]); continue; }
                stop = true;
                break;
            }
            if (stop) { stoppedAtText = true; break; }
        }

        if (goBuild is not null)
        {
            var x = BuildConstraint.TryParse(goBuild, out var err);
            if (x is null) BuildConstraintError = "parsing //go:build line: " + err;
            else GoBuild = x;
            return stoppedAtText;
        }
        // No //go:build line: honour // +build lines in content[:end].
        var head = content[..end];
        while (head.Length > 0)
        {
            int nl = head.IndexOf((byte)'\n');
            var line = nl >= 0 ? head[..nl] : head;
            head = nl >= 0 ? head[(nl + 1)..] : default;
            line = TrimSpace(line);
            if (!line.StartsWith("//"u8) || line.IndexOf("+build"u8) < 0) continue;
            var text = Encoding.UTF8.GetString(line);
            if (!BuildConstraint.IsPlusBuild(text)) continue;
            if (BuildConstraint.TryParse(text, out _) is { } x) _plusBuild.Add(x);
        }
        return stoppedAtText;
    }

    private static bool IsGoBuildComment(ReadOnlySpan<byte> line)
    {
        if (!line.StartsWith("//go:build"u8)) return false;
        var rest = line[10..];
        return rest.Length == 0 || TrimSpace(rest).Length < rest.Length;
    }

    private static ReadOnlySpan<byte> TrimSpace(ReadOnlySpan<byte> s)
    {
        int i = 0, j = s.Length;
        while (i < j && IsAsciiSpace(s[i])) i++;
        while (j > i && IsAsciiSpace(s[j - 1])) j--;
        return s[i..j];
    }

    private static bool IsAsciiSpace(byte b) => b is (byte)' ' or (byte)'\t' or (byte)'\n' or (byte)'\r' or (byte)'\v' or (byte)'\f';

    // models go/build.isValidImport
    internal static bool IsValidImport(string s)
    {
        const string illegal = "!\"#$%&'()*,:;<=>?[\\]^{|}`\uFFFD";
        if (s.Length == 0) return false;
        foreach (var r in s.EnumerateRunes())
        {
            if (!IsGraphic(r) || Rune.IsWhiteSpace(r) || (r.IsBmp && illegal.Contains((char)r.Value))) return false;
        }
        return true;
    }

    private static bool IsGraphic(Rune r)
    {
        var cat = Rune.GetUnicodeCategory(r);
        return cat switch
        {
            System.Globalization.UnicodeCategory.Control or System.Globalization.UnicodeCategory.Format
                or System.Globalization.UnicodeCategory.Surrogate or System.Globalization.UnicodeCategory.PrivateUse
                or System.Globalization.UnicodeCategory.OtherNotAssigned or System.Globalization.UnicodeCategory.LineSeparator
                or System.Globalization.UnicodeCategory.ParagraphSeparator => false,
            System.Globalization.UnicodeCategory.SpaceSeparator => r.Value == ' ' || r.Value == 0x3000 || r.Value >= 0x2000,
            _ => true,
        };
    }

    /// <summary>A tiny tokenizer + parser for "package X; import (...)" (go/parser in ImportsOnly mode).</summary>
    private ref struct HeaderParser
    {
        private readonly ReadOnlySpan<byte> _src;
        private readonly FileHeader _h;
        private int _pos;
        private int _line;
        private int _lineStart;
        // current token
        private Tok _tok;
        private string _lit;
        private int _tokLine, _tokCol;
        private string? _tokFile;
        // the //line directive in effect (models go/token's line info): from _altOffset on, positions are remapped
        private int _altOffset = -1, _altActualLine, _altLine, _altCol;
        private string? _altFile;
        private bool _insertSemi;

        private enum Tok { EOF, Ident, String, Semi, LParen, RParen, Dot, Other }

        public HeaderParser(ReadOnlySpan<byte> src, FileHeader h)
        {
            _src = src;
            _h = h;
            _line = 1;
            _lit = "";
        }

        /// <summary>Parses the header; returns true when it stopped cleanly at a complete token after the imports
        /// (so that reading more of the file could not change the result).</summary>
        public bool Parse()
        {
            ParseHeader();
            return _h.SyntaxErrorMessage is null && _tok != Tok.EOF && _pos < _src.Length;
        }

        // SourceFile = PackageClause ";" { ImportDecl ";" } ...
        private void ParseHeader()
        {
            Next();
            if (_tok != Tok.Ident || _lit != "package") { Error("expected 'package', found " + Describe()); return; }
            Next();
            if (_tok != Tok.Ident) { Error("expected 'IDENT', found " + Describe()); return; }
            if (IsKeyword(_lit)) { Error("expected 'IDENT', found '" + _lit + "'"); return; }
            _h.PackageName = _lit;
            Next();
            if (!ExpectSemi()) return;
            // ImportDecl = "import" ( ImportSpec | "(" { ImportSpec ";" } ")" ) .
            while (_tok == Tok.Ident && _lit == "import")
            {
                Next();
                if (_tok == Tok.LParen)
                {
                    Next();
                    while (_tok != Tok.RParen && _tok != Tok.EOF)
                    {
                        if (!ImportSpec()) return;
                        if (_tok == Tok.Semi) Next();
                        else if (_tok != Tok.RParen) { Error("expected ';', found " + Describe()); return; }
                    }
                    if (_tok != Tok.RParen) { Error("expected ')', found " + Describe()); return; }
                    Next();
                }
                else if (!ImportSpec()) return;
                if (!ExpectSemi()) return;
            }
        }

        private bool ExpectSemi()
        {
            if (_tok == Tok.Semi) { Next(); return true; }
            if (_tok == Tok.EOF) return true;
            Error("expected ';', found " + Describe());
            return false;
        }

        private bool ImportSpec()
        {
            // the position recorded is the spec's (its name when there is one), like ast.ImportSpec.Pos
            int specLine = _tokLine, specCol = _tokCol;
            var specFile = _tokFile;
            if (_tok == Tok.Dot || _tok == Tok.Ident) Next();
            if (_tok != Tok.String)
            {
                Error(_tok == Tok.Ident ? "import path must be a string" : "missing import path");
                return false;
            }
            if (!IsValidImport(_lit))
            {
                Error("invalid import path: " + _lit);
                _h._imports.Clear();
                return false;
            }
            _h._imports.Add(new ImportSpec(_lit, specLine, specCol, specFile));
            if (_lit == "C") _h.ImportsC = true;
            Next();
            return true;
        }

        private readonly string Describe() => _tok switch
        {
            Tok.EOF => "'EOF'",
            Tok.Semi => _lit == "\n" ? "newline" : "';'",
            Tok.Ident => IsKeyword(_lit) ? "'" + _lit + "'" : _lit,
            Tok.String => "\"" + _lit + "\"",
            _ => "'" + _lit + "'",
        };

        private static bool IsKeyword(string s) => s is "break" or "case" or "chan" or "const" or "continue" or "default"
            or "defer" or "else" or "fallthrough" or "for" or "func" or "go" or "goto" or "if" or "import" or "interface"
            or "map" or "package" or "range" or "return" or "select" or "struct" or "switch" or "type" or "var";

        private void Error(string msg)
        {
            if (_h.SyntaxErrorMessage is not null) return;
            _h.SyntaxErrorMessage = msg;
            _h.SyntaxErrorFile = _tokFile;
            _h.SyntaxErrorLine = _tokLine;
            _h.SyntaxErrorColumn = _tokCol;
        }

        private void Next()
        {
            while (true)
            {
                // skip whitespace (newline may produce a semicolon)
                while (_pos < _src.Length)
                {
                    byte c = _src[_pos];
                    if (c == '\n')
                    {
                        if (_insertSemi) { SetTok(Tok.Semi, "\n", _pos); _insertSemi = false; NewLine(); return; }
                        NewLine();
                        continue;
                    }
                    if (c is (byte)' ' or (byte)'\t' or (byte)'\r') { _pos++; continue; }
                    break;
                }
                if (_pos >= _src.Length)
                {
                    if (_insertSemi) { SetTok(Tok.Semi, "\n", _pos); _insertSemi = false; return; }
                    SetTok(Tok.EOF, "", _pos);
                    return;
                }
                int start = _pos;
                byte ch = _src[_pos];
                if (ch == '/' && _pos + 1 < _src.Length && _src[_pos + 1] == '/')
                {
                    int nl = _src[_pos..].IndexOf((byte)'\n');
                    int end = nl < 0 ? _src.Length : _pos + nl;
                    // a //line directive must start at the beginning of a line; it applies from the next line on
                    if (start == _lineStart && _src[start..end].StartsWith("//line "u8))
                        UpdateLineInfo(_src[(start + 7)..end].TrimEnd((byte)'\r'), nl < 0 ? _src.Length : end + 1, _line + 1);
                    _pos = end; // newline handled above (may insert semicolon)
                    continue;
                }
                if (ch == '/' && _pos + 1 < _src.Length && _src[_pos + 1] == '*')
                {
                    int close = _src[(_pos + 2)..].IndexOf("*/"u8);
                    int stop = close < 0 ? _src.Length : _pos + 2 + close + 2;
                    bool hadNewline = false;
                    for (int i = _pos; i < stop; i++)
                        if (_src[i] == '\n') { hadNewline = true; _line++; _lineStart = i + 1; }
                    _pos = stop;
                    if (close >= 0 && _src[start..stop].StartsWith("/*line "u8))
                        UpdateLineInfo(_src[(start + 7)..(stop - 2)], stop, _line);
                    if (close < 0) { SetTok(Tok.Other, "comment", start); Error("comment not terminated"); SetTok(Tok.EOF, "", _pos); return; }
                    if (hadNewline && _insertSemi) { SetTok(Tok.Semi, "\n", start); _insertSemi = false; return; }
                    continue;
                }
                if (IsLetter(ch) || ch >= 0x80)
                {
                    while (_pos < _src.Length && (IsLetter(_src[_pos]) || _src[_pos] is >= (byte)'0' and <= (byte)'9' || _src[_pos] >= 0x80)) _pos++;
                    SetTok(Tok.Ident, Encoding.UTF8.GetString(_src[start.._pos]), start);
                    _insertSemi = !(IsKeyword(_lit) && _lit is not ("break" or "continue" or "fallthrough" or "return"));
                    return;
                }
                switch (ch)
                {
                    case (byte)'"':
                        ScanInterpreted(start);
                        return;
                    case (byte)'`':
                    {
                        int close = _src[(_pos + 1)..].IndexOf((byte)'`');
                        if (close < 0)
                        {
                            SetTok(Tok.String, "", start);
                            Error("raw string literal not terminated");
                            _pos = _src.Length;
                            _tok = Tok.EOF;
                            return;
                        }
                        var raw = _src.Slice(_pos + 1, close);
                        for (int i = 0; i < raw.Length; i++) if (raw[i] == '\n') { _line++; _lineStart = _pos + 1 + i + 1; }
                        SetTok(Tok.String, Encoding.UTF8.GetString(raw).Replace("\r", "", StringComparison.Ordinal), start);
                        _pos += close + 2;
                        _insertSemi = true;
                        return;
                    }
                    case (byte)';': _pos++; SetTok(Tok.Semi, ";", start); _insertSemi = false; return;
                    case (byte)'(': _pos++; SetTok(Tok.LParen, "(", start); _insertSemi = false; return;
                    case (byte)')': _pos++; SetTok(Tok.RParen, ")", start); _insertSemi = true; return;
                    case (byte)'.': _pos++; SetTok(Tok.Dot, ".", start); _insertSemi = false; return;
                    default:
                        _pos++;
                        SetTok(Tok.Other, Encoding.UTF8.GetString(_src[start.._pos]), start);
                        _insertSemi = false;
                        return;
                }
            }
        }

        private void ScanInterpreted(int start)
        {
            var sb = new StringBuilder();
            var bytes = new List<byte>();
            int i = _pos + 1;
            bool bad = false;
            while (true)
            {
                if (i >= _src.Length || _src[i] == '\n')
                {
                    SetTok(Tok.String, "", start);
                    Error("string literal not terminated");
                    _pos = _src.Length;
                    _tok = Tok.EOF;
                    return;
                }
                byte c = _src[i];
                if (c == '"') { i++; break; }
                if (c != '\\') { bytes.Add(c); i++; continue; }
                i++;
                if (i >= _src.Length) continue;
                byte e = _src[i++];
                switch (e)
                {
                    case (byte)'a': bytes.Add(7); break;
                    case (byte)'b': bytes.Add(8); break;
                    case (byte)'f': bytes.Add(12); break;
                    case (byte)'n': bytes.Add(10); break;
                    case (byte)'r': bytes.Add(13); break;
                    case (byte)'t': bytes.Add(9); break;
                    case (byte)'v': bytes.Add(11); break;
                    case (byte)'\\': bytes.Add((byte)'\\'); break;
                    case (byte)'"': bytes.Add((byte)'"'); break;
                    case (byte)'x': bytes.Add((byte)Hex(ref i, 2, ref bad)); break;
                    case (byte)'u': AddRune(bytes, Hex(ref i, 4, ref bad)); break;
                    case (byte)'U': AddRune(bytes, Hex(ref i, 8, ref bad)); break;
                    case >= (byte)'0' and <= (byte)'7':
                    {
                        int v = e - '0';
                        for (int k = 0; k < 2 && i < _src.Length && _src[i] is >= (byte)'0' and <= (byte)'7'; k++) v = v * 8 + (_src[i++] - '0');
                        bytes.Add((byte)v);
                        break;
                    }
                    default: bad = true; break;
                }
            }
            SetTok(Tok.String, Encoding.UTF8.GetString(bytes.ToArray()), start);
            if (bad) Error("unknown escape sequence");
            _pos = i;
            _insertSemi = true;
        }

        private readonly int Hex(ref int i, int n, ref bool bad)
        {
            int v = 0;
            for (int k = 0; k < n; k++)
            {
                if (i >= _src.Length) { bad = true; break; }
                int d = _src[i] switch
                {
                    >= (byte)'0' and <= (byte)'9' => _src[i] - '0',
                    >= (byte)'a' and <= (byte)'f' => _src[i] - 'a' + 10,
                    >= (byte)'A' and <= (byte)'F' => _src[i] - 'A' + 10,
                    _ => -1,
                };
                if (d < 0) { bad = true; break; }
                v = v * 16 + d;
                i++;
            }
            return v;
        }

        private static void AddRune(List<byte> bytes, int v)
        {
            if (!Rune.IsValid(v)) v = 0xFFFD;
            Span<byte> buf = stackalloc byte[4];
            int n = new Rune(v).EncodeToUtf8(buf);
            for (int k = 0; k < n; k++) bytes.Add(buf[k]);
        }

        private static bool IsLetter(byte c) => c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or (byte)'_';

        private void NewLine()
        {
            _pos++;
            _line++;
            _lineStart = _pos;
        }

        private void SetTok(Tok t, string lit, int start)
        {
            _tok = t;
            _lit = lit;
            _tokLine = _line;
            _tokCol = start - _lineStart + 1;
            _tokFile = null;
            if (_altOffset >= 0 && start >= _altOffset)
            {
                // models go/token.(*File).unpack with line info
                int d = _line - _altActualLine;
                _tokFile = _altFile;
                _tokLine = _altLine + d;
                if (_altCol == 0) _tokCol = 0;
                else if (d == 0) _tokCol = _altCol + (start - _altOffset);
            }
        }

        // models go/scanner.(*Scanner).updateLineInfo: "filename:line" or "filename:line:col"; invalid ones are ignored.
        private void UpdateLineInfo(ReadOnlySpan<byte> text, int next, int nextLine)
        {
            static (int I, int N, bool Ok) TrailingDigits(ReadOnlySpan<byte> t)
            {
                int i = t.LastIndexOf((byte)':');
                if (i < 0) return (0, 0, false);
                var digits = t[(i + 1)..];
                long n = 0;
                bool ok = digits.Length > 0;
                foreach (var b in digits)
                {
                    if (b is < (byte)'0' or > (byte)'9' || n > int.MaxValue) { ok = false; break; }
                    n = n * 10 + (b - '0');
                }
                return (i + 1, ok ? (int)Math.Min(n, int.MaxValue) : 0, ok);
            }
            const int MaxLineCol = 1 << 30;
            var (i, n, ok) = TrailingDigits(text);
            if (i == 0 || !ok) return;
            int line, col = 0;
            var (i2, n2, ok2) = TrailingDigits(text[..(i - 1)]);
            if (ok2)
            {
                (line, col) = (n2, n);
                if (col == 0 || col > MaxLineCol) return;
                i = i2;
            }
            else
            {
                line = n;
            }
            if (line == 0 || line > MaxLineCol) return;
            var name = Encoding.UTF8.GetString(text[..(i - 1)]);
            string? file = name.Length == 0 && ok2 ? (_altOffset >= 0 ? _altFile : null) : name;
            _altOffset = next;
            _altActualLine = nextLine;
            _altFile = file;
            _altLine = line;
            _altCol = col;
        }
    }
}
