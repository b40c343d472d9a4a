using GoEscape.Report;

namespace GoEscape.Tests.Gate;

/// <summary>ReportReader (the input of the planned goescape diff): a rendered report reads back with its items and
/// inlined calls; bad input (truncated, another schema version, a SARIF log, a missing field) is one clear line.</summary>
public sealed class ReportReaderTests
{
    private static ReportModel Sample()
    {
        var pos = new ReportPos("p.go", "SRCROOT", 5, 9);
        var item = new ReportItem(pos, "allocation", "heap", "&T{}", "composite-literal", "returned-address", "&T{} escapes to heap", [], null, null, false);
        var f = new ReportFunction("F", pos, new ReportInlining(pos, true, 12, null), [], [item], [new ReportInlinedCall(new ReportPos("p.go", "SRCROOT", 6, 12), "add")]);
        var flags = new ReportFlags("experimental", 0, false, false, [], "linux", "amd64", ["."]);
        return new ReportModel(flags, [new("SRCROOT", "file:///x/")], [new ReportPackage("p", "p", "p", ".", [f])]);
    }

    [Fact]
    public void RenderedReportReadsBack()
    {
        var m = ReportReader.Read(ReportJson.Render(Sample()));
        var f = Assert.Single(Assert.Single(m.Packages).Functions);
        Assert.Equal("F", f.Name);
        Assert.True(f.Inlining!.CanInline);
        var i = Assert.Single(f.Items);
        Assert.Equal(("heap", "&T{}", "returned-address", 5, 9), (i.Decision, i.Expr, i.Reason, i.Pos.Line, i.Pos.Column));
        var c = Assert.Single(f.InlinedCalls!);
        Assert.Equal(("add", 6, 12), (c.Callee, c.Pos.Line, c.Pos.Column));
        Assert.Equal("experimental", m.Flags.Inlining);
    }

    [Fact]
    public void BadInputIsOneLine()
    {
        string json = ReportJson.Render(Sample());
        var cases = new (string Text, string Want)[]
        {
            (json[..(json.Length / 2)], "truncated JSON"),
            (json.Replace("\"schemaVersion\": 1", "\"schemaVersion\": 2", StringComparison.Ordinal), "report schema version 2; this goescape reads version 1"),
            ("{\"version\": \"2.1.0\", \"runs\": []}", "a SARIF log, not a GoEscape JSON report"),
            ("[1, 2]", "not a GoEscape JSON report"),
            ("{\"schemaVersion\": 1, \"flags\": {\"inlining\": \"off\"}, \"packages\": [{\"importPath\": \"p\", \"functions\": [{\"name\": \"F\", \"items\": [{}]}]}]}", "packages[0].functions[0].items[0].pos: missing or not an object"),
            ("{\"schemaVersion\": 1, ", "truncated JSON"),
            ("not json", "malformed JSON"),
        };
        foreach (var (text, want) in cases)
        {
            var e = Assert.Throws<ReportFormatException>(() => ReportReader.Read(text));
            Assert.Contains(want, e.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', e.Message);
        }
    }
}
