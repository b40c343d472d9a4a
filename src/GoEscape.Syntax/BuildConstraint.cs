using System.Globalization;
using System.Text;

namespace GoEscape.Syntax;

/// <summary>
/// A build constraint expression: the parsed form of a <c>//go:build</c> or <c>// +build</c> line.
/// Models go/build/constraint (Expr, TagExpr, NotExpr, AndExpr, OrExpr).
/// </summary>
public abstract record ConstraintExpr
{
    private protected ConstraintExpr() { }

    /// <summary>Evaluates the expression, asking <paramref name="hasTag"/> about each tag.
    /// Both sides of &amp;&amp; and || are always evaluated (go/build records every consulted tag).</summary>
    public abstract bool Eval(Func<string, bool> hasTag);

    /// <summary>Formats the expression in //go:build syntax with minimal parentheses (models constraint.Expr.String).</summary>
    public abstract override string ToString();
}

/// <summary>A single tag such as <c>linux</c> or <c>go1.21</c>.</summary>
public sealed record TagConstraint(string Tag) : ConstraintExpr
{
    public override bool Eval(Func<string, bool> hasTag) => hasTag(Tag);
    public override string ToString() => Tag;
}

/// <summary>Negation <c>!X</c>.</summary>
public sealed record NotConstraint(ConstraintExpr X) : ConstraintExpr
{
    public override bool Eval(Func<string, bool> hasTag) => !X.Eval(hasTag);
    public override string ToString()
    {
        var s = X.ToString();
        return X is AndConstraint or OrConstraint ? "!(" + s + ")" : "!" + s;
    }
}

/// <summary>Conjunction <c>X &amp;&amp; Y</c>.</summary>
public sealed record AndConstraint(ConstraintExpr X, ConstraintExpr Y) : ConstraintExpr
{
    public override bool Eval(Func<string, bool> hasTag)
    {
        var x = X.Eval(hasTag);
        var y = Y.Eval(hasTag);
        return x && y;
    }
    public override string ToString() => Arg(X) + " && " + Arg(Y);
    private static string Arg(ConstraintExpr e) => e is OrConstraint ? "(" + e + ")" : e.ToString();
}

/// <summary>Disjunction <c>X || Y</c>.</summary>
public sealed record OrConstraint(ConstraintExpr X, ConstraintExpr Y) : ConstraintExpr
{
    public override bool Eval(Func<string, bool> hasTag)
    {
        var x = X.Eval(hasTag);
        var y = Y.Eval(hasTag);
        return x || y;
    }
    public override string ToString() => Arg(X) + " || " + Arg(Y);
    private static string Arg(ConstraintExpr e) => e is AndConstraint ? "(" + e + ")" : e.ToString();
}

/// <summary>A syntax error in a build constraint, with the byte offset in the expression text.</summary>
public sealed class ConstraintSyntaxException(int offset, string message) : Exception(message)
{
    public int Offset { get; } = offset;
}

/// <summary>
/// Parser and helpers for build constraint lines. Models go/build/constraint (Parse, IsGoBuild,
/// IsPlusBuild, GoVersion): the one model of build constraints, used by the parser (a file's //go:build Go version,
/// as noder reads it) and by the loader (file selection, go/build's rules).
/// </summary>
public static class BuildConstraint
{
    private const int MaxSize = 1000;
    private const int MaxOldSize = 100;

    /// <summary>Parses a single <c>//go:build</c> or <c>// +build</c> line. Returns null and sets
    /// <paramref name="error"/> when the line is not a constraint or has a syntax error.</summary>
    public static ConstraintExpr? TryParse(string line, out string? error)
    {
        error = null;
        try
        {
            return Parse(line);
        }
        catch (ConstraintSyntaxException e)
        {
            error = e.Message;
            return null;
        }
    }

    /// <summary>Parses a constraint line; throws <see cref="ConstraintSyntaxException"/> on error, with the offset in the
    /// expression text after "//go:build" (models constraint.Parse).</summary>
    public static ConstraintExpr Parse(string line)
    {
        if (SplitGoBuild(line, out var text)) return new ExprParser(text).Parse();
        if (SplitPlusBuild(line, out text)) return ParsePlusBuild(text);
        throw new ConstraintSyntaxException(0, "not a build constraint");
    }

    /// <summary>Parses the expression text of a //go:build line (after "//go:build"); throws
    /// <see cref="ConstraintSyntaxException"/> with the byte offset in <paramref name="text"/> (models constraint.parseExpr).</summary>
    public static ConstraintExpr ParseExpr(string text) => new ExprParser(text).Parse();

    /// <summary>Reports whether the line has the form of a //go:build constraint (models constraint.IsGoBuild).</summary>
    public static bool IsGoBuild(string line) => SplitGoBuild(line, out _);

    /// <summary>Reports whether the line has the form of a // +build constraint (models constraint.IsPlusBuild).</summary>
    public static bool IsPlusBuild(string line) => SplitPlusBuild(line, out _);

    // models constraint.splitGoBuild
    private static bool SplitGoBuild(string line, out string expr)
    {
        expr = "";
        if (line.Length > 0 && line[^1] == '\n') line = line[..^1];
        if (line.Contains('\n')) return false;
        if (!line.StartsWith("//go:build", StringComparison.Ordinal)) return false;
        line = GoStrings.TrimSpace(line)["//go:build".Length..];
        var trim = GoStrings.TrimSpace(line);
        if (line.Length == trim.Length && line.Length != 0) return false;
        expr = trim;
        return true;
    }

    // models constraint.splitPlusBuild
    private static bool SplitPlusBuild(string line, out string expr)
    {
        expr = "";
        if (line.Length > 0 && line[^1] == '\n') line = line[..^1];
        if (line.Contains('\n')) return false;
        if (!line.StartsWith("//", StringComparison.Ordinal)) return false;
        line = GoStrings.TrimSpace(line[2..]);
        if (!line.StartsWith("+build", StringComparison.Ordinal)) return false;
        line = line["+build".Length..];
        var trim = GoStrings.TrimSpace(line);
        if (line.Length == trim.Length && line.Length != 0) return false;
        expr = trim;
        return true;
    }

    // models constraint.parsePlusBuildExpr
    private static ConstraintExpr ParsePlusBuild(string text)
    {
        int size = 0;
        ConstraintExpr? x = null;
        foreach (var clause in GoStrings.Fields(text))
        {
            ConstraintExpr? y = null;
            foreach (var lit0 in clause.Split(','))
            {
                var lit = lit0;
                ConstraintExpr z;
                if (lit.StartsWith("!!", StringComparison.Ordinal) || lit == "!")
                {
                    z = new TagConstraint("ignore");
                }
                else
                {
                    bool neg = false;
                    if (lit.StartsWith('!')) { neg = true; lit = lit[1..]; }
                    z = IsValidTag(lit) ? new TagConstraint(lit) : new TagConstraint("ignore");
                    if (neg) z = new NotConstraint(z);
                }
                if (y is null) y = z;
                else
                {
                    if (++size > MaxOldSize) throw new ConstraintSyntaxException(0, "expression too complex for // +build lines");
                    y = new AndConstraint(y, z);
                }
            }
            if (x is null) x = y!;
            else
            {
                if (++size > MaxOldSize) throw new ConstraintSyntaxException(0, "expression too complex for // +build lines");
                x = new OrConstraint(x, y!);
            }
        }
        return x ?? new TagConstraint("ignore");
    }

    internal static bool IsTagRune(Rune c) => Rune.IsLetter(c) || Rune.IsDigit(c) || c.Value == '_' || c.Value == '.';

    private static bool IsValidTag(string word)
    {
        if (word.Length == 0) return false;
        foreach (var r in word.EnumerateRunes())
            if (!IsTagRune(r)) return false;
        return true;
    }

    /// <summary>
    /// The minimum Go version implied by the expression ("go1.21"), or "" if none
    /// (models constraint.GoVersion): e.g. <c>linux &amp;&amp; go1.22</c> gives go1.22, <c>go1.20 || go1.22</c> gives go1.20.
    /// </summary>
    public static string GoVersion(ConstraintExpr x)
    {
        int v = MinVersion(x, +1);
        if (v < 0) return "";
        if (v == 0) return "go1";
        return "go1." + v.ToString(CultureInfo.InvariantCulture);
    }

    private static int MinVersion(ConstraintExpr z, int sign) => z switch
    {
        AndConstraint a => sign < 0 ? Math.Min(MinVersion(a.X, sign), MinVersion(a.Y, sign)) : Math.Max(MinVersion(a.X, sign), MinVersion(a.Y, sign)),
        OrConstraint o => sign < 0 ? Math.Max(MinVersion(o.X, sign), MinVersion(o.Y, sign)) : Math.Min(MinVersion(o.X, sign), MinVersion(o.Y, sign)),
        NotConstraint n => MinVersion(n.X, -sign),
        TagConstraint t => TagVersion(t.Tag, sign),
        _ => -1,
    };

    private static int TagVersion(string tag, int sign)
    {
        if (sign < 0) return -1;
        if (tag == "go1") return 0;
        // strings.Cut(tag, "go1."): the prefix before "go1." is not checked.
        int i = tag.IndexOf("go1.", StringComparison.Ordinal);
        if (i < 0) return -1;
        return GoStrings.TryAtoi(tag.AsSpan(i + 4), out int n) ? n : -1;
    }

    // models constraint.exprParser
    private sealed class ExprParser(string s)
    {
        private int _i;
        private string _tok = "";
        private bool _isTag;
        private int _pos;
        private int _size;

        public ConstraintExpr Parse()
        {
            var x = Or();
            if (_tok.Length != 0) throw new ConstraintSyntaxException(_pos, "unexpected token " + _tok);
            return x;
        }

        private ConstraintExpr Or()
        {
            var x = And();
            while (_tok == "||") x = new OrConstraint(x, And());
            return x;
        }

        private ConstraintExpr And()
        {
            var x = Not();
            while (_tok == "&&") x = new AndConstraint(x, Not());
            return x;
        }

        private ConstraintExpr Not()
        {
            if (++_size > MaxSize) throw new ConstraintSyntaxException(_pos, "build expression too large");
            Lex();
            if (_tok == "!")
            {
                Lex();
                if (_tok == "!") throw new ConstraintSyntaxException(_pos, "double negation not allowed");
                return new NotConstraint(Atom());
            }
            return Atom();
        }

        private ConstraintExpr Atom()
        {
            if (_tok == "(")
            {
                int pos = _pos;
                ConstraintExpr x;
                try
                {
                    x = Or();
                }
                catch (ConstraintSyntaxException e) when (e.Message == "unexpected end of expression")
                {
                    throw new ConstraintSyntaxException(e.Offset, "missing close paren");
                }
                if (_tok != ")") throw new ConstraintSyntaxException(pos, "missing close paren");
                Lex();
                return x;
            }
            if (!_isTag)
            {
                if (_tok.Length == 0) throw new ConstraintSyntaxException(_pos, "unexpected end of expression");
                throw new ConstraintSyntaxException(_pos, "unexpected token " + _tok);
            }
            var tok = _tok;
            Lex();
            return new TagConstraint(tok);
        }

        private void Lex()
        {
            _isTag = false;
            while (_i < s.Length && (s[_i] == ' ' || s[_i] == '\t')) _i++;
            if (_i >= s.Length) { _tok = ""; _pos = _i; return; }
            switch (s[_i])
            {
                case '(' or ')' or '!':
                    _pos = _i++;
                    _tok = s.Substring(_pos, 1);
                    return;
                case '&' or '|':
                    if (_i + 1 >= s.Length || s[_i + 1] != s[_i])
                        throw new ConstraintSyntaxException(_i, "invalid syntax at " + s[_i]);
                    _pos = _i;
                    _i += 2;
                    _tok = s.Substring(_pos, 2);
                    return;
            }
            int end = _i;
            while (end < s.Length)
            {
                if (Rune.DecodeFromUtf16(s.AsSpan(end), out var r, out int n) != System.Buffers.OperationStatus.Done || !IsTagRune(r)) break;
                end += n;
            }
            if (end == _i)
            {
                Rune.DecodeFromUtf16(s.AsSpan(_i), out var c, out _);
                throw new ConstraintSyntaxException(_i, "invalid syntax at " + c.ToString());
            }
            _pos = _i;
            _tok = s[_i..end];
            _i = end;
            _isTag = true;
        }
    }
}
