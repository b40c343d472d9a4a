namespace GoEscape.Syntax;

/// <summary>Lexical tokens (gc's syntax.token). Values below 64 so they fit a ulong set.</summary>
public enum Token : byte
{
    None = 0,
    EOF,
    // names and literals
    Name,
    Literal,
    // operators and operations (Operator excludes '*', which is Star)
    Operator, // op
    AssignOp, // op=
    IncOp,    // opop
    Assign,   // =
    Define,   // :=
    Arrow,    // <-
    Star,     // *
    // delimiters
    Lparen, Lbrack, Lbrace, Rparen, Rbrack, Rbrace, Comma, Semi, Colon, Dot, DotDotDot,
    // keywords
    Break, Case, Chan, Const, Continue, Default, Defer, Else, Fallthrough, For, Func, Go, Goto, If,
    Import, Interface, Map, Package, Range, Return, Select, Struct, Switch, Type, Var,
}

/// <summary>Kinds of basic literals (gc's syntax.LitKind).</summary>
public enum LitKind : byte { IntLit, FloatLit, ImagLit, RuneLit, StringLit }

/// <summary>Operators (gc's syntax.Operator). None (0) means "no operation" (e.g. plain '=' assignment).</summary>
public enum Operator : byte
{
    None = 0,
    Def,   // :   (the ':' in ':=')
    Not,   // !
    Recv,  // <-
    Tilde, // ~
    OrOr,  // ||
    AndAnd, // &&
    Eql, Neq, Lss, Leq, Gtr, Geq, // == != < <= > >=
    Add, Sub, Or, Xor,            // + - | ^
    Mul, Div, Rem, And, AndNot, Shl, Shr, // * / % & &^ << >>
}

/// <summary>Channel direction; Both (0) means bidirectional (gc's ChanDir).</summary>
public enum ChanDir : byte { Both = 0, SendOnly = 1, RecvOnly = 2 }

public static class TokenText
{
    private static readonly string[] TokenStrings =
    [
        "", "EOF", "name", "literal", "op", "op=", "opop", "=", ":=", "<-", "*",
        "(", "[", "{", ")", "]", "}", ",", ";", ":", ".", "...",
        "break", "case", "chan", "const", "continue", "default", "defer", "else", "fallthrough", "for", "func",
        "go", "goto", "if", "import", "interface", "map", "package", "range", "return", "select", "struct",
        "switch", "type", "var",
    ];

    private static readonly string[] OperatorStrings =
    [
        "", ":", "!", "<-", "~", "||", "&&", "==", "!=", "<", "<=", ">", ">=", "+", "-", "|", "^",
        "*", "/", "%", "&", "&^", "<<", ">>",
    ];

    /// <summary>gc's token.String() (debug spelling).</summary>
    public static string String(this Token t) => TokenStrings[(int)t];

    /// <summary>gc's Operator.String().</summary>
    public static string String(this Operator op) => OperatorStrings[(int)op];

    /// <summary>User-facing spelling used in error messages (gc's tokstring).</summary>
    public static string Describe(Token t) => t switch
    {
        Token.Comma => "comma",
        Token.Semi => "semicolon or newline",
        >= Token.Break and <= Token.Var => "keyword " + TokenStrings[(int)t],
        _ => TokenStrings[(int)t],
    };

    /// <summary>Binary operator precedence (gc's precOrOr..precMul = 1..5); 0 for non-binary.</summary>
    public static int Precedence(this Operator op) => op switch
    {
        Operator.OrOr => 1,
        Operator.AndAnd => 2,
        Operator.Eql or Operator.Neq or Operator.Lss or Operator.Leq or Operator.Gtr or Operator.Geq => 3,
        Operator.Add or Operator.Sub or Operator.Or or Operator.Xor => 4,
        Operator.Mul or Operator.Div or Operator.Rem or Operator.And or Operator.AndNot or Operator.Shl or Operator.Shr => 5,
        _ => 0,
    };

    internal static bool IsKeyword(Token t) => t >= Token.Break && t <= Token.Var;
}
