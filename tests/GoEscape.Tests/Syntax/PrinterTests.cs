using GoEscape.Syntax;

namespace GoEscape.Tests.Syntax;

/// <summary>Printer.String must print expressions like gc's syntax.String (ShortForm): the expected strings
/// are taken from gc 1.27's "invalid operation: X + true (mismatched types ...)" messages.</summary>
public sealed class PrinterTests
{
    [Theory]
    [InlineData("func(x int) int { return x } + true", "func(x int) int {…} + true")]
    [InlineData("func() {} + true", "func() {} + true")]
    [InlineData("[]int{1, 2} + true", "[]int{…} + true")]
    [InlineData("T{a: 1} + true", "T{…} + true")]
    [InlineData("struct {\n\ta, b int\n\tc    string `tag`\n}{} + true", "struct{a, b int; c string `tag`}{} + true")]
    [InlineData("map[string]chan<- int{} + true", "map[string]chan<- int{} + true")]
    [InlineData("x[1:2] + true", "x[1:2] + true")]
    [InlineData("x[1:2:3] + true", "x[1:2:3] + true")]
    [InlineData("x[:] + true", "x[:] + true")]
    [InlineData("g(x, 1, \"s\") + true", "g(x, 1, \"s\") + true")]
    [InlineData("g(x...) + true", "g(x...) + true")]
    [InlineData("-m[\"k\"] + true", "-m[\"k\"] + true")]
    [InlineData("(*T)(nil) + true", "(*T)(nil) + true")]
    [InlineData("(<-c) + true", "(<-c) + true")]
    [InlineData("[...]int{1} + true", "[...]int{…} + true")]
    [InlineData("[3]func(a, b int, c ...string) (r int){} + true", "[3]func(a, b int, c ...string) (r int){} + true")]
    [InlineData("chan (<-chan int)(nil) + true", "chan (<-chan int)(nil) + true")]
    [InlineData("'x' + 1.5i + 0x1p3 + true", "'x' + 1.5i + 0x1p3 + true")]
    [InlineData("i.(interface{ M(int) (string, error) })", "i.(interface{M(int) (string, error)})")]
    public void ShortFormLikeGc(string expr, string expected)
    {
        var (f, errs) = SyntaxTestEnv.Parse("p.go", "package p\n\nfunc f() {\n\t_ = " + expr + "\n}\n");
        Assert.Equal(0, errs.Count);
        var assign = (AssignStmt)((FuncDecl)f.DeclList[0]).Body!.List[0];
        Assert.Equal(expected, Printer.String(assign.Rhs));
    }
}
