using GoEscape.Syntax;

namespace GoEscape.Tests.Syntax;

/// <summary>//go: directives: attachment to declarations (as gc's noder does), linknames, build constraints,
/// and gc's directive errors.</summary>
public sealed class PragmaTests
{
    [SkippableFact]
    public void PragmasAttachToTheFollowingFuncDecl()
    {
        const string src = "//go:build linux && (go1.21 || go1.22)\n\npackage p\n\nimport _ \"unsafe\"\n\n//go:noinline\n//go:nosplit\nfunc f() {}\n\nfunc g() {}\n\n//go:noescape\nfunc h(p *int)\n\n//go:uintptrescapes\nfunc u(x uintptr) {}\n\n//go:linkname local runtime.remote\nvar local int\n\n//go:linkname other\n";
        var errs = new ErrorSink();
        var f = Parser.ParseFile("p.go", System.Text.Encoding.UTF8.GetBytes(src), errs, ParseMode.Default, new PragmaOptions { Std = true, PkgPath = "example.com/p.q" });
        Assert.Equal(0, errs.Count);
        Assert.Equal("go1.21", f.GoVersion);
        Assert.Equal("linux && (go1.21 || go1.22)", f.BuildConstraint);
        Assert.Equal(PragmaFlags.GoBuildPragma, f.Pragma!.Flags);
        var fd = f.DeclList.OfType<FuncDecl>().ToDictionary(d => d.Name.Value);
        Assert.Equal(PragmaFlags.Noinline | PragmaFlags.Nosplit | PragmaFlags.NoCheckPtr, fd["f"].Pragma!.Flags);
        Assert.Equal(["go:noinline", "go:nosplit"], fd["f"].Pragma!.Directives.Select(d => d.Text).ToArray());
        Assert.Null(fd["g"].Pragma);
        Assert.True(fd["h"].Pragma!.Has(PragmaFlags.Noescape));
        Assert.Null(fd["h"].Body);
        Assert.Equal(PragmaFlags.UintptrEscapes | PragmaFlags.UintptrKeepAlive, fd["u"].Pragma!.Flags);
        Assert.Equal(2, f.Linknames.Count);
        Assert.Equal(new Linkname(f.Linknames[0].Pos, false, "local", "runtime.remote"), f.Linknames[0]);
        Assert.Equal("example.com/p%2eq.other", f.Linknames[1].Remote);
        Assert.Equal("p.go:19:3", f.Linknames[0].Pos.Format());
    }

    [SkippableFact]
    public void DirectiveErrors()
    {
        const string src = "package p\n\nfunc f() {} //go:noinline\n\nfunc g() {\n\t//go:noinline\n\tx := 1\n\t_ = x\n}\n\n//go:embed\nvar v string\n";
        var errs = new ErrorSink();
        Parser.ParseFile("p.go", System.Text.Encoding.UTF8.GetBytes(src), errs);
        Assert.Equal([
            "p.go:3:15: misplaced compiler directive",
            "p.go:6:4: misplaced compiler directive",
            "p.go:11:3: usage: //go:embed pattern...",
        ], errs.Sorted().Select(e => e.ToString()).ToArray());
    }

    /// <summary>test/directive.go and test/directive2.go: directive errors of the parser plus the placement
    /// checks must reproduce gc's output (gc stops after 10 errors).</summary>
    [SkippableTheory]
    [InlineData("directive.go")]
    [InlineData("directive2.go")]
    [InlineData("fixedbugs/issue18459.go")]
    public void MatchesGcOnDirectiveTests(string rel)
    {
        var goroot = SyntaxTestEnv.GoRoot;
        var path = Path.Combine(goroot, "test", rel);
        var (_, so, se) = SyntaxTestEnv.RunGo(goroot, Path.GetDirectoryName(path)!, "tool", "compile", "-p", "p", "-o", Path.Combine(Path.GetTempPath(), $"goescape-gc-{Guid.NewGuid():N}.o"), Path.GetFileName(path));
        var expected = (so + se).Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.EndsWith("too many errors", StringComparison.Ordinal)).ToArray();
        var errs = new ErrorSink();
        var f = Parser.ParseFile(Path.GetFileName(path), System.IO.File.ReadAllBytes(path), errs);
        PragmaChecks.CheckPlacement(f, (p, m) => errs.Report(new SyntaxError(p, m)));
        Assert.Equal(expected, errs.Sorted().Select(e => e.ToString()).ToArray());
    }
}
