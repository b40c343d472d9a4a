using System.Text;
using GoEscape.Loader;

namespace GoEscape.Tests.Loader;

public sealed class FileHeaderTests
{
    private static FileHeader Read(string src) => FileHeader.Read(Encoding.UTF8.GetBytes(src));

    [Fact]
    public void ReadsPackageAndImports()
    {
        var h = Read("// Copyright\n\n// Package p does things.\npackage p // comment\n\nimport \"fmt\"\nimport (\n\tx \"a/b\"\n\t. \"c\"; _ `d`\n)\nimport \"C\"\n\nfunc f() { import_ := 1 }\n");
        Assert.Null(h.SyntaxError);
        Assert.Equal("p", h.PackageName);
        Assert.Equal(["fmt", "a/b", "c", "d", "C"], h.Imports.Select(i => i.Path));
        Assert.Equal(new ImportSpec("a/b", 8, 2), h.Imports[1]);
        Assert.Equal(new ImportSpec("d", 9, 9), h.Imports[3]);
        Assert.True(h.ImportsC);
    }

    [Fact]
    public void GoBuildInLeadingComments()
    {
        var h = Read("// Copyright\n\n//go:build linux && go1.22\n\n// Package doc\npackage p\n");
        Assert.Equal("linux && go1.22", h.GoBuild!.ToString());
        Assert.Equal("go1.22", h.GoVersion);
        Assert.Empty(h.PlusBuild);
    }

    [Fact]
    public void PlusBuildNeedsBlankLineBeforePackage()
    {
        Assert.Single(Read("// +build linux\n\npackage p\n").PlusBuild);
        Assert.Empty(Read("// +build linux\npackage p\n").PlusBuild); // part of the package doc comment
        Assert.Null(Read("package p\n//go:build linux\n").GoBuild);
    }

    [Fact]
    public void ConstraintErrors()
    {
        Assert.Equal("multiple //go:build comments", Read("//go:build a\n//go:build b\n\npackage p\n").BuildConstraintError);
        Assert.Equal("parsing //go:build line: unexpected end of expression", Read("//go:build a &&\n\npackage p\n").BuildConstraintError);
    }

    [Fact]
    public void LineDirectivesRemapImportPositions()
    {
        // like go/token: a //line directive without column makes columns unknown (0)
        var h = Read("package p\n//line x.go:10\nimport \"fmt\"\nimport \"os\"\n");
        Assert.Equal([new ImportSpec("fmt", 10, 0, "x.go"), new ImportSpec("os", 11, 0, "x.go")], h.Imports);
        h = Read("package p\n/*line y.go:20:5*/import \"fmt\"\nimport \"os\"\n");
        Assert.Equal([new ImportSpec("fmt", 20, 12, "y.go"), new ImportSpec("os", 21, 8, "y.go")], h.Imports);
        h = Read("package p\n //line x.go:10\nimport \"fmt\"\n"); // not at the start of the line: ignored
        Assert.Equal([new ImportSpec("fmt", 3, 8)], h.Imports);
        h = Read("package p\n//line x.go:bad\nimport \"fmt\"\n");
        Assert.Equal([new ImportSpec("fmt", 3, 8)], h.Imports);
    }

    [Theory]
    [InlineData("package p; import \"fmt", "1:19: string literal not terminated")]
    [InlineData("func f() {}", "1:1: expected 'package', found 'func'")]
    [InlineData("package p\nimport \"a b\"\n", "2:8: invalid import path: a b")]
    [InlineData("package p\nimport x\n", "2:9: missing import path")]
    public void SyntaxErrors(string src, string expected) => Assert.Equal(expected, Read(src).SyntaxError);
}
