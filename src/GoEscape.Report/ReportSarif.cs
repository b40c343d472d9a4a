using System.Text;
using System.Text.Json;

namespace GoEscape.Report;

/// <summary>
/// The report as SARIF 2.1.0 (docs/report-format.md): one run; tool.driver with a rule per reason category
/// (<see cref="ReportRules"/>); a result per heap allocation ("escapes to heap", "moved to heap": level warning) and per
/// leaking parameter ("leaking param", "leaking param content", "leaking param: p to result r": level note), located
/// at the -m line's position (relative to %SRCROOT% or GOROOT, run.originalUriBaseIds), in the report's order; the flow
/// that forces it as codeFlows[0].threadFlows[0].locations, one per step. Stack decisions are not results.
/// </summary>
public static class ReportSarif
{
    public const string SchemaUri = "https://json.schemastore.org/sarif-2.1.0.json";

    /// <param name="column">The SARIF column (Unicode code points, 1-based) of a position; default: gc's byte column.</param>
    public static string Render(ReportModel m, Func<ReportPos, int>? column = null)
    {
        column ??= p => p.Column;
        var ruleIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        for (int i = 0; i < ReportRules.All.Count; i++) ruleIndex[ReportRules.All[i].Id] = i;
        using var ms = new MemoryStream();
        using (var w = new Utf8JsonWriter(ms, ReportJson.WriterOptions))
        {
            w.WriteStartObject();
            w.WriteString("$schema", SchemaUri);
            w.WriteString("version", "2.1.0");
            w.WriteStartArray("runs");
            w.WriteStartObject();

            w.WriteStartObject("tool");
            w.WriteStartObject("driver");
            w.WriteString("name", ReportModel.ToolName);
            w.WriteString("version", ReportModel.ToolVersion);
            w.WriteString("semanticVersion", ReportModel.ToolVersion);
            w.WriteString("informationUri", ReportModel.InformationUri);
            w.WriteStartArray("rules");
            foreach (var r in ReportRules.All)
            {
                w.WriteStartObject();
                w.WriteString("id", r.Id);
                w.WriteString("name", r.Name);
                w.WriteStartObject("shortDescription");
                w.WriteString("text", r.Short);
                w.WriteEndObject();
                w.WriteStartObject("fullDescription");
                w.WriteString("text", r.Help);
                w.WriteEndObject();
                w.WriteStartObject("help");
                w.WriteString("text", r.Help);
                w.WriteEndObject();
                w.WriteStartObject("defaultConfiguration");
                w.WriteString("level", r.Id is "leak-to-heap" or "leak-to-result" or "assumed" ? "note" : r.Id is "does-not-escape" or "nonconst-make" ? "none" : "warning");
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndObject();

            w.WriteString("columnKind", "unicodeCodePoints");
            w.WriteStartObject("originalUriBaseIds");
            foreach (var (k, v) in m.Roots)
            {
                w.WriteStartObject(k);
                w.WriteString("uri", v);
                w.WriteEndObject();
            }
            w.WriteEndObject();

            w.WriteStartObject("properties");
            w.WriteNumber("schemaVersion", ReportModel.SchemaVersion);
            w.WriteString("goVersion", ReportModel.GoVersion);
            ReportJson.WriteFlags(w, m.Flags);
            w.WriteEndObject();

            w.WriteStartArray("results");
            foreach (var p in m.Packages)
                foreach (var f in p.Functions)
                    foreach (var i in f.Items)
                    {
                        if (!i.IsFinding) continue;
                        WriteResult(w, p, f, i, ruleIndex, column);
                    }
            w.WriteEndArray();

            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(ms.ToArray()) + "\n";
    }

    private static void WriteResult(Utf8JsonWriter w, ReportPackage p, ReportFunction f, ReportItem i, Dictionary<string, int> ruleIndex, Func<ReportPos, int> column)
    {
        var rule = ReportRules.Get(i.Reason);
        w.WriteStartObject();
        w.WriteString("ruleId", rule.Id);
        w.WriteNumber("ruleIndex", ruleIndex[rule.Id]);
        w.WriteString("level", i.Decision == "leak" ? "note" : "warning");
        w.WriteStartObject("message");
        w.WriteString("text", i.Message + ": " + LowerFirst(rule.Short));
        w.WriteEndObject();
        w.WriteStartArray("locations");
        w.WriteStartObject();
        WritePhysical(w, i.Pos, column);
        w.WriteStartArray("logicalLocations");
        w.WriteStartObject();
        w.WriteString("name", f.Name);
        w.WriteString("fullyQualifiedName", p.ImportPath + "." + f.Name);
        w.WriteString("kind", "function");
        w.WriteEndObject();
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteEndArray();
        var steps = i.Flow.Where(s => s.Pos != null).ToList();
        if (steps.Count > 0)
        {
            w.WriteStartArray("codeFlows");
            w.WriteStartObject();
            w.WriteStartArray("threadFlows");
            w.WriteStartObject();
            w.WriteStartArray("locations");
            foreach (var s in steps)
            {
                w.WriteStartObject();
                w.WriteStartObject("location");
                WritePhysical(w, s.Pos!, column);
                w.WriteStartObject("message");
                w.WriteString("text", s.Text);
                w.WriteEndObject();
                w.WriteEndObject();
                w.WriteStartArray("kinds");
                w.WriteStringValue(s.Reason.Length > 0 ? s.Reason : "flow");
                w.WriteEndArray();
                w.WriteStartObject("properties");
                w.WriteString("flow", $"{s.Dst} ← {s.Ops}{s.Src}");
                if (s.Function != null) w.WriteString("function", s.Function);
                w.WriteEndObject();
                w.WriteEndObject();
            }
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
            w.WriteEndObject();
            w.WriteEndArray();
        }
        w.WriteStartObject("partialFingerprints");
        w.WriteString("goescapeDecision/v1", $"{p.ImportPath}:{f.Name}:{i.Message}");
        w.WriteEndObject();
        w.WriteStartObject("properties");
        w.WriteString("package", p.ImportPath);
        w.WriteString("function", f.Name);
        w.WriteString("decision", i.Decision);
        w.WriteString("expr", i.Expr);
        w.WriteString("what", i.What);
        if (i.Via != null) w.WriteString("via", i.Via);
        w.WriteEndObject();
        w.WriteEndObject();
    }

    private static void WritePhysical(Utf8JsonWriter w, ReportPos pos, Func<ReportPos, int> column)
    {
        w.WriteStartObject("physicalLocation");
        w.WriteStartObject("artifactLocation");
        w.WriteString("uri", pos.Root != null ? UriPath(pos.File) : FileUri(pos.File));
        if (pos.Root != null) w.WriteString("uriBaseId", pos.Root);
        w.WriteEndObject();
        if (pos.Line > 0)
        {
            w.WriteStartObject("region");
            w.WriteNumber("startLine", pos.Line);
            if (pos.Column > 0) w.WriteNumber("startColumn", column(pos));
            w.WriteEndObject();
        }
        w.WriteEndObject();
    }

    private static string LowerFirst(string s) => s.Length > 0 && char.IsUpper(s[0]) && !(s.Length > 1 && char.IsUpper(s[1])) ? char.ToLowerInvariant(s[0]) + s[1..] : s;

    /// <summary>A relative path as a URI reference (segments percent-encoded as RFC 3986 requires).</summary>
    public static string UriPath(string rel) => GoText.PercentEncode(rel, c =>
        c is >= (byte)'a' and <= (byte)'z' or >= (byte)'A' and <= (byte)'Z' or >= (byte)'0' and <= (byte)'9'
            or (byte)'-' or (byte)'_' or (byte)'.' or (byte)'~' or (byte)'/' or (byte)'+' or (byte)'@' or (byte)'=' or (byte)',');

    /// <summary>An absolute path (or a pseudo-file such as &lt;autogenerated&gt;) as a URI.</summary>
    public static string FileUri(string path) => path.StartsWith('/') ? "file://" + UriPath(path) : UriPath(path);

    /// <summary>A directory as a file:// URI ending in "/" (an originalUriBaseIds entry).</summary>
    public static string DirUri(string dir)
    {
        string d = dir.Replace('\\', '/');
        if (!d.EndsWith('/')) d += "/";
        return "file://" + UriPath(d);
    }
}
