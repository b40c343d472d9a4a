namespace GoEscape.Syntax;

/// <summary>A //go:build constraint expression (models go/build/constraint).</summary>
public abstract record ConstraintExpr
{
    /// <summary>Evaluates the expression with the given tag predicate.</summary>
    public abstract bool Eval(Func<string, bool> ok);
}

public sealed record TagConstraint(string Tag) : ConstraintExpr
{
    public override bool Eval(Func<string, bool> ok) => ok(Tag);
    public override string ToString() => Tag;
}

public sealed record NotConstraint(ConstraintExpr X) : ConstraintExpr
{
    public override bool Eval(Func<string, bool> ok) => !X.Eval(ok);
    public override string ToString() => "!" + X;
}

public sealed record AndConstraint(ConstraintExpr X, ConstraintExpr Y) : ConstraintExpr
{
    public override bool Eval(Func<string, bool> ok) => X.Eval(ok) & Y.Eval(ok);
    public override string ToString() => $"({X} && {Y})";
}

public sealed record OrConstraint(ConstraintExpr X, ConstraintExpr Y) : ConstraintExpr
{
    public override bool Eval(Func<string, bool> ok) => X.Eval(ok) | Y.Eval(ok);
    public override string ToString() => $"({X} || {Y})";
}

/// <summary>Parsing of "//go:build" lines and the minimum Go version they imply (constraint.Parse, GoVersion).</summary>
public static class BuildConstraint
{
    /// <summary>Parses a "//go:build expr" line; null if it is not one or has a syntax error.</summary>
    public static ConstraintExpr? Parse(string line)
    {
        if (line.EndsWith('\n')) line = line[..^1];
        if (line.Contains('\n')) return null;
        if (!line.StartsWith("//go:build", StringComparison.Ordinal)) return null;
        line = line["//go:build".Length..];
        if (line.Length > 0 && line[0] != ' ' && line[0] != '\t') return null;
        line = line.Trim(' ', '\t', '\r', '\n', '\v', '\f');
        if (line.Length == 0) return null;
        var p = new ExprParser(line);
        try
        {
            var x = p.Or();
            if (p.Tok != "") return null;
            return x;
        }
        catch (FormatException)
        {
            return null;
        }
    }

    /// <summary>constraint.GoVersion: minimum Go version implied ("go1.21"), or "" if none.</summary>
    public static string GoVersion(ConstraintExpr x)
    {
        int v = MinVersion(x, +1);
        if (v < 0) return "";
        if (v == 0) return "go1";
        return "go1." + v.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static int MinVersion(ConstraintExpr z, int sign)
    {
        switch (z)
        {
            case AndConstraint a:
                {
                    int x = MinVersion(a.X, sign), y = MinVersion(a.Y, sign);
                    return sign < 0 ? Math.Min(x, y) : Math.Max(x, y);
                }
            case OrConstraint o:
                {
                    int x = MinVersion(o.X, sign), y = MinVersion(o.Y, sign);
                    return sign > 0 ? Math.Min(x, y) : Math.Max(x, y);
                }
            case NotConstraint n:
                return MinVersion(n.X, -sign);
            case TagConstraint t:
                if (sign < 0) return -1;
                if (t.Tag == "go1") return 0;
                int i = t.Tag.IndexOf("go1.", StringComparison.Ordinal);
                string v = i < 0 ? "" : t.Tag[(i + 4)..];
                return int.TryParse(v, System.Globalization.NumberStyles.AllowLeadingSign, System.Globalization.CultureInfo.InvariantCulture, out int n2) ? n2 : -1;
        }
        return -1;
    }

    private sealed class ExprParser(string s)
    {
        private int _i;
        public string Tok = "";
        private bool _primed;

        private void Lex()
        {
            while (_i < s.Length && (s[_i] == ' ' || s[_i] == '\t')) _i++;
            if (_i >= s.Length) { Tok = ""; return; }
            char c = s[_i];
            if (c == '(' || c == ')' || c == '!') { Tok = c.ToString(); _i++; return; }
            if (c == '&' || c == '|')
            {
                if (_i + 1 >= s.Length || s[_i + 1] != c) throw new FormatException();
                Tok = new string(c, 2);
                _i += 2;
                return;
            }
            int start = _i;
            while (_i < s.Length && (char.IsLetterOrDigit(s[_i]) || s[_i] == '_' || s[_i] == '.')) _i++;
            if (_i == start) throw new FormatException();
            Tok = s[start.._i];
        }

        private void Ensure()
        {
            if (!_primed) { _primed = true; Lex(); }
        }

        public ConstraintExpr Or()
        {
            var x = And();
            while (Tok == "||") { Lex(); x = new OrConstraint(x, And()); }
            return x;
        }

        private ConstraintExpr And()
        {
            var x = Not();
            while (Tok == "&&") { Lex(); x = new AndConstraint(x, Not()); }
            return x;
        }

        private ConstraintExpr Not()
        {
            Ensure();
            if (Tok == "!") { Lex(); return new NotConstraint(Not()); }
            return Atom();
        }

        private ConstraintExpr Atom()
        {
            Ensure();
            if (Tok == "(")
            {
                Lex();
                var x = Or();
                if (Tok != ")") throw new FormatException();
                Lex();
                return x;
            }
            if (Tok is "" or ")" or "&&" or "||") throw new FormatException();
            var t = new TagConstraint(Tok);
            Lex();
            return t;
        }
    }
}
